//! Rare values in a template's columns. A template's lines are records with the same shape; a position
//! that takes only a few distinct values (an HTTP status, a level, an exit code, a state) is a
//! categorical column, and the lines where it takes a value that is rare against a dominant one (`502`
//! among `200`s) are the anomalies a reader is looking for, though every token of them is ordinary.

use super::template::Templates;
use std::collections::HashMap;

/// A group needs this many lines before its columns say what is normal.
const MIN_GROUP: usize = 10;
/// A column with more distinct values than this is an id, a time or a free field, not a category.
const MAX_DISTINCT: usize = 12;
/// Positions looked at per line (records put their categorical fields early).
const MAX_POSITIONS: usize = 24;
/// Lines kept per rare value: the first ones and the last.
const PER_VALUE: usize = 2;

/// Indices of lines holding a rare value in a categorical column of their template.
pub fn rare_values(lines: &[&str], t: &Templates) -> Vec<usize> {
    // (group, position) -> value -> (count, first lines, last line); None once the column has too many values.
    let mut columns: HashMap<(usize, usize), Option<HashMap<&str, (usize, Vec<usize>, usize)>>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let g = t.group_of[i];
        if g == usize::MAX || t.counts[g] < MIN_GROUP {
            continue;
        }
        for (p, tok) in line.split_whitespace().take(MAX_POSITIONS).enumerate() {
            let Some(values) = columns.entry((g, p)).or_insert_with(|| Some(HashMap::new())) else { continue };
            let e = values.entry(tok).or_insert((0, Vec::new(), i));
            e.0 += 1;
            if e.1.len() < PER_VALUE {
                e.1.push(i);
            }
            e.2 = i;
            if values.len() > MAX_DISTINCT {
                columns.insert((g, p), None);
            }
        }
    }
    let mut out = Vec::new();
    for ((g, _), values) in columns {
        let Some(values) = values else { continue };
        let total = t.counts[g];
        let dominant = values.values().map(|v| v.0).max().unwrap_or(0);
        if values.len() < 2 || dominant * 2 < total {
            continue;
        }
        for (count, first, last) in values.into_values() {
            if count * 20 <= total {
                out.extend(first);
                out.push(last);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
