//! Field statistics that decide which rows are informative: numeric outliers, rare categorical values
//! (including rare directories of path-like values), change points in categorical and numeric series,
//! and the short summary of dropped rows the marker carries.

use crate::hash::{FxHashMap as HashMap, FxHasher};
use std::hash::{Hash, Hasher};

use crate::rows::{Rows, Val};

/// Rows holding a value outside the Tukey fences `[Q1 - 3·IQR, Q3 + 3·IQR]` of a mostly-numeric column.
pub fn outlier_rows(rows: &Rows) -> Vec<bool> {
    let mut out = vec![false; rows.len()];
    for c in 0..rows.cols.len() {
        let nums: Vec<(usize, f64)> = rows.col(c).enumerate().filter_map(|(i, v)| if let Val::Num(n) = v { Some((i, *n)) } else { None }).collect();
        if nums.len() < 8 || nums.len() * 10 < rows.len() * 9 {
            continue;
        }
        let mut sorted: Vec<f64> = nums.iter().map(|p| p.1).collect();
        sorted.sort_by(f64::total_cmp);
        let q1 = sorted[sorted.len() / 4];
        let q3 = sorted[sorted.len() * 3 / 4];
        let iqr = q3 - q1;
        if iqr <= 0.0 {
            continue; // a near-constant column: a single different value is a rare value, handled there
        }
        let (lo, hi) = (q1 - 3.0 * iqr, q3 + 3.0 * iqr);
        let flagged: Vec<usize> = nums.iter().filter(|p| p.1 < lo || p.1 > hi).map(|p| p.0).collect();
        // Heavy-tailed columns (byte offsets, ids) flag many rows; those are not anomalies.
        if flagged.len() * 20 <= rows.len().max(20) {
            for i in flagged {
                out[i] = true;
            }
        }
    }
    out
}

/// For each numeric column, the first row holding its minimum and the first holding its maximum: the
/// biggest process, the fullest disk, the hottest day are often the answer, and a Tukey fence only
/// catches them when they stand far out.
pub fn extreme_rows(rows: &Rows) -> Vec<bool> {
    extremes_among(rows, |_| true)
}

/// [`extreme_rows`] among the rows `member` admits (one symbol's prices in a table of five symbols).
pub fn extremes_among(rows: &Rows, member: impl Fn(usize) -> bool) -> Vec<bool> {
    let mut out = vec![false; rows.len()];
    for c in 0..rows.cols.len() {
        let mut present = 0;
        let mut lo: Option<(usize, f64)> = None;
        let mut hi: Option<(usize, f64)> = None;
        for (i, v) in rows.col(c).enumerate().filter(|p| member(p.0)) {
            match v {
                Val::Missing | Val::Null => continue,
                Val::Num(x) => {
                    if lo.is_none_or(|l| *x < l.1) {
                        lo = Some((i, *x));
                    }
                    if hi.is_none_or(|h| *x > h.1) {
                        hi = Some((i, *x));
                    }
                }
                _ => {}
            }
            present += 1;
        }
        let nums = rows.col(c).enumerate().filter(|p| member(p.0) && matches!(p.1, Val::Num(_))).count();
        // A mostly-numeric column with a spread; a constant column has no extreme row.
        if let (Some(l), Some(h)) = (lo, hi) {
            if nums * 10 >= present * 9 && l.1 < h.1 {
                out[l.0] = true;
                out[h.0] = true;
            }
        }
    }
    out
}

/// The category of a cell as a hash (no allocation per cell). A path's directory is its category, so a
/// call site outside `lib/rules/` is the rare one.
fn category(v: &Val) -> Option<u64> {
    let mut h = FxHasher::default();
    match v {
        Val::Str(s) if s.len() <= 200 => {
            let cat = match s.rfind('/') {
                Some(i) if i > 0 && s[..i].contains('/') => &s[..=i],
                _ => s.as_str(),
            };
            (0u8, cat).hash(&mut h);
        }
        Val::Bool(b) => (1u8, b).hash(&mut h),
        Val::Null => 2u8.hash(&mut h),
        Val::Num(n) => (3u8, n.to_bits()).hash(&mut h),
        _ => return None,
    }
    Some(h.finish())
}

/// Categories of every column, computed once for both rare values and change points.
pub fn categories(rows: &Rows) -> Vec<Vec<Option<u64>>> {
    (0..rows.cols.len()).map(|c| rows.col(c).map(category).collect()).collect()
}

/// Rows holding a value that is rare in a low-cardinality column.
pub fn rare_rows(rows: &Rows, cats: &[Vec<Option<u64>>]) -> Vec<bool> {
    let n = rows.len();
    let mut out = vec![false; n];
    if n < 8 {
        return out;
    }
    let rare_max = (n / 25).max(2);
    for cats in cats {
        // High-cardinality columns (ids, paths, timestamps) cannot hold rare categories: skip them cheaply.
        let head = &cats[..cats.len().min(64)];
        let mut seen: Vec<u64> = head.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() * 2 > head.len() {
            continue;
        }
        let mut counts: HashMap<u64, usize> = HashMap::default();
        for k in cats.iter().flatten() {
            *counts.entry(*k).or_default() += 1;
        }
        let present: usize = counts.values().sum();
        // Categorical: few distinct values and a dominant majority, so "rare" means something.
        if counts.len() < 2 || counts.len() * 4 > present || present * 2 < n {
            continue;
        }
        let rare: Vec<usize> =
            cats.iter().enumerate().filter(|(_, k)| k.is_some_and(|k| counts.get(&k).copied().unwrap_or(0) <= rare_max)).map(|(i, _)| i).collect();
        // When many rows are "rare" the column is merely spread out, not skewed: nothing stands out.
        if rare.len() * 10 <= n {
            for i in rare {
                out[i] = true;
            }
        }
    }
    out
}

/// Rows where a low-cardinality column changes value after a run (the start of a new phase).
pub fn change_rows(rows: &Rows, cats: &[Vec<Option<u64>>]) -> Vec<bool> {
    let n = rows.len();
    let mut out = vec![false; n];
    for cats in cats {
        let mut distinct: Vec<u64> = Vec::new();
        for k in cats.iter().flatten() {
            if !distinct.contains(k) {
                distinct.push(*k);
                if distinct.len() > 6 {
                    break;
                }
            }
        }
        if distinct.len() < 2 || distinct.len() > 6 {
            continue;
        }
        // A new phase: the value differs from a run of at least 2 before it and holds for the next row
        // too (a one-row blip is a rare value or an error, not a phase change).
        let changes: Vec<usize> = (2..n).filter(|&i| cats[i] != cats[i - 1] && cats[i - 1] == cats[i - 2] && (i + 1 == n || cats[i + 1] == cats[i])).collect();
        if changes.len() <= 4 {
            for i in changes {
                out[i] = true;
            }
        }
    }
    out
}

/// Rows where a numeric series shifts to a new level and stays there: a latency that runs at ~20 ms and
/// then at ~900 ms. Compared with the series' typical step (the median absolute difference between
/// neighbours), both the row itself and the median of the `W` rows from it must differ from the median
/// of the `W` rows before it by more than `K` typical steps. A trend moves a few steps per `W` rows and a
/// single spike leaves the medians where they were, so neither counts; spikes are outliers.
pub fn level_shift_rows(rows: &Rows) -> Vec<bool> {
    const W: usize = 5;
    const K: f64 = 8.0;
    let n = rows.len();
    let mut out = vec![false; n];
    if n < 4 * W {
        return out;
    }
    // Windows are sorted on the stack: this runs per row of arrays with 100,000s of rows.
    let window_median = |xs: &[f64]| {
        let mut v = [0.0; W];
        v.copy_from_slice(xs);
        v.sort_by(f64::total_cmp);
        v[W / 2]
    };
    for c in 0..rows.cols.len() {
        let x: Vec<f64> = rows.col(c).map_while(|v| if let Val::Num(x) = v { Some(*x) } else { None }).collect();
        if x.len() < n || x.iter().any(|v| !v.is_finite()) {
            continue; // a series has a finite number in every row
        }
        let mut steps: Vec<f64> = x.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
        steps.sort_by(f64::total_cmp);
        let typical = steps[steps.len() / 2];
        if typical <= 0.0 {
            continue; // mostly repeated values: a categorical column, handled by `change_rows`
        }
        let score: Vec<f64> = (0..n)
            .map(|i| {
                if i < W || i + W > n {
                    return 0.0;
                }
                let before = window_median(&x[i - W..i]);
                ((x[i] - before).abs().min((window_median(&x[i..i + W]) - before).abs())) / typical
            })
            .collect();
        // One row per shift, its first: the rows right after it still see the old level before them.
        let shifts: Vec<usize> = (W..=n - W).filter(|&i| score[i] > K && score[i - 1] <= K).collect();
        // Many shifts mean a jumpy series, not phases.
        if shifts.len() <= 4 {
            for i in shifts {
                out[i] = true;
            }
        }
    }
    out
}

/// A short summary of the dropped rows: value counts of low-cardinality columns, ranges of numeric ones.
pub fn summary(rows: &Rows, dropped: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in 0..rows.cols.len() {
        if parts.len() >= 3 {
            break;
        }
        let vals: Vec<&Val> = dropped.iter().map(|&i| rows.cells[i].get(c).unwrap_or(&Val::Missing)).collect();
        let name = rows.cols[c].trim_matches('"');
        let nums: Vec<f64> = vals.iter().filter_map(|v| if let Val::Num(n) = v { Some(*n) } else { None }).collect();
        let status_like = ["status", "code", "level", "state", "type", "kind", "severity"].iter().any(|w| name.to_lowercase().ends_with(w));
        if nums.len() == vals.len() && !nums.is_empty() && !status_like {
            let lo = nums.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = nums.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo < hi && !name.to_lowercase().contains("id") {
                parts.push(format!("{name}: {}–{}", fmt(lo), fmt(hi)));
            }
            continue;
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        for v in &vals {
            let Some(k) = (match v {
                Val::Str(s) if s.len() <= 24 => Some(s.clone()),
                Val::Num(x) => Some(fmt(*x)),
                Val::Bool(b) => Some(b.to_string()),
                _ => None,
            }) else {
                counts.clear();
                break;
            };
            let full = counts.len() >= 5;
            match counts.iter_mut().find(|e| e.0 == k) {
                Some(e) => e.1 += 1,
                None if full => {
                    // Too many distinct values to summarise as counts (and scanning on would be quadratic).
                    counts.clear();
                    break;
                }
                None => counts.push((k, 1)),
            }
        }
        if (2..=5).contains(&counts.len()) || (counts.len() == 1 && vals.len() > 1) {
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k}×{n}")).collect();
            parts.push(format!("{name}: {}", list.join(" ")));
        }
    }
    parts.join(", ")
}

fn fmt(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
