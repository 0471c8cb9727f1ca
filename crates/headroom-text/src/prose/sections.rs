//! The units a question is matched against: a section (a heading and everything up to the next heading
//! of any level) when the document has headings, else each block. Whole sections are ranked because the
//! answer to "how do I …" is a heading, a sentence, and the code block under it: ranking paragraphs
//! alone keeps the sentence and loses the code.

use super::blocks::{indent, Block, Kind};
use super::bm25;
use std::ops::Range;

/// Block ranges of the units, covering every block in order. An entry or a row starts a unit of its
/// own (a man page's `OPTIONS` is one section of two hundred entries), which runs on over the blocks
/// indented deeper than its term (the entry's later paragraphs); a block back at the term's indentation
/// ends it.
pub fn units(blocks: &[Block], lines: &[&str]) -> Vec<Range<usize>> {
    let sectioned = blocks.iter().any(|b| b.kind == Kind::Heading);
    let mut out = Vec::new();
    let mut start = 0;
    let mut entry_indent: Option<usize> = None;
    for (i, b) in blocks.iter().enumerate() {
        let ends_entry = entry_indent.is_some_and(|t| indent(lines[b.start]) <= t);
        let starts = match b.kind {
            Kind::Heading | Kind::Entry | Kind::Row => true,
            _ => ends_entry || (!sectioned && entry_indent.is_none()),
        };
        if starts && i > start {
            out.push(start..i);
            start = i;
        }
        if starts {
            entry_indent = (b.kind == Kind::Entry).then(|| indent(lines[b.start]));
        }
    }
    if start < blocks.len() {
        out.push(start..blocks.len());
    }
    out
}

/// Units a weaker match than this share of the best one are not worth their bytes.
const MIN_SHARE: f64 = 0.3;

/// An entry (one option of a man page, one row of a list) tops up the whole units only as a stronger
/// match: hundreds of options share the question's common words, and each one kept is one more
/// option, not more depth on the question.
const ENTRY_SHARE: f64 = 0.6;

/// At most this many units are kept whole: a question has a few parts, not hundreds.
const MAX_UNITS: usize = 64;

/// Which units answer the question, and how well each matches. `titles` are the units' heading texts
/// (empty for a unit without one). Greedy cover: each round keeps the unit with the highest BM25 gain,
/// where terms already matched by a kept unit count half, so a question with four parts keeps the
/// section for each part rather than four sections about its most repeated word. The first pick always
/// stays; later ones while they gain at least [`MIN_SHARE`] of the first and fit in `budget` bytes.
pub struct Ranking {
    /// Units kept whole.
    pub whole: Vec<bool>,
    /// Each unit's plain BM25 score (0 without a question).
    pub score: Vec<f64>,
}

pub fn rank(texts: &[&str], titles: &[&str], entries: &[bool], query: Option<&str>, budget: usize) -> Ranking {
    let mut keep = vec![false; texts.len()];
    let mut query_terms = query.map(bm25::terms).unwrap_or_default();
    query_terms.sort_unstable();
    query_terms.dedup();
    if query_terms.is_empty() {
        return Ranking { whole: keep, score: vec![0.0; texts.len()] };
    }
    // A title that names the question's terms is the strongest hint there is: its words count thrice.
    let docs: Vec<Vec<String>> = texts
        .iter()
        .zip(titles)
        .map(|(t, title)| {
            let mut d = bm25::terms(&ranked_text(t));
            let title_terms = bm25::terms(title);
            d.extend(title_terms.iter().chain(&title_terms).cloned());
            d
        })
        .collect();
    let scores = bm25::term_scores(&docs, &query_terms);
    let mut weight = vec![1.0; query_terms.len()];
    let (mut used, mut first) = (0, None);
    for _ in 0..MAX_UNITS {
        let gain = |i: usize| -> f64 { scores[i].iter().zip(&weight).map(|(s, w)| s * w).sum() };
        let fits = |i: usize| first.is_none() || used + texts[i].len() <= budget;
        let Some((best, g)) = (0..texts.len()).filter(|&i| !keep[i] && fits(i)).map(|i| (i, gain(i))).max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            break;
        };
        if g <= 0.0 || first.is_some_and(|f: f64| g < f * MIN_SHARE) {
            break;
        }
        first.get_or_insert(g);
        keep[best] = true;
        used += texts[best].len();
        for (w, s) in weight.iter_mut().zip(&scores[best]) {
            if *s > 0.0 {
                *w *= 0.5;
            }
        }
    }
    // Then the budget left goes to the next best by plain score: a section that repeats a covered part
    // of the question in depth is still better than a first sentence.
    let plain: Vec<f64> = scores.iter().map(|row| row.iter().sum()).collect();
    let top = plain.iter().copied().fold(0.0, f64::max);
    let share = |i: usize| if entries[i] { ENTRY_SHARE } else { MIN_SHARE };
    let mut rest: Vec<usize> = (0..texts.len()).filter(|&i| !keep[i] && plain[i] >= top * share(i) && plain[i] > 0.0).collect();
    rest.sort_by(|a, b| plain[*b].total_cmp(&plain[*a]).then(a.cmp(b)));
    for i in rest.into_iter().take(MAX_UNITS) {
        if used + texts[i].len() <= budget {
            used += texts[i].len();
            keep[i] = true;
        }
    }
    Ranking { whole: keep, score: plain }
}

/// A unit's text as ranked: without lines that are only a link (a table of contents names every
/// section, so it would match every question) and without link targets (`(#null-object-support)`
/// repeats the link's words).
fn ranked_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start().trim_start_matches(|c: char| matches!(c, '*' | '-' | '+' | '.' | ' ') || c.is_ascii_digit());
        if t.starts_with('[') && t.ends_with(')') && t.contains("](") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            out.push_str(&rest[..i + 1]);
            rest = rest[i + 2..].split_once(')').map_or("", |(_, r)| r);
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_run_from_heading_to_heading() {
        let b = |kind, start| Block { kind, start, end: start + 1 };
        let blocks = [b(Kind::Paragraph, 0), b(Kind::Heading, 1), b(Kind::Paragraph, 2), b(Kind::Code, 3), b(Kind::Heading, 4), b(Kind::Paragraph, 5)];
        let lines = ["x"; 6];
        assert_eq!(units(&blocks, &lines), vec![0..1, 1..4, 4..6]);
        assert_eq!(units(&blocks[2..4], &lines), vec![0..1, 1..2]);
    }

    #[test]
    fn the_best_match_stays_even_over_budget() {
        let texts = ["## Nulls\nemit nulls with serializeNulls", "## Versions\nversioning", "## Other\nto emit nulls, plenty of other words here"];
        assert_eq!(rank(&texts, &[""; 4][..texts.len()], &[false; 4][..texts.len()], Some("how do I emit nulls?"), 0).whole, vec![true, false, false]);
        assert_eq!(rank(&texts, &[""; 4][..texts.len()], &[false; 4][..texts.len()], Some("how do I emit nulls?"), 1000).whole, vec![true, false, true]);
        assert_eq!(rank(&texts, &[""; 3], &[false; 3], None, 1000).whole, vec![false, false, false]);
    }

    #[test]
    fn a_second_part_of_the_question_wins_over_more_of_the_first() {
        let texts =
            ["## Nulls\nnulls nulls emit nulls", "## Nulls again\nnulls emit nulls more", "## Versions\nversioning with Since", "## Filler\nunrelated words"];
        assert_eq!(
            rank(&texts, &[""; 4][..texts.len()], &[false; 4][..texts.len()], Some("emit nulls, and versioning?"), 70).whole,
            vec![true, false, true, false]
        );
    }

    #[test]
    fn tables_of_contents_do_not_rank() {
        assert_eq!(ranked_text("1. [Null Object Support](#null-object-support)\n* [Maps](#maps)\nSee [the docs](http://x/y) now.\n"), "See [the docs] now.\n");
    }
}
