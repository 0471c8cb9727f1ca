//! Which function bodies the question is about by what they contain: the identifiers (split into their
//! parts), string-literal words and numbers inside each body, scored against the question's words and
//! numbers with BM25. `DEFAULT_TIMEOUT = 30` answers "what is the default timeout" though no function is
//! named after it. Inverse document frequency over this file's bodies keeps a word that every body uses
//! from unfolding them all, and a budget keeps a vague question from unfolding half the file.

use crate::query::{any_part, similar};
use headroom_marker::{ident_spans, numbers};
use std::ops::Range;

/// At most this many bodies unfold for their content alone (exact rare hits come on top).
const TOP_BODIES: usize = 3;
/// A body counts as being about the question when it has at least this many distinct discriminative
/// terms of it, or one number the question names.
const MIN_TERMS: usize = 2;
/// A number from the question found in at most this many bodies is an exact hit: those bodies unfold
/// whatever their score.
const MAX_BODIES_PER_NUMBER: usize = 3;
/// BM25's usual constants: term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// For each body span (byte ranges into `source`, nested or disjoint), whether its content is about
/// `terms`. A body's own text excludes the bodies nested in it, so an outer function (a module wrapper,
/// a `describe` callback) is not about everything its inner functions say.
pub(crate) fn about(source: &str, bodies: &[Range<usize>], terms: &[String]) -> Vec<bool> {
    let n = bodies.len();
    let mut wanted = vec![false; n];
    if n == 0 || terms.is_empty() {
        return wanted;
    }
    let (tf, len) = term_counts(source, bodies, terms);
    let df: Vec<usize> = (0..terms.len())
        .map(|t| tf.iter().filter(|row| row[t] > 0).count())
        .collect();
    // A term in every body, or in more than a third of them, says little about any one of them; a small
    // file still gets two bodies per term, since a question's parts often sit in two functions.
    let discriminative: Vec<bool> = df
        .iter()
        .map(|&d| d > 0 && (d < n || n == 1) && d <= (n / 3).max(2))
        .collect();
    let is_number = |t: usize| terms[t].bytes().all(|b| b.is_ascii_digit());
    let avg = len.iter().sum::<usize>() as f64 / n as f64;
    let mut scored: Vec<(f64, usize)> = Vec::new();
    for (i, row) in tf.iter().enumerate() {
        let hit = |t: usize| row[t] > 0;
        if (0..terms.len()).any(|t| hit(t) && is_number(t) && df[t] <= MAX_BODIES_PER_NUMBER) {
            wanted[i] = true;
        }
        let matched = (0..terms.len()).filter(|&t| hit(t) && discriminative[t]);
        if matched.clone().count() < MIN_TERMS {
            continue;
        }
        let norm = K1 * (1.0 - B + B * len[i] as f64 / avg.max(1.0));
        let score: f64 = matched
            .map(|t| {
                let idf = (1.0 + (n - df[t]) as f64 + 0.5).ln() - (df[t] as f64 + 0.5).ln();
                let f = row[t] as f64;
                idf * f * (K1 + 1.0) / (f + norm)
            })
            .sum();
        scored.push((score, i));
    }
    // Highest score first; ties go to the earlier body, so the choice is deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in scored.iter().take(TOP_BODIES) {
        wanted[i] = true;
    }
    wanted
}

/// Per body, how often each term occurs in its own text, and how many tokens that text has. Each token
/// of the source is given to the innermost body containing it, in one sweep over bodies sorted by start.
fn term_counts(
    source: &str,
    bodies: &[Range<usize>],
    terms: &[String],
) -> (Vec<Vec<u32>>, Vec<usize>) {
    let mut tf = vec![vec![0u32; terms.len()]; bodies.len()];
    let mut len = vec![0usize; bodies.len()];
    let mut order: Vec<usize> = (0..bodies.len()).collect();
    order.sort_by_key(|&i| (bodies[i].start, std::cmp::Reverse(bodies[i].end)));
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    // Every identifier part and number of the file, in order, with the terms it matches (usually none,
    // so usually no allocation).
    let numeric: Vec<bool> = terms
        .iter()
        .map(|t| t.bytes().all(|c| c.is_ascii_digit()))
        .collect();
    let matching = |token: &str, number: bool| -> Vec<usize> {
        (0..terms.len())
            .filter(|&t| {
                if number {
                    numeric[t] && terms[t] == token
                } else {
                    !numeric[t] && similar(token, &terms[t])
                }
            })
            .collect()
    };
    let mut tokens: Vec<(usize, Vec<usize>)> = Vec::new();
    for (s, e) in ident_spans(source) {
        any_part(&source[s..e], |part| {
            tokens.push((s, matching(part, false)));
            false
        });
    }
    let base = source.as_ptr() as usize;
    tokens.extend(numbers(source).map(|n| (n.as_ptr() as usize - base, matching(n, true))));
    tokens.sort_by_key(|t| t.0);
    for (at, matched) in &tokens {
        while open.last().is_some_and(|&b| bodies[b].end <= *at) {
            open.pop();
        }
        while next < order.len() && bodies[order[next]].start <= *at {
            let b = order[next];
            while open
                .last()
                .is_some_and(|&o| bodies[o].end <= bodies[b].start)
            {
                open.pop();
            }
            if bodies[b].end > *at {
                open.push(b);
            }
            next += 1;
        }
        let Some(&b) = open.last() else { continue };
        len[b] += 1;
        for &t in matched {
            tf[b][t] += 1;
        }
    }
    (tf, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str, bodies: &[&str]) -> Vec<Range<usize>> {
        bodies
            .iter()
            .map(|b| {
                let at = source.find(b).unwrap();
                at..at + b.len()
            })
            .collect()
    }

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_body_with_several_rare_question_words_is_about_the_question() {
        let bodies = [
            "{ timeout = DEFAULT_TIMEOUT; raise PoolError(\"pool exhausted\") }",
            "{ return self.size }",
            "{ log(\"closing\"); self.conns.clear() }",
            "{ self.conns.append(conn) }",
        ];
        let src = bodies.join("\n");
        let about = about(
            &src,
            &spans(&src, &bodies),
            &terms(&["default", "timeout", "pool", "exhausted", "error"]),
        );
        assert_eq!(about, [true, false, false, false]);
    }

    #[test]
    fn a_word_in_every_body_unfolds_none() {
        let bodies = ["{ pool.a() }", "{ pool.b() }", "{ pool.c() }"];
        let src = bodies.join("\n");
        assert_eq!(
            about(&src, &spans(&src, &bodies), &terms(&["pool", "take"])),
            [false; 3]
        );
    }

    #[test]
    fn a_named_number_is_an_exact_hit_and_matches_whole_numbers_only() {
        let bodies = [
            "{ buf = alloc(8192) }",
            "{ buf = alloc(81920) }",
            "{ n = 0x8192 }",
        ];
        let src = bodies.join("\n");
        assert_eq!(
            about(&src, &spans(&src, &bodies), &terms(&["8192"])),
            [true, false, false]
        );
    }

    #[test]
    fn an_outer_body_is_scored_on_its_own_text_not_its_inner_functions() {
        let src = "{ setup(); function inner() { DEFAULT_TIMEOUT; pool_exhausted() } other() }\n{ a() }\n{ b() }";
        let outer = 0..src.find('\n').unwrap();
        let inner_at = src.find("{ DEFAULT").unwrap();
        let inner = inner_at..src.find(" other").unwrap();
        let bodies = vec![
            outer,
            inner,
            spans(src, &["{ a() }"])[0].clone(),
            spans(src, &["{ b() }"])[0].clone(),
        ];
        let about = about(src, &bodies, &terms(&["default", "timeout", "exhausted"]));
        assert_eq!(about, [false, true, false, false]);
    }
}
