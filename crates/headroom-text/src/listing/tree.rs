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
        if c == ' ' || GLYPHS.contains(&c) || (c == '-' && i > 0) {
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
        let protected = rest.is_empty() || is_flagged(line) || query.hits_ident(line) || versions.get(name).is_some_and(|v| v.len() > 1) || !is_leaf;
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
}
