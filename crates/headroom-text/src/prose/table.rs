//! Markdown tables inside a document. A README whose bulk is a table of rules has one row per rule,
//! and what tells rows apart is often a sparse column: the ✅ that 105 of 112 rules carry. The rows
//! holding a rare value of such a column (the 7 without ✅) are the outliers a question asks about, so
//! they stay, with the header that says what the columns mean; the other rows fold like any list.

/// A table needs this many body rows before its values can be rare.
const MIN_ROWS: usize = 8;

/// A column with more distinct values than this is free text (names, descriptions), not a category.
const MAX_CATEGORIES: usize = 4;

/// A value is rare when at most this share of the rows hold it.
const RARE_SHARE: usize = 8;

/// Marks, per line, the header and separator of every markdown table and its rows with a rare value.
pub fn rare_rows(lines: &[&str]) -> Vec<bool> {
    let mut keep = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let end = (i..lines.len()).find(|&j| !is_row(lines[j])).unwrap_or(lines.len());
        if end - i >= MIN_ROWS + 2 && is_separator(lines[i + 1]) {
            mark_table(&lines[i..end], &mut keep[i..end]);
        }
        i = end + 1;
    }
    keep
}

fn is_row(l: &str) -> bool {
    let t = l.trim();
    t.starts_with('|') && t.len() > 1
}

fn is_separator(l: &str) -> bool {
    l.trim().chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn cells(row: &str) -> Vec<&str> {
    let t = row.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(str::trim).collect()
}

fn mark_table(table: &[&str], keep: &mut [bool]) {
    keep[0] = true;
    keep[1] = true;
    let rows: Vec<Vec<&str>> = table[2..].iter().map(|r| cells(r)).collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for c in 0..width {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for r in &rows {
            let v = r.get(c).copied().unwrap_or("");
            match counts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        if counts.len() < 2 || counts.len() > MAX_CATEGORIES {
            continue;
        }
        for (r, row) in rows.iter().enumerate() {
            let v = row.get(c).copied().unwrap_or("");
            if counts.iter().any(|(x, n)| *x == v && n * RARE_SHARE <= rows.len()) {
                keep[r + 2] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_a_rare_category_stay_with_the_header() {
        let mut t = vec!["| Name | ✅ |", "| :-- | :-- |"];
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let rows: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("| {n} | {} |", if i == 4 { "" } else { "✅" })).collect();
        t.extend(rows.iter().map(String::as_str));
        let keep = rare_rows(&t);
        assert_eq!(keep.iter().enumerate().filter(|(_, k)| **k).map(|(i, _)| i).collect::<Vec<_>>(), vec![0, 1, 6]);
    }
}
