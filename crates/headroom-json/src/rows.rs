//! The neutral shape selection works on: named columns of typed cells plus a searchable text per row.
//! JSON tables, record maps, JSON Lines and CSV/markdown tables all become `Rows`, so they share one
//! selection policy.

use headroom_marker::{number, quantity};

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

/// Parses a table cell or JSON number text as a typed value (CSV cells are all text). Percentages
/// (`87%`) and human sizes (`12G`, `3.4M`, `1.5Gi`, `16 kB`, `8192 bytes`, binary multiples) are
/// numbers too, so `df -h`'s fullest disk or psql's largest relation is a column maximum.
pub fn infer(cell: &str) -> Val {
    let t = cell.trim();
    match t {
        "" => Val::Missing,
        "null" => Val::Null,
        "true" => Val::Bool(true),
        "false" => Val::Bool(false),
        _ => match number(t).or_else(|| quantity(t)) {
            Some(n) => Val::Num(n),
            None => Val::Str(t.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_percentages_are_numbers() {
        let n = |s: &str| match infer(s) {
            Val::Num(x) => x,
            v => panic!("{s}: {v:?}"),
        };
        assert_eq!(
            (n("87%"), n("4.0K"), n("12G"), n("1.5Gi"), n("16 kB"), n("8192 bytes"), n("2MiB")),
            (87.0, 4096.0, 12.0 * 1024f64.powi(3), 1.5 * 1024f64.powi(3), 16384.0, 8192.0, 2097152.0)
        );
        assert_eq!(infer("1.2.3"), Val::Str("1.2.3".into()));
        assert_eq!(infer("5 min"), Val::Str("5 min".into()));
        assert_eq!(infer("3x"), Val::Str("3x".into()));
    }
}
