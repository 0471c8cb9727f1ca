//! The router's question, "is this block a table, and of which kind?", answered by the same parser the
//! compressor uses, so a block the router sends here is one the compressor can read.

use crate::grid;

/// A table recognised in a sample of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSniff {
    /// `"csv"`, `"tsv"`, `"markdown"` (pipe tables with outer pipes) or `"aligned"` (column-aligned CLI
    /// tables and psql's `a | b` tables).
    pub format: &'static str,
    pub columns: usize,
    /// 0..1: how much of the sample the table explains and how fully its rows fill the columns.
    pub confidence: f32,
    /// One line for humans: the format, columns and rows found.
    pub reason: String,
}

/// Recognises a table in `sample` (a block or its first 64 KB; a cut last line only lowers the
/// confidence). Linear in the sample's size. `None` for prose, logs, listings, code and grep output.
pub fn sniff_table(sample: &str) -> Option<TableSniff> {
    let g = grid::parse(sample)?;
    let mut names = g.cols.iter().take(6).map(String::as_str).collect::<Vec<_>>().join(", ");
    if g.cols.len() > 6 {
        names.push_str(", …");
    }
    Some(TableSniff {
        format: g.format.name(),
        columns: g.cols.len(),
        confidence: g.confidence,
        reason: format!(
            "{} table: {}, {} columns ({names}), {} rows",
            g.format.name(),
            g.header.map_or("no header".to_string(), |h| format!("header on line {}", h + 1)),
            g.cols.len(),
            g.rows.len()
        ),
    })
}
