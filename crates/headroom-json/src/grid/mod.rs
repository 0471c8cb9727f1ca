//! One model for every text table: CSV/TSV, pipe tables (markdown, psql, sqlite `-box`, mysql) and
//! column-aligned CLI tables (`ps aux`, `df -h`, `kubectl get`, `docker ps`, `ss`, `top -b`). A parsed
//! table keeps the input's lines: each is part of a data row (a quoted CSV field may span lines) or a
//! frame line (preamble, header, separator, border, footer) that compression copies verbatim.
//!
//! Each format's parser proposes a reading; the one with the highest confidence wins, so no format
//! wins merely by being tried first. The router's sniffer and the compressor share this code.

mod aligned;
mod delimited;
mod headerless;
mod piped;

use std::ops::Range;

use crate::rows::{infer, Val};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Markdown,
    Aligned,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Aligned => "aligned",
        }
    }
}

pub struct Row {
    /// The input lines this row was read from.
    pub lines: Range<usize>,
    pub cells: Vec<String>,
}

/// What a format parser found: the header's line (`None`: a headerless listing whose columns are
/// named by their role), column names and data rows.
pub struct Parsed {
    pub format: Format,
    pub header: Option<usize>,
    pub cols: Vec<String>,
    pub rows: Vec<Row>,
    /// A separator or border line vouches for the header, so it need not look like one.
    pub ruled: bool,
}

pub struct Grid<'a> {
    pub format: Format,
    pub lines: Vec<&'a str>,
    pub header: Option<usize>,
    pub cols: Vec<String>,
    pub rows: Vec<Row>,
    /// 0..1: how much of the input the table explains and how well its rows fill the columns.
    pub confidence: f32,
}

/// Below this a reading is not a table.
const MIN_CONFIDENCE: f32 = 0.5;
/// Header lines are looked for among the first lines only (`top` prints a summary first).
pub const HEADER_WITHIN: usize = 16;

type Parser = fn(&[&str]) -> Option<Parsed>;

pub fn parse(text: &str) -> Option<Grid<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let parsers: [Parser; 5] = [piped::parse, delimited::tsv, delimited::csv, aligned::parse, headerless::parse];
    let mut best: Option<(Parsed, f32)> = None;
    for p in parsers {
        let Some(parsed) = p(&lines) else { continue };
        let c = confidence(&lines, &parsed);
        // Ties go to the earlier parser: a psql table also reads as an aligned one, less precisely.
        if c >= MIN_CONFIDENCE && best.as_ref().is_none_or(|b| c > b.1) {
            best = Some((parsed, c));
        }
    }
    let (p, confidence) = best?;
    Some(Grid { format: p.format, lines, header: p.header, cols: p.cols, rows: p.rows, confidence })
}

impl Grid<'_> {
    /// The original text of a row (its lines joined by `\n`).
    pub fn row_text(&self, r: &Row) -> String {
        self.lines[r.lines.clone()].join("\n")
    }
}

fn confidence(lines: &[&str], p: &Parsed) -> f32 {
    if p.cols.len() < 2 || p.rows.is_empty() || p.header.is_some_and(|_| !(p.ruled || plausible_header(p))) {
        return 0.0;
    }
    // Without a header only the lines' shape speaks for the table: a log or listing with a specific
    // detector should win over it.
    let vouched = if p.header.is_some() { 1.0 } else { 0.75 };
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count().max(1);
    let row_lines: usize = p.rows.iter().map(|r| r.lines.len()).sum();
    // Share of the text in rows, allowing for the header and a separator.
    let covered = ((row_lines + 2).min(nonblank) as f32 / nonblank as f32).min(1.0);
    let cells = p.rows.len() * p.cols.len();
    let filled = p.rows.iter().flat_map(|r| &r.cells).filter(|c| !c.trim().is_empty()).count();
    let fill = filled as f32 / cells as f32;
    let many = (p.rows.len() as f32 / 4.0).min(1.0);
    vouched * covered * (0.5 + 0.5 * fill) * (0.6 + 0.4 * many)
}

/// Column names, not data: none looks like a value (a number, time, date or `file:line`), none holds
/// code punctuation, most have a letter, and names rarely recur as values of their own column (a log's
/// level column would).
fn plausible_header(p: &Parsed) -> bool {
    let names = &p.cols;
    let lettered = names.iter().filter(|n| n.chars().any(char::is_alphabetic)).count();
    if lettered * 2 < names.len() || names.iter().any(|n| n.trim().is_empty() || looks_like_value(n)) {
        return false;
    }
    // One recurring name can be chance (`top`'s state column `S` holds `S` for sleeping).
    let recurring = names.iter().enumerate().filter(|(c, name)| p.rows.iter().any(|r| r.cells.get(*c).is_some_and(|v| v == *name))).count();
    recurring * 4 <= names.len()
}

pub fn looks_like_value(name: &str) -> bool {
    let b = name.as_bytes();
    let digit_after = |sep: u8| b.windows(2).any(|w| w[0] == sep && w[1].is_ascii_digit());
    matches!(infer(name), Val::Num(_))
        || name.len() > 64
        || (b.first().is_some_and(u8::is_ascii_digit) && (name.contains([':', '/', '-']) || name.split_whitespace().count() > 1))
        || digit_after(b':')
        || name.contains(['{', '}', ';', '=', '<', '>', '"', '\'', '`'])
}

/// A separator or border line: `---+---`, `|---|:--|`, `+++-===`, `----  ----`, `├──┼──┤`.
pub fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().filter(|c| matches!(c, '-' | '=' | '─' | '━' | '═')).count() >= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '='
                    | '+'
                    | ':'
                    | '|'
                    | ' '
                    | '─'
                    | '━'
                    | '═'
                    | '│'
                    | '┼'
                    | '┬'
                    | '┴'
                    | '├'
                    | '┤'
                    | '┌'
                    | '┐'
                    | '└'
                    | '┘'
                    | '╪'
                    | '╞'
                    | '╡'
            )
        })
}
