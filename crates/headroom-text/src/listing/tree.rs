//! Glyph trees (`npm ls --all`, `tree`, `cargo tree`). Only leaves are ever dropped, so every kept line
//! keeps its ancestors and the structure stays readable. npm: `deduped` leaves go, except packages present
//! at two or more versions (the classic "why are there two copies" question), flagged lines and query
//! hits. Plain trees: a directory's leaf children beyond the first few go.

use super::{is_flagged, Drop, Plan};
use headroom_marker::Query;
use std::collections::HashMap;

const GLYPHS: &[char] = &['│', '├', '└', '─', '┬', '┼', '┐', '┌', '|', '`', '+', '\\'];

pub fn has_glyphs(line: &str) -> bool {
    line.contains("├") || line.contains("└") || line.contains("|--") || line.contains("`--") || line.contains("+--") || line.contains("\\--")
}

/// Width (in chars) of the glyph/space prefix, and the rest.
fn split(line: &str) -> (usize, &str) {
    let mut chars = 0;
    for (i, c) in line.char_indices() {
        // `tree` indents with no-break spaces (U+00A0) after its `│`.
        if c == ' ' || c == '\u{a0}' || GLYPHS.contains(&c) || (c == '-' && i > 0) {
            chars += 1;
            continue;
        }
        return (chars, &line[i..]);
    }
    (chars, "")
}

/// `@scope/name@1.2.3 deduped` → ("@scope/name", "1.2.3").
fn name_version(rest: &str) -> (&str, &str) {
    let tok = rest.split_whitespace().next().unwrap_or("");
    // Skip the first char (a scope's leading `@`), whatever its width.
    let skip = tok.chars().next().map_or(0, char::len_utf8);
    match tok[skip..].rfind('@') {
        Some(i) => (&tok[..skip + i], &tok[skip + i + 1..]),
        None => (tok, ""),
    }
}

pub fn plan(lines: &[&str], query: &Query, aggressive: bool) -> Plan {
    let parsed: Vec<(usize, &str)> = lines.iter().map(|l| split(l)).collect();
    let mut versions: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, rest) in &parsed {
        let (n, v) = name_version(rest);
        if !v.is_empty() {
            let e = versions.entry(n).or_default();
            if !e.contains(&v) {
                e.push(v);
            }
        }
    }
    let npm = lines.iter().any(|l| l.ends_with(" deduped"));
    let largest = largest_per_directory(&parsed);
    let keep_leaves = if aggressive { 3 } else { 6 };
    let mut drops: Vec<Option<Drop>> = Vec::with_capacity(lines.len());
    let mut prefixes = Vec::with_capacity(lines.len());
    // Leaf children seen so far per depth (reset when a shallower line appears).
    let mut siblings: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (depth, rest) = parsed[i];
        let prefix_len = line.len() - rest.len();
        prefixes.push(line[..prefix_len].to_string());
        let is_leaf = parsed.get(i + 1).is_none_or(|(d, r)| *d <= depth || r.is_empty());
        siblings.truncate(depth + 1);
        siblings.resize(depth + 1, 0);
        if is_leaf {
            siblings[depth] += 1;
        }
        let (name, _) = name_version(rest);
        let protected =
            rest.is_empty() || is_flagged(line) || query.hits_ident(line) || versions.get(name).is_some_and(|v| v.len() > 1) || !is_leaf || largest[i];
        let drop = if protected {
            None
        } else if npm {
            line.ends_with(" deduped").then(|| Drop { what: "deduped", name: name.to_string() })
        } else if siblings[depth] > keep_leaves {
            Some(Drop { what: "leaves", name: name.to_string() })
        } else {
            None
        };
        drops.push(drop);
    }
    Plan { drops, transform: "listing:tree", prefixes, hoist: npm }
}

/// `tree -h` / `tree -s` print each entry's size in brackets (`[ 68K]  isn--1.1.sql`): the largest
/// entry of every directory stays, so "the biggest file in X" survives for every X.
fn largest_per_directory(parsed: &[(usize, &str)]) -> Vec<bool> {
    let size = |rest: &str| {
        rest.strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .and_then(|(s, _)| headroom_marker::quantity(s.trim()).or_else(|| headroom_marker::number(s.trim())))
    };
    let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
    // The nearest shallower line above each depth: the directory an entry belongs to.
    let mut parents: Vec<(usize, usize)> = Vec::new();
    for (i, &(depth, rest)) in parsed.iter().enumerate() {
        while parents.last().is_some_and(|&(d, _)| d >= depth) {
            parents.pop();
        }
        let parent = parents.last().map_or(usize::MAX, |&(_, p)| p);
        if let Some(v) = size(rest) {
            let e = best.entry(parent).or_insert((v, i));
            if v > e.0 {
                *e = (v, i);
            }
        }
        parents.push((depth, i));
    }
    let mut out = vec![false; parsed.len()];
    for (_, i) in best.into_values() {
        out[i] = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_npm_lines() {
        let (d, rest) = split("│ │ ├── es-errors@1.3.0 deduped");
        assert_eq!((d, rest), (8, "es-errors@1.3.0 deduped"));
        assert_eq!(name_version(rest), ("es-errors", "1.3.0"));
        assert_eq!(name_version("@babel/core@7.1.0"), ("@babel/core", "7.1.0"));
    }

    #[test]
    fn the_largest_entry_of_each_directory_stays() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/corpus/shell-tree-postgresql-share/input.txt")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let parsed: Vec<(usize, &str)> = lines.iter().map(|l| split(l)).collect();
        let largest = largest_per_directory(&parsed);
        let i = lines.iter().position(|l| l.ends_with("isn--1.1.sql")).unwrap();
        assert!(largest[i], "{:?}", parsed[i]);
    }
}
