//! Turns keep decisions into text: kept lines verbatim (after ANSI/redraw cleaning), and for every run
//! of dropped lines one marker that counts them and names what they were (the templates with counts, and
//! for a run of one template the range of each varying value).

use super::template::{is_variable, render_pattern, Templates};
use crate::builder::Builder;
use headroom_marker::{Marker, Options, Outcome};
use std::collections::HashMap;

const UNITS: &[&str] = &[
    "ms", "s", "sec", "secs", "seconds", "second", "bytes", "byte", "b", "kb", "mb", "gb", "kib", "mib", "gib", "took", "size", "duration", "elapsed",
    "latency", "us", "µs", "ns", "min", "mins", "minutes",
];

fn is_unit(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    UNITS.contains(&t.as_str())
}

fn number(t: &str) -> Option<f64> {
    let t = t.trim_matches(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'));
    let t = t.trim_end_matches('.');
    if t.is_empty() || t.starts_with('.') {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `716ms` → 716 when the suffix is a unit.
fn number_with_unit(t: &str) -> Option<f64> {
    let split = t.find(|c: char| c.is_ascii_alphabetic() || c == 'µ')?;
    if split == 0 || !is_unit(&t[split..]) {
        return None;
    }
    number(&t[..split])
}

/// Lines holding the largest measured quantity (a number next to a unit such as `ms` or `bytes`) of
/// their template: the slowest call and the biggest payload are the outliers people ask about.
pub fn outliers(lines: &[&str], t: &Templates) -> Vec<usize> {
    // (group, position) -> (max, line, count)
    let mut best: HashMap<(usize, usize), (f64, usize, usize)> = HashMap::new();
    let mut toks: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let g = t.group_of[i];
        if g == usize::MAX || t.counts[g] < 3 {
            continue;
        }
        toks.clear();
        toks.extend(line.split_whitespace());
        for p in 0..toks.len() {
            if !is_variable(toks[p]) {
                continue;
            }
            let value = number_with_unit(toks[p]).or_else(|| {
                let near_unit = (p > 0 && is_unit(toks[p - 1])) || toks.get(p + 1).is_some_and(|n| is_unit(n));
                if near_unit {
                    number(toks[p])
                } else {
                    None
                }
            });
            if let Some(v) = value {
                let e = best.entry((g, p)).or_insert((v, i, 0));
                e.2 += 1;
                if v > e.0 {
                    e.0 = v;
                    e.1 = i;
                }
            }
        }
    }
    let mut out: Vec<usize> = best.values().filter(|(_, _, c)| *c >= 3).map(|(_, i, _)| *i).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Kept ordinary lines longer than this keep their first `CUT_HEAD` bytes and an inline marker.
const LONG_LINE: usize = 4096;
const CUT_HEAD: usize = 1024;

pub fn render(original: &str, opts: &Options, lines: &[&str], keep: &[bool], cuttable: &[bool], t: &Templates, transform: &str) -> Outcome {
    let mut b = Builder::new(original, opts);
    let total = lines.len();
    let mut i = 0;
    while i < lines.len() {
        if keep[i] {
            let l = lines[i];
            if l.len() > LONG_LINE && cuttable[i] {
                let head = crate::util::head(l, CUT_HEAD);
                let m =
                    b.inline_marker(|key| Marker::new(l.len() - head.len(), "bytes", key).of(l.len()).kept(format!("first {} bytes of this line", head.len())));
                b.line(&format!("{head} {m}"));
            } else {
                b.line(l);
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !keep[i] {
            i += 1;
        }
        let run = &lines[start..i];
        let bytes: usize = run.iter().map(|l| l.len() + 1).sum();
        if bytes <= Builder::marker_cost() {
            for l in run {
                b.line(l);
            }
            continue;
        }
        let summary = if start > 0 && run.iter().all(|l| *l == lines[start - 1]) {
            format!("{} repeats of the line above", run.len())
        } else {
            describe(run, &t.group_of[start..i], t)
        };
        b.marker(|key| Marker::new(run.len(), "lines", key).of(total).dropped(summary));
    }
    b.finish(transform)
}

/// `"PacketResponder <*> for block <*> terminating"×120 (<*>: 0..2), "…"×3, 2 other templates`.
fn describe(run: &[&str], groups: &[usize], t: &Templates) -> String {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &g in groups {
        if g != usize::MAX {
            *counts.entry(g).or_default() += 1;
        }
    }
    let mut by_count: Vec<(usize, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if by_count.is_empty() {
        return "blank lines".to_string();
    }
    let mut parts = Vec::new();
    for &(g, c) in by_count.iter().take(2) {
        parts.push(format!("\"{}\"×{c}", render_pattern(&t.pattern(g), 64)));
    }
    if by_count.len() == 1 && by_count[0].1 > 1 {
        if let Some(r) = ranges(run, groups, by_count[0].0, &t.pattern(by_count[0].0)) {
            parts[0].push_str(&format!(" ({r})"));
        }
    }
    if by_count.len() > 2 {
        parts.push(format!("{} other templates", by_count.len() - 2));
    }
    parts.join(", ")
}

/// The range of the first three varying positions of one template over a run: numbers as `min..max`,
/// other values as `a|b|c` when few, else `N distinct`.
fn ranges(run: &[&str], groups: &[usize], g: usize, pattern: &[Option<&str>]) -> Option<String> {
    let positions: Vec<usize> = pattern.iter().enumerate().filter(|(_, p)| p.is_none()).map(|(i, _)| i).take(3).collect();
    if positions.is_empty() {
        return None;
    }
    let mut values: Vec<Vec<&str>> = vec![Vec::new(); positions.len()];
    for (line, &lg) in run.iter().zip(groups) {
        if lg != g {
            continue;
        }
        let toks: Vec<&str> = line.split_whitespace().collect();
        for (slot, &p) in positions.iter().enumerate() {
            if let Some(tok) = toks.get(p) {
                values[slot].push(tok);
            }
        }
    }
    let mut out = Vec::new();
    for vals in values.iter_mut() {
        let nums: Option<Vec<f64>> = vals.iter().map(|v| v.parse::<f64>().ok().filter(|x| x.is_finite())).collect();
        let desc = match nums {
            Some(ns) if !ns.is_empty() => {
                let (lo, hi) = ns.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
                let (lo_s, hi_s) = (vals.iter().find(|v| v.parse::<f64>().ok() == Some(lo)), vals.iter().find(|v| v.parse::<f64>().ok() == Some(hi)));
                match (lo_s, hi_s) {
                    (Some(a), Some(b)) if a == b => a.to_string(),
                    (Some(a), Some(b)) => format!("{a}..{b}"),
                    _ => continue,
                }
            }
            _ => {
                vals.sort_unstable();
                vals.dedup();
                if vals.len() <= 3 {
                    vals.iter().map(|v| crate::util::head(v, 40)).collect::<Vec<_>>().join("|")
                } else {
                    format!("{} distinct", vals.len())
                }
            }
        };
        out.push(desc);
    }
    Some(format!("<*> = {}", out.join(" / ")))
}
