//! Listings: `npm ls --all` / `tree` (glyph trees), `ls -l` / `ls -laR` (long format with directory
//! sections), `find` (one path per line) and other row-per-item output (`pip list`, `ps`). Each format
//! decides per line whether it stays; `emit` renders the decisions with one marker per dropped run.
//! Anything flagged (UNMET, invalid, extraneous, missing, errors) and anything naming a query identifier
//! always stays.

mod ls;
mod rows;
mod tree;

use crate::builder::Builder;
use crate::util;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};

/// A dropped line's contribution to its run's marker.
pub struct Drop {
    /// Plural noun for the `dropped` summary (`deduped`, `regular files`, `paths`, `rows`).
    pub what: &'static str,
    /// A short name listed in the summary (the first few per run).
    pub name: String,
}

pub struct Plan {
    /// `None` keeps the line; `Some` drops it.
    pub drops: Vec<Option<Drop>>,
    pub transform: &'static str,
    /// Text placed before a marker so it sits at the depth of what it replaces (tree glyphs).
    pub prefixes: Vec<String>,
    /// One marker for all drops, right after the first line, instead of one per run. Used for npm's
    /// `deduped` leaves: each names a package whose subtree is already printed elsewhere in the same
    /// tree, and a marker per 2–3 line run would cost more than the lines it replaces.
    pub hoist: bool,
}

pub fn is_flagged(line: &str) -> bool {
    [
        "UNMET",
        " invalid",
        "extraneous",
        "missing",
        "ERR!",
        " error",
        "Error:",
        "ERROR",
        "overridden",
        "peer dep",
        "cannot access",
        "Permission denied",
        "No such file",
    ]
    .iter()
    .any(|f| line.contains(f))
}

pub fn compress_listing(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: listing compression drops entries"));
    }
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    let lines = util::split_lines(text);
    let query = opts.question();
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count().max(1);
    let count = |f: &dyn Fn(&str) -> bool| lines.iter().filter(|l| f(l)).count();
    let aggressive = opts.profile == Profile::Aggressive;
    let plan = if count(&|l| tree::has_glyphs(l)) * 10 >= nonblank * 3 {
        tree::plan(&lines, query, aggressive)
    } else if count(&|l| ls::is_long_entry(l)) * 10 >= nonblank * 3 {
        ls::plan(&lines, query, aggressive)
    } else if count(&|l| rows::is_path(l)) * 10 >= nonblank * 8 {
        rows::plan_paths(&lines, query, aggressive)
    } else {
        rows::plan_rows(&lines, query, aggressive)
    };
    emit(text, opts, &lines, &plan)
}

fn emit(original: &str, opts: &Options, lines: &[&str], plan: &Plan) -> Outcome {
    let mut b = Builder::new(original, opts);
    if plan.hoist {
        return emit_hoisted(b, lines, plan);
    }
    let mut i = 0;
    while i < lines.len() {
        if plan.drops[i].is_none() {
            b.line(lines[i]);
            i += 1;
            continue;
        }
        let s = i;
        while i < lines.len() && plan.drops[i].is_some() {
            i += 1;
        }
        let run = &lines[s..i];
        let bytes: usize = run.iter().map(|l| l.len() + 1).sum();
        if bytes <= Builder::marker_cost() + 24 {
            for l in run {
                b.line(l);
            }
            continue;
        }
        // `deduped ×12 (es-errors, gopd, …)`, by kind in order of first appearance.
        let mut kinds: Vec<(&'static str, usize, Vec<&str>)> = Vec::new();
        for d in plan.drops[s..i].iter().flatten() {
            match kinds.iter_mut().find(|k| k.0 == d.what) {
                Some(k) => {
                    k.1 += 1;
                    if k.2.len() < 3 {
                        k.2.push(&d.name);
                    }
                }
                None => kinds.push((d.what, 1, vec![&d.name])),
            }
        }
        let summary: Vec<String> = kinds
            .iter()
            .map(|(w, c, names)| {
                let more = if *c > names.len() { ", …" } else { "" };
                format!("{w} ×{c} ({}{more})", names.join(", "))
            })
            .collect();
        let prefix = plan.prefixes.get(s).cloned().unwrap_or_default();
        let m = b.inline_marker(|key| Marker::new(run.len(), "entries", key).dropped(summary.join(", ")));
        b.line(&format!("{prefix}{m}"));
    }
    b.finish(plan.transform)
}

fn emit_hoisted(mut b: Builder, lines: &[&str], plan: &Plan) -> Outcome {
    let dropped: Vec<&Drop> = plan.drops.iter().flatten().collect();
    if dropped.is_empty() {
        return Err(Skip::new("nothing to omit"));
    }
    // Most frequent names first (ties by name) so the marker says what the bulk was.
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &dropped {
        *counts.entry(d.name.as_str()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let names: Vec<String> = top.iter().take(5).map(|(n, c)| format!("{n} ×{c}")).collect();
    let more = if top.len() > 5 { format!(", {} more packages", top.len() - 5) } else { String::new() };
    let what = dropped[0].what;
    let total = lines.len();
    let summary = format!("{what} ×{} ({}{more}), each already listed with its dependencies elsewhere in this tree", dropped.len(), names.join(", "));
    for (i, l) in lines.iter().enumerate() {
        if plan.drops[i].is_none() {
            b.line(l);
        }
        if i == 0 {
            let n = dropped.len();
            b.marker(|key| {
                Marker::new(n, "entries", key).of(total).kept("all other entries, incl. flagged ones and packages at several versions").dropped(summary.clone())
            });
        }
    }
    b.finish(plan.transform)
}
