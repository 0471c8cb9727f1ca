//! The universal line-oriented fallback: for text no specialised compressor recognises, or one that a
//! specialised compressor could not help. It assumes nothing about the format, only that lines are the
//! unit a reader skims. Lines are ranked:
//!
//! 1. always kept: error/warning/failure signals (bounded per template) with the lines that detail them,
//!    lines naming an identifier from the question or matching its words (bounded), with the other
//!    fields of their record, the smallest and largest value of every numeric column of a template (with
//!    the header of their record), lines with a rare value in a categorical column of their template;
//! 2. kept next: the first and last line of every repeated template, the head and tail of the block;
//! 3. kept while the budget lasts: the other lines, those of rare templates and with rare tokens and
//!    shallow indentation first (the outline of an indented document, the anomalies and record
//!    headers of a repetitive one).
//!
//! Dropped runs become markers that count the lines and name their templates with value ranges, and
//! the whole block is stored under the marker's key, so nothing is lost.

use crate::builder::Builder;
use crate::log::{classify, continues_trace, dedup_only, is_variable, mine, outliers, rare_values, render, Class, Templates};
use crate::util;
use headroom_marker::{Options, Outcome, Profile, Query, Skip};
use std::borrow::Cow;
use std::collections::HashMap;

/// Share of the input's bytes that one-off lines may fill (after the always-kept lines).
fn budget_share(profile: Profile) -> f64 {
    if profile == Profile::Aggressive {
        0.1
    } else {
        0.2
    }
}

/// Lines kept at the start and the end of the block: what the tool printed first and its last word.
const EDGE_LINES: usize = 3;
const SEVERE_PER_TEMPLATE: usize = 5;
/// Lines kept for matching words of the question (identifiers are always kept).
const QUERY_LINES: usize = 200;
/// Lines after a kept error that may still belong to it (`DETAIL:`, `Caused by:`, indented frames).
const DETAIL_LINES: usize = 12;

pub fn compress_lines(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    if opts.profile == Profile::Safe {
        return dedup_only(text, opts);
    }
    let raw = util::split_lines(text);
    let clean: Vec<Cow<str>> = raw.iter().map(|l| util::strip_ansi(util::last_redraw(l))).collect();
    let lines: Vec<&str> = clean.iter().map(|c| c.as_ref()).collect();
    let n = lines.len();
    let classes: Vec<Class> = lines.iter().map(|l| classify(l)).collect();
    let templates = mine(&lines);
    let mut query = opts.question().clone();
    query.retain_rare_idents(&lines, (n / 100).max(20));
    let asked = question_lines(&query, &lines);

    let mut keep = vec![false; n];
    let mut severe_seen: HashMap<usize, usize> = HashMap::new();
    let mut seen_first = vec![false; templates.len()];
    let mut last_of = vec![usize::MAX; templates.len()];
    let mut detail_left = 0usize;
    let mut second: Vec<usize> = Vec::new();
    for i in 0..n {
        let line = lines[i];
        let g = templates.group_of[i];
        let severe = match classes[i] {
            Class::Fail | Class::Summary | Class::ErrorContext => true,
            Class::Error | Class::Warn => {
                let seen = severe_seen.entry(g).or_default();
                *seen += 1;
                *seen <= SEVERE_PER_TEMPLATE
            }
            _ => false,
        };
        let detail = detail_left > 0 && continues_trace(&lines, i);
        detail_left = if severe {
            DETAIL_LINES
        } else if detail {
            detail_left - 1
        } else {
            0
        };
        if severe || detail || query.hits_ident(line) || asked[i] {
            keep[i] = true;
        } else if g != usize::MAX && !seen_first[g] && templates.counts[g] >= 2 {
            second.push(i);
        }
        if g != usize::MAX {
            seen_first[g] = true;
            if templates.counts[g] >= 2 {
                last_of[g] = i;
            }
        }
    }
    keep_siblings(&lines, &mut keep);
    for i in outliers(&lines, &templates).into_iter().chain(rare_values(&lines, &templates)).chain(numeric_extremes(&lines, &templates)) {
        keep[i] = true;
        if let Some(h) = record_header(&lines, i) {
            keep[h] = true;
        }
    }
    second.extend(last_of.into_iter().filter(|&i| i != usize::MAX));
    second.extend((0..n.min(EDGE_LINES)).chain(n.saturating_sub(EDGE_LINES)..n));
    for i in second {
        keep[i] = true;
    }
    let kept_bytes: usize = (0..n).filter(|&i| keep[i]).map(|i| lines[i].len() + 1).sum();
    let budget = (text.len() as f64 * budget_share(opts.profile)) as usize;
    let mut left = budget.saturating_sub(kept_bytes);
    for i in by_interest(&lines, &templates.group_of, &templates.counts, &keep) {
        // A line kept between two dropped ones splits a marker in two: it costs a marker too.
        let isolated = (i == 0 || !keep[i - 1]) && (i + 1 == n || !keep[i + 1]);
        let cost = lines[i].len() + 1 + if isolated { Builder::marker_cost() } else { 0 };
        if cost > left {
            continue;
        }
        left -= cost;
        keep[i] = true;
    }
    let cuttable: Vec<bool> = (0..n).map(|i| classes[i] == Class::Normal && !query.hits_ident(lines[i])).collect();
    render(text, opts, &lines, &keep, &cuttable, &templates, "lines:templates")
}

/// The lines the question's words point at, the best [`QUERY_LINES`] of them: a line qualifies with two
/// of the words, or with one that is rare in the block (`deleted` in a `git status` of mostly `modified`
/// files); lines are ranked by the rarity of the words they hold, later lines first on ties (in a log
/// the latest run is usually the one asked about).
fn question_lines(query: &Query, lines: &[&str]) -> Vec<bool> {
    let n = lines.len();
    let mut asked = vec![false; n];
    // Words count in pairs or when rare; identifier parts only when rare.
    let terms: Vec<&str> = query.words.iter().chain(&query.parts).map(String::as_str).collect();
    if terms.is_empty() {
        return asked;
    }
    let lower: Vec<String> = lines.iter().map(|l| l.to_lowercase()).collect();
    let rare = query.rare_words(&lower);
    let df: Vec<usize> = terms.iter().map(|w| lower.iter().filter(|l| l.contains(w)).count()).collect();
    let needed = query.words.len().clamp(1, 2);
    let mut scored: Vec<(f64, usize)> = (0..n)
        .filter_map(|i| {
            let hits: Vec<usize> = (0..terms.len()).filter(|&k| lower[i].contains(terms[k])).collect();
            let word_hits = hits.iter().filter(|&&k| k < query.words.len()).count();
            let qualifies = (word_hits >= needed && !query.words.is_empty()) || hits.iter().any(|&k| rare.contains(&terms[k]));
            qualifies.then(|| (hits.iter().map(|&k| (n as f64 / df[k].max(1) as f64).ln()).sum(), i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    for (_, i) in scored.into_iter().take(QUERY_LINES) {
        asked[i] = true;
    }
    asked
}

/// A kept line's neighbours at the same indentation are the other fields of its record (`"posn"` beside
/// the `"message"` that matched, `Author:` beside `commit`): keep up to two on each side. A kept line
/// that opens a block (`"printf": [`, `resources:`) keeps the first lines of what it opens.
fn keep_siblings(lines: &[&str], keep: &mut [bool]) {
    const SIBLINGS: usize = 2;
    const CHILDREN: usize = 6;
    let indent = |l: &str| l.len() - l.trim_start().len();
    let anchors: Vec<usize> = (0..lines.len()).filter(|&i| keep[i] && !lines[i].trim().is_empty()).collect();
    for i in anchors {
        let d = indent(lines[i]);
        for j in (i.saturating_sub(SIBLINGS)..i).rev().take_while(|&j| !lines[j].trim().is_empty() && indent(lines[j]) == d) {
            keep[j] = true;
        }
        for j in (i + 1..lines.len().min(i + 1 + SIBLINGS)).take_while(|&j| !lines[j].trim().is_empty() && indent(lines[j]) == d) {
            keep[j] = true;
        }
        if lines[i].trim_end().ends_with(['{', '[', '(', ':']) {
            for j in (i + 1..lines.len().min(i + 1 + CHILDREN)).take_while(|&j| !lines[j].trim().is_empty() && indent(lines[j]) > d) {
                keep[j] = true;
            }
        }
    }
}

/// The first line of the blank-line-separated record that holds line `i`, when it starts at column 0
/// (`commit 3dd6086…` above the `118 files changed` of `git log --stat`): an extreme or a rare value
/// says little without the name of the record it belongs to.
fn record_header(lines: &[&str], i: usize) -> Option<usize> {
    const MAX_RECORD: usize = 60;
    (i.saturating_sub(MAX_RECORD)..i).rev().find(|&j| {
        let l = lines[j];
        !l.is_empty() && !l.starts_with([' ', '\t']) && (j == 0 || lines[j - 1].trim().is_empty())
    })
}

/// Lines not kept yet, most interesting first: lines of rare templates before lines of common ones, then
/// rare tokens and shallow indentation, so a repetitive text gives up its anomalies and record headers
/// and an indented one its outline.
fn by_interest(lines: &[&str], group_of: &[usize], counts: &[usize], keep: &[bool]) -> Vec<usize> {
    let mut df: HashMap<&str, u32> = HashMap::new();
    for line in lines {
        for tok in line.split_whitespace() {
            *df.entry(tok).or_default() += 1;
        }
    }
    let n = lines.len().max(1) as f64;
    let mut scored: Vec<(f64, usize)> = (0..lines.len())
        .filter(|&i| !keep[i] && group_of[i] != usize::MAX)
        .map(|i| {
            let line = lines[i];
            let (mut sum, mut count) = (0.0, 0usize);
            for tok in line.split_whitespace() {
                sum += (n / f64::from(df[tok])).ln();
                count += 1;
            }
            let rarity = sum / count.max(1) as f64;
            let indent = line.len() - line.trim_start().len();
            let commonness = (counts[group_of[i]] as f64).ln();
            (rarity - indent as f64 * 0.25 - commonness, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The lines holding the smallest and the largest value of every numeric column of a template (`187
/// files changed`, a row count, an exit status): "which was the biggest" is the most common question
/// about records, and the answer is one line.
fn numeric_extremes(lines: &[&str], t: &Templates) -> Vec<usize> {
    const MAX_POSITIONS: usize = 24;
    // (group, position) -> (min, line, max, line); None once a non-number shows up there.
    type Extremes = Option<(f64, usize, f64, usize)>;
    let mut cols: HashMap<(usize, usize), Extremes> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let g = t.group_of[i];
        if g == usize::MAX || t.counts[g] < 3 {
            continue;
        }
        for (p, tok) in line.split_whitespace().take(MAX_POSITIONS).enumerate() {
            if !is_variable(tok) {
                continue;
            }
            let value = tok.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '%' | '[' | ']')).parse::<f64>().ok().filter(|v| v.is_finite());
            let e = cols.entry((g, p)).or_insert(value.map(|v| (v, i, v, i)));
            match (e.as_mut(), value) {
                (Some(m), Some(v)) => {
                    if v < m.0 {
                        (m.0, m.1) = (v, i);
                    }
                    if v > m.2 {
                        (m.2, m.3) = (v, i);
                    }
                }
                _ => *e = None,
            }
        }
    }
    let mut out: Vec<usize> = cols.into_values().flatten().flat_map(|(_, lo, _, hi)| [lo, hi]).collect();
    out.sort_unstable();
    out.dedup();
    out
}
