//! Which hunks stay whole. Lockfile/generated and whitespace-only hunks always fold. When the rest is
//! over the budget: hunks whose changed lines name something the question names (or carry a conflict
//! marker) stay whole unless they are huge; deleted files fold; then the budget goes to the hunks that
//! rank best for the question's words (BM25, error signals as a bonus), then to each file's first hunk,
//! then to the others in order. Everything else folds, keeping the changed lines that hit the question.

use super::context::{is_changed, whitespace_only};
use super::parse::{is_generated, File};
use crate::builder::Builder;
use crate::prose::bm25;
use headroom_marker::Query;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Whole,
    /// Folded, with the reason the marker gives.
    Fold(&'static str),
}

/// Bytes of hunk bodies a diff keeps whole before selection starts.
pub fn budget(aggressive: bool) -> usize {
    if aggressive {
        8 << 10
    } else {
        16 << 10
    }
}

/// A hunk the question names stays whole up to this share of the budget; a bigger one keeps only the
/// lines that name it.
const MUST_SHARE: usize = 4;

/// An identifier on more changed lines than this selects nothing (it would keep everything).
const RARE_IDENT_LINES: usize = 24;

fn body<'a>(lines: &'a [&'a str], start: usize, end: usize) -> &'a [&'a str] {
    &lines[start + 1..end]
}

fn bytes(body: &[&str]) -> usize {
    body.iter().map(|l| l.len() + 1).sum()
}

fn conflict(l: &str) -> bool {
    let t = &l[1.min(l.len())..];
    t.starts_with("<<<<<<< ") || t.starts_with(">>>>>>> ") || t == "======="
}

fn error_signal(l: &str) -> bool {
    ["throw ", "raise ", "panic!(", "Error(", "Exception(", "FIXME", "TODO"].iter().any(|s| l.contains(s))
}

/// The fate of every hunk, per file; `query` keeps only its rare identifiers.
pub fn choose(lines: &[&str], files: &[File], query: &mut Query, question: Option<&str>, budget: usize) -> Vec<Vec<Fate>> {
    let changed: Vec<&str> = files.iter().flat_map(|f| &f.hunks).flat_map(|h| body(lines, h.start, h.end)).copied().filter(|l| is_changed(l)).collect();
    query.retain_rare_idents(&changed, RARE_IDENT_LINES);
    let mut fates: Vec<Vec<Fate>> = files
        .iter()
        .map(|f| {
            let generated = is_generated(&f.path);
            f.hunks
                .iter()
                .map(|h| match () {
                    _ if generated => Fate::Fold("lockfile/generated"),
                    _ if whitespace_only(body(lines, h.start, h.end)) => Fate::Fold("whitespace-only changes"),
                    _ => Fate::Whole,
                })
                .collect()
        })
        .collect();
    let ids: Vec<(usize, usize)> =
        files.iter().enumerate().flat_map(|(fi, f)| (0..f.hunks.len()).map(move |hi| (fi, hi))).filter(|&(fi, hi)| fates[fi][hi] == Fate::Whole).collect();
    let size = |&(fi, hi): &(usize, usize)| -> usize { bytes(body(lines, files[fi].hunks[hi].start, files[fi].hunks[hi].end)) };
    if ids.iter().map(size).sum::<usize>() <= budget {
        return fates;
    }
    for id in &ids {
        // A hunk about the size of its marker stays: folding it would save nothing.
        if size(id) > 2 * Builder::marker_cost() {
            fates[id.0][id.1] = Fate::Fold(if files[id.0].deleted { "deleted-file" } else { "lower-ranked" });
        }
    }
    let mut used = 0;
    let mut rest = Vec::new();
    let folded: Vec<(usize, usize)> = ids.iter().copied().filter(|&(fi, hi)| fates[fi][hi] != Fate::Whole).collect();
    for id in &folded {
        let h = &files[id.0].hunks[id.1];
        let named = body(lines, h.start, h.end).iter().any(|l| is_changed(l) && (query.hits_ident(l) || conflict(l)));
        if named && size(id) <= budget / MUST_SHARE {
            fates[id.0][id.1] = Fate::Whole;
            used += size(id);
        } else if !named && !files[id.0].deleted {
            rest.push(*id);
        }
    }
    // Rank by the question's words over the whole hunk: a context line often says what the changed
    // lines are (`"dependencies": {` above a version bump).
    let mut terms = question.map(bm25::terms).unwrap_or_default();
    terms.sort_unstable();
    terms.dedup();
    let docs: Vec<Vec<String>> = rest
        .iter()
        .map(|&(fi, hi)| {
            let h = &files[fi].hunks[hi];
            bm25::terms(&lines[h.start..h.end].join("\n"))
        })
        .collect();
    let scores: Vec<f64> = bm25::term_scores(&docs, &terms).iter().map(|r| r.iter().sum()).collect();
    let top = scores.iter().copied().fold(1.0, f64::max);
    let tier = |k: usize| -> (u8, f64) {
        let (fi, hi) = rest[k];
        let h = &files[fi].hunks[hi];
        let signal = body(lines, h.start, h.end).iter().any(|l| is_changed(l) && error_signal(l));
        let score = scores[k] + if signal { top / 2.0 } else { 0.0 };
        if score > 0.0 {
            (0, -score)
        } else if hi == 0 {
            (1, 0.0)
        } else {
            (2, 0.0)
        }
    };
    let mut order: Vec<usize> = (0..rest.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, sa) = tier(a);
        let (tb, sb) = tier(b);
        ta.cmp(&tb).then(sa.total_cmp(&sb)).then(a.cmp(&b))
    });
    for k in order {
        let id = rest[k];
        if used + size(&id) <= budget {
            used += size(&id);
            fates[id.0][id.1] = Fate::Whole;
        }
    }
    fates
}
