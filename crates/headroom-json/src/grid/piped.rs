//! Pipe tables: markdown, psql (`a | b` over `---+---`, `(N rows)` footer), sqlite `-box` and mysql.
//! The header is a line with pipes right above a rule; rows are the later lines that split into as
//! many cells. Borders, rules and footers stay frame lines.

use super::{is_rule, Format, Parsed, Row, HEADER_WITHIN};

pub fn parse(lines: &[&str]) -> Option<Parsed> {
    let h = (0..lines.len().saturating_sub(1).min(HEADER_WITHIN)).find(|&i| has_pipe(lines[i]) && !is_rule(lines[i]) && is_rule(lines[i + 1]))?;
    let cols = split(lines[h]);
    let rows: Vec<Row> = (h + 2..lines.len())
        .filter(|&i| has_pipe(lines[i]) && !is_rule(lines[i]))
        .map(|i| Row { lines: i..i + 1, cells: split(lines[i]) })
        .filter(|r| r.cells.len() == cols.len())
        .collect();
    let format = if lines[h].trim_start().starts_with('|') { Format::Markdown } else { Format::Aligned };
    Some(Parsed { format, header: Some(h), cols, rows, ruled: true })
}

fn has_pipe(line: &str) -> bool {
    line.contains(['|', '│'])
}

/// Cells between pipes, trimmed; an outer pipe opens or closes the row rather than a cell.
fn split(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix(['|', '│']).unwrap_or(t);
    let t = t.strip_suffix(['|', '│']).unwrap_or(t);
    t.split(['|', '│']).map(|c| c.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_markdown_psql_and_box_tables() {
        let md = ["| a | b |", "|---|:-:|", "| 1 | x |", "| 2 | y |"];
        let p = parse(&md).unwrap();
        assert_eq!((p.format, p.cols.clone(), p.rows[1].cells.clone()), (Format::Markdown, vec!["a".into(), "b".into()], vec!["2".into(), "y".into()]));
        let psql = [" oid | name ", "-----+------", "  12 | pg_x", "  13 | pg_y", "(2 rows)"];
        let p = parse(&psql).unwrap();
        assert_eq!((p.format, p.rows.len(), p.rows[0].cells[1].as_str()), (Format::Aligned, 2, "pg_x"));
        let boxed = ["┌────┬──────┐", "│ id │ name │", "├────┼──────┤", "│ 1  │ a    │", "└────┴──────┘"];
        let p = parse(&boxed).unwrap();
        assert_eq!((p.header.unwrap(), p.rows.len(), p.rows[0].cells.clone()), (1, 1, vec!["1".into(), "a".into()]));
    }
}
