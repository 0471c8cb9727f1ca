//! CSV and TSV: the first non-blank line is the header; a record is a line, or several when a quoted
//! field holds newlines. Quotes are special only at the start of a field (RFC 4180), so an apostrophe
//! or a quote inside prose never swallows the lines after it. Records with the header's field count
//! are rows; the rest stay frame lines.

use super::{Format, Parsed, Row};

/// A quoted field may span at most this many lines; longer means the quote was never meant to close.
const MAX_RECORD_LINES: usize = 64;

pub fn csv(lines: &[&str]) -> Option<Parsed> {
    parse(lines, ',', Format::Csv)
}

pub fn tsv(lines: &[&str]) -> Option<Parsed> {
    parse(lines, '\t', Format::Tsv)
}

fn parse(lines: &[&str], d: char, format: Format) -> Option<Parsed> {
    let h = lines.iter().position(|l| !l.trim().is_empty())?;
    // A header with no line after it has no rows (a table of none scores nothing): a minified JSON
    // document is one long line full of commas, and splitting it into cells was most of its detection.
    if !lines[h].contains(d) || lines[h + 1..].iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let (cols, mut i) = record(lines, h, d)?;
    let mut rows = Vec::new();
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        match record(lines, i, d) {
            Some((cells, next)) if cells.len() == cols.len() => {
                rows.push(Row { lines: i..next, cells });
                i = next;
            }
            _ => i += 1,
        }
    }
    Some(Parsed { format, header: Some(h), cols: cols.iter().map(|c| c.trim().to_string()).collect(), rows, ruled: false })
}

/// The fields of the record starting at line `start`, and the line after it; `None` when a quote
/// never closes.
fn record(lines: &[&str], start: usize, d: char) -> Option<(Vec<String>, usize)> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut at_field_start = true;
    let mut i = start;
    loop {
        let mut chars = lines[i].chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' if quoted => quoted = false,
                '"' if at_field_start => quoted = true,
                c if c == d && !quoted => {
                    cells.push(std::mem::take(&mut cur));
                    at_field_start = true;
                    continue;
                }
                c => cur.push(c),
            }
            at_field_start = false;
        }
        i += 1;
        if !quoted {
            cells.push(cur);
            return Some((cells, i));
        }
        if i >= lines.len() || i - start >= MAX_RECORD_LINES {
            return None;
        }
        cur.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_newlines() {
        let lines = ["id,note,n", "1,\"b,c\",2", "2,\"say \"\"hi\"\"", "over two lines\",3", "3,it's \"fine\",4"];
        let p = csv(&lines).unwrap();
        let cells: Vec<Vec<String>> = p.rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(cells[0], ["1", "b,c", "2"]);
        assert_eq!(cells[1], ["2", "say \"hi\"\nover two lines", "3"]);
        assert_eq!(p.rows[1].lines, 2..4);
        assert_eq!(cells[2], ["3", "it's \"fine\"", "4"]);
    }
}
