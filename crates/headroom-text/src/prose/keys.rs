//! Lines a folded unit keeps besides its first sentences: those that name an identifier of the question,
//! and the rows of a markdown table that hold a rare value (see [`super::table`]).
//! A changelog's `* Remove ``LegacyVersion`` (:issue:`407`)` is one bullet among hundreds in sections
//! that do not rank, and a `max-connections   151` row is one line in a thousand; the question named
//! them, so they stay wherever they are. A name matches as written or as its run of words, so the
//! question's `max_connections` finds `max-connections` and `maxConnections`. A list item keeps its
//! continuation lines.

use super::blocks::indent;
use super::bm25;
use headroom_marker::Query;

/// An identifier on more lines than this share of the document names a topic, not a line.
const MAX_SHARE: usize = 50;
const MIN_HITS: usize = 16;

pub fn mark(lines: &[&str], query: &Query) -> Vec<bool> {
    let mut q = query.clone();
    q.retain_rare_idents(lines, MIN_HITS.max(lines.len() / MAX_SHARE));
    let runs: Vec<Vec<String>> = q.idents.iter().map(|i| bm25::terms(i)).filter(|t| t.len() >= 2).collect();
    let names = |l: &str| {
        if q.hits_ident(l) {
            return true;
        }
        let t = bm25::terms(l);
        runs.iter().any(|r| t.windows(r.len()).any(|w| w == r.as_slice()))
    };
    let mut key = super::table::rare_rows(lines);
    if q.idents.is_empty() {
        return key;
    }
    let mut i = 0;
    while i < lines.len() {
        if key[i] || !names(lines[i]) {
            i += 1;
            continue;
        }
        key[i] = true;
        // A list item runs on over its deeper-indented lines.
        let t = lines[i].trim_start();
        if t.starts_with(['*', '-', '+']) && t[1..].starts_with(' ') {
            let body = indent(lines[i]) + 2;
            while lines.get(i + 1).is_some_and(|n| !n.trim().is_empty() && indent(n) >= body) {
                i += 1;
                key[i] = true;
            }
        }
        i += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_written_or_as_words() {
        let lines = ["* Remove ``LegacyVersion`` (:issue:`407`)", "  and its helpers", "* Other", "max-connections    151", "extra-max-size     1"];
        assert_eq!(mark(&lines, &Query::parse(Some("When was LegacyVersion removed, and what is max_connections?"))), vec![true, true, false, true, false]);
        assert_eq!(mark(&lines, &Query::default()), vec![false; 5]);
    }
}
