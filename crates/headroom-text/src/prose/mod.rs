//! Prose: markdown, reStructuredText and plain documents. Extractive and query-aware at paragraph
//! granularity, so words are never merged and line breaks never lost: headings, code blocks and the
//! first paragraph of every section stay; other paragraphs stay when they carry facts (inline code,
//! identifiers, numbers, versions) or rank high for the question (BM25); near-duplicate paragraphs go.
//! Each run of dropped paragraphs becomes one marker.

mod blocks;
mod bm25;

use crate::builder::Builder;
use crate::query::is_identifier;
use crate::util;
use blocks::Kind;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};
use std::collections::HashSet;

/// A paragraph that names something precisely: inline code, a code-like identifier (`snake_case`,
/// `camelCase`, `a.b`, `f()`), or a version. Plain numbers and capitalised words do not count: in a
/// specification nearly every paragraph has one.
fn carries_facts(text: &str) -> bool {
    if text.contains('`') || text.contains("::") || text.contains("()") {
        return true;
    }
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'' | '[' | ']'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '?' | '*' | '_')))
        .any(|w| w.len() >= 3 && is_identifier(w) && !w.starts_with("http") && !w.contains('@') && !w.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'/'))
}

pub fn compress_prose(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: prose compression drops paragraphs"));
    }
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    let lines = util::split_lines(text);
    let blocks = blocks::split(&lines);
    let paragraphs: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].kind == Kind::Paragraph).collect();
    if paragraphs.len() < 4 {
        return Err(Skip::new("fewer than 4 paragraphs"));
    }
    // A block's text without joining lines: the document's own slice from its first to its last line.
    let joined = |i: usize| -> &str {
        let (s, e) = (blocks[i].start, blocks[i].end);
        let from = lines[s].as_ptr() as usize - text.as_ptr() as usize;
        let to = lines[e - 1].as_ptr() as usize - text.as_ptr() as usize + lines[e - 1].len();
        &text[from..to]
    };
    let docs: Vec<Vec<String>> = blocks.iter().enumerate().map(|(i, _)| bm25::terms(joined(i))).collect();
    let query_terms = opts.query.as_deref().map(bm25::terms).unwrap_or_default();
    let scores = bm25::scores(&docs, &query_terms);
    // The best-ranked quarter of the paragraphs that match at all (at least 3) count as relevant.
    let mut ranked: Vec<usize> = paragraphs.iter().copied().filter(|&i| scores[i] > 0.0).collect();
    ranked.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b)));
    let share = if opts.profile == Profile::Aggressive { 6 } else { 4 };
    ranked.truncate((paragraphs.len() / share).max(3));
    let relevant: HashSet<usize> = ranked.into_iter().collect();

    let mut keep = vec![true; blocks.len()];
    // Near-duplicates are looked for among the last `RECENT` kept paragraphs (bounded cost on huge
    // documents); exact duplicates (same words) anywhere, through a hash set.
    const RECENT: usize = 16;
    let mut seen: std::collections::VecDeque<HashSet<&str>> = std::collections::VecDeque::new();
    let mut exact: HashSet<Vec<&str>> = HashSet::new();
    let mut after_heading = true;
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            Kind::Heading => {
                after_heading = true;
                continue;
            }
            Kind::Code => continue,
            Kind::Paragraph => {}
        }
        let para = joined(i);
        let words: HashSet<&str> = lines[b.start..b.end].iter().flat_map(|l| l.split_whitespace()).collect();
        let mut sorted: Vec<&str> = words.iter().copied().collect();
        sorted.sort_unstable();
        let duplicate = words.len() >= 8 && (exact.contains(&sorted) || seen.iter().any(|s| similar_size(s.len(), words.len()) && jaccard(s, &words) >= 0.9));
        let facts = carries_facts(para) && opts.profile != Profile::Aggressive;
        keep[i] = !duplicate && (after_heading || relevant.contains(&i) || facts);
        after_heading = false;
        if keep[i] {
            seen.push_back(words);
            if seen.len() > RECENT {
                seen.pop_front();
            }
            exact.insert(sorted);
        }
    }
    render(text, opts, &lines, &blocks, &keep)
}

/// Sets whose sizes differ by more than ~20% cannot reach a 0.9 Dice score: skip the intersection.
fn similar_size(a: usize, b: usize) -> bool {
    a.min(b) * 10 >= a.max(b) * 8
}

fn jaccard(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    inter / (a.len() + b.len()) as f64 * 2.0
}

fn render(original: &str, opts: &Options, lines: &[&str], blocks: &[blocks::Block], keep: &[bool]) -> Outcome {
    let mut b = Builder::new(original, opts);
    let total = blocks.iter().filter(|x| x.kind == Kind::Paragraph).count();
    let mut line = 0;
    let mut bi = 0;
    while bi < blocks.len() {
        // Blank lines before the block, as they were.
        while line < blocks[bi].start {
            b.line(lines[line]);
            line += 1;
        }
        if keep[bi] {
            for l in &lines[blocks[bi].start..blocks[bi].end] {
                b.line(l);
            }
            line = blocks[bi].end;
            bi += 1;
            continue;
        }
        let first = bi;
        while bi < blocks.len() && !keep[bi] {
            bi += 1;
        }
        let (from, to) = (blocks[first].start, blocks[bi - 1].end);
        let n = bi - first;
        b.marker(|key| Marker::new(n, "paragraphs", key).of(total).dropped(format!("lines {}..{} without identifiers, numbers or question terms", from + 1, to)));
        line = to;
    }
    while line < lines.len() {
        b.line(lines[line]);
        line += 1;
    }
    b.finish("prose:extract")
}
