//! The neutral shape selection works on: named columns of typed cells plus a searchable text per row.
//! JSON tables, record maps, JSON Lines and CSV/markdown tables all become `Rows`, so they share one
//! selection policy.

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Missing,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    /// A nested object or array; only its text takes part in matching.
    Other,
}

pub struct Rows {
    pub cols: Vec<String>,
    /// Row-major: `cells[row][col]`.
    pub cells: Vec<Vec<Val>>,
    /// Lower-cased text of each row, for query matching and error words.
    pub texts: Vec<String>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn col(&self, c: usize) -> impl Iterator<Item = &Val> {
        self.cells.iter().map(move |r| r.get(c).unwrap_or(&Val::Missing))
    }
}

/// Parses a table cell or JSON number text as a typed value (CSV cells are all text).
pub fn infer(cell: &str) -> Val {
    let t = cell.trim();
    match t {
        "" => Val::Missing,
        "null" => Val::Null,
        "true" => Val::Bool(true),
        "false" => Val::Bool(false),
        _ => match t.parse::<f64>() {
            Ok(n) if n.is_finite() && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) => Val::Num(n),
            _ => Val::Str(t.to_string()),
        },
    }
}
