//! Rare values in a template's columns. A template's lines are records with the same shape; a position
//! that takes only a few distinct values (an HTTP status, a level, an exit code, a state) is a
//! categorical column, and the lines where it takes a value that is rare against a dominant one (`502`
//! among `200`s) are the anomalies a reader is looking for, though every token of them is ordinary.

use super::template::Templates;

/// A group needs this many lines before its columns say what is normal.
const MIN_GROUP: usize = 10;
/// A column with more distinct values than this is an id, a time or a free field, not a category.
const MAX_DISTINCT: usize = 12;
/// Positions looked at per line (records put their categorical fields early).
const MAX_POSITIONS: usize = 16;
/// Lines kept per rare value: the first ones and the last.
const PER_VALUE: usize = 2;

/// One value of a column: how often it occurs, its first lines and its last.
struct Seen<'a> {
    value: &'a str,
    count: usize,
    first: Vec<usize>,
    last: usize,
}

/// Indices of lines holding a rare value in a categorical column of their template.
pub fn rare_values(lines: &[&str], t: &Templates) -> Vec<usize> {
    // Per group, per position: the values seen (a short list, searched linearly), or None once the
    // column has too many values to be a category. Indexed, not hashed: this runs on every token.
    let mut columns: Vec<Vec<Option<Vec<Seen>>>> = (0..t.len()).map(|_| Vec::new()).collect();
    for (i, line) in lines.iter().enumerate() {
        let g = t.group_of[i];
        if g == usize::MAX || t.counts[g] < MIN_GROUP {
            continue;
        }
        let cols = &mut columns[g];
        for (p, tok) in line.split_whitespace().take(MAX_POSITIONS).enumerate() {
            if cols.len() <= p {
                cols.resize_with(p + 1, || Some(Vec::new()));
            }
            let Some(values) = cols[p].as_mut() else { continue };
            if let Some(v) = values.iter_mut().find(|v| v.value == tok) {
                v.count += 1;
                if v.first.len() < PER_VALUE {
                    v.first.push(i);
                }
                v.last = i;
            } else if values.len() == MAX_DISTINCT {
                cols[p] = None;
            } else {
                values.push(Seen { value: tok, count: 1, first: vec![i], last: i });
            }
        }
    }
    let mut out = Vec::new();
    for (g, cols) in columns.into_iter().enumerate() {
        let total = t.counts[g];
        for values in cols.into_iter().flatten() {
            let dominant = values.iter().map(|v| v.count).max().unwrap_or(0);
            if values.len() < 2 || dominant * 2 < total {
                continue;
            }
            for v in values.into_iter().filter(|v| v.count * 20 <= total) {
                out.extend(v.first);
                out.push(v.last);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
