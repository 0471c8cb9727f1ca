//! The universal line-oriented fallback: for text no specialised compressor recognises, or one that a
//! specialised compressor could not help. It assumes nothing about the format, only that lines are the
//! unit a reader skims. Lines are ranked:
//!
//! 1. always kept: error/warning/failure signals (bounded per template) with the lines that detail them,
//!    lines naming an identifier from the question, the largest measured value of each template;
//! 2. kept next: the first and last line of every repeated template, lines matching several words of the
//!    question, the head and tail of the block;
//! 3. kept while the budget lasts: one-off lines, the rarest and least indented first (the outline of an
//!    indented document, the anomalies of a repetitive one);
//! 4. dropped: further repeats of a template.
//!
//! Dropped runs become markers that count the lines and name their templates with value ranges, and
//! the whole block is stored under the marker's key, so nothing is lost.

use crate::log::{classify, continues_trace, dedup_only, mine, outliers, rare_values, render, Class};
use crate::query::Query;
use crate::util;
use headroom_marker::{Options, Outcome, Profile, Skip};
use std::borrow::Cow;
use std::collections::HashMap;

/// Share of the input's bytes that one-off lines may fill (after the always-kept lines).
fn budget_share(profile: Profile) -> f64 {
    if profile == Profile::Aggressive {
        0.15
    } else {
        0.3
    }
}

/// Lines kept at the start and the end of the block: what the tool printed first and its last word.
const EDGE_LINES: usize = 3;
const SEVERE_PER_TEMPLATE: usize = 5;
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
    let mut query = Query::parse(opts.query.as_deref());
    query.retain_rare_idents(&lines, (n / 100).max(20));
    let words_needed = query.words.len().clamp(1, 2);

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
        detail_left = if severe { DETAIL_LINES } else if detail { detail_left - 1 } else { 0 };
        if severe || detail || query.hits_ident(line) {
            keep[i] = true;
        } else if g != usize::MAX && (!seen_first[g] && templates.counts[g] >= 2 || query.word_hits(&line.to_lowercase()) >= words_needed) {
            second.push(i);
        }
        if g != usize::MAX {
            seen_first[g] = true;
            if templates.counts[g] >= 2 {
                last_of[g] = i;
            }
        }
    }
    for i in outliers(&lines, &templates).into_iter().chain(rare_values(&lines, &templates)) {
        keep[i] = true;
    }
    second.extend(last_of.into_iter().filter(|&i| i != usize::MAX));
    second.extend((0..n.min(EDGE_LINES)).chain(n.saturating_sub(EDGE_LINES)..n));
    for i in second {
        keep[i] = true;
    }
    let kept_bytes: usize = (0..n).filter(|&i| keep[i]).map(|i| lines[i].len() + 1).sum();
    let budget = (text.len() as f64 * budget_share(opts.profile)) as usize;
    let mut left = budget.saturating_sub(kept_bytes);
    for i in one_offs_by_interest(&lines, &templates.group_of, &templates.counts, &keep) {
        let cost = lines[i].len() + 1;
        if cost > left {
            continue;
        }
        left -= cost;
        keep[i] = true;
    }
    let cuttable: Vec<bool> = (0..n).map(|i| classes[i] == Class::Normal && !query.hits_ident(lines[i])).collect();
    render(text, opts, &lines, &keep, &cuttable, &templates, "lines:templates")
}

/// One-off lines (their template occurs once), most interesting first: rare tokens and shallow
/// indentation score high, so a repetitive text gives up its anomalies and an indented one its outline.
fn one_offs_by_interest(lines: &[&str], group_of: &[usize], counts: &[usize], keep: &[bool]) -> Vec<usize> {
    let mut df: HashMap<&str, u32> = HashMap::new();
    for line in lines {
        for tok in line.split_whitespace() {
            *df.entry(tok).or_default() += 1;
        }
    }
    let n = lines.len().max(1) as f64;
    let mut scored: Vec<(f64, usize)> = (0..lines.len())
        .filter(|&i| !keep[i] && group_of[i] != usize::MAX && counts[group_of[i]] == 1)
        .map(|i| {
            let line = lines[i];
            let (mut sum, mut count) = (0.0, 0usize);
            for tok in line.split_whitespace() {
                sum += (n / f64::from(df[tok])).ln();
                count += 1;
            }
            let rarity = sum / count.max(1) as f64;
            let indent = line.len() - line.trim_start().len();
            (rarity - indent as f64 * 0.25, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}
