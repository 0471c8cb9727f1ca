//! Row selection, used only when a lossless rendering is still over budget. Kept, always: the first and
//! last rows (context), every row with an error signal, numeric outliers, each numeric column's minimum
//! and maximum, major version changes, rare values, change points, and rows matching the question:
//! by its words, by a value it names (and a named group's extremes), by the ranking it asks for. Everything else is dropped and announced by the caller's marker.

use headroom_marker::Profile;

use crate::query::Query;
use crate::rows::Rows;
use crate::{named, rank, signals, stats, versions};

/// Per-profile budgets: selection starts above `min_rows` rows *and* `max_bytes` of rendered text.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub min_rows: usize,
    pub max_bytes: usize,
    /// A document whose lossless rendering stays above this is rendered again, tighter (see
    /// `Ctx::tight`).
    pub max_doc_bytes: usize,
    pub first: usize,
    pub last: usize,
    pub query_top: usize,
}

impl Budget {
    /// `None` for `Safe`: lossless only.
    pub fn for_profile(p: Profile) -> Option<Budget> {
        match p {
            Profile::Safe => None,
            Profile::Balanced => Some(Budget { min_rows: 24, max_bytes: 4096, max_doc_bytes: 16384, first: 3, last: 2, query_top: 10 }),
            Profile::Aggressive => Some(Budget { min_rows: 12, max_bytes: 2048, max_doc_bytes: 8192, first: 2, last: 1, query_top: 5 }),
        }
    }
}

pub struct Selection {
    pub keep: Vec<bool>,
    /// What was kept and why, e.g. `first 3, last 2, 1 error, 4 query matches`.
    pub kept: String,
    pub dropped: Vec<usize>,
    /// Value counts and ranges of the dropped rows.
    pub summary: String,
}

/// Chooses rows to keep, or `None` when dropping would not pay (too few rows would go).
pub fn select(rows: &Rows, b: &Budget, query: Option<&Query>) -> Option<Selection> {
    let n = rows.len();
    if n <= b.min_rows {
        return None;
    }
    let mut keep = vec![false; n];
    let mut reasons: Vec<String> = Vec::new();
    // Each row is credited to the first reason that keeps it, so the counts in the marker add up.
    let mark = |flags: &[bool], keep: &mut Vec<bool>, what: &str, plural: &str, reasons: &mut Vec<String>| {
        let mut k = 0;
        for (i, &f) in flags.iter().enumerate() {
            if f && !keep[i] {
                keep[i] = true;
                k += 1;
            }
        }
        if k > 0 {
            reasons.push(format!("{k} {}", if k == 1 { what } else { plural }));
        }
    };
    for k in keep.iter_mut().take(b.first) {
        *k = true;
    }
    for k in keep.iter_mut().skip(n - b.last.min(n)) {
        *k = true;
    }
    reasons.push(format!("first {}", b.first.min(n)));
    if b.last > 0 {
        reasons.push(format!("last {}", b.last.min(n)));
    }
    mark(&signals::error_rows(rows), &mut keep, "error", "errors", &mut reasons);
    let mut hits = vec![false; n];
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        hits = q.hits(&rows.texts, b.query_top);
    }
    let (mut extremes, mut ranked) = (stats::extreme_rows(rows), vec![false; n]);
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        let named = named::named(rows, q, b.query_top);
        for (h, f) in hits.iter_mut().zip(named.rows) {
            *h |= f;
        }
        for (e, f) in extremes.iter_mut().zip(named.group_extremes) {
            *e |= f;
        }
        ranked = rank::ranked_rows(rows, q, b.query_top);
    }
    mark(&hits, &mut keep, "query match", "query matches", &mut reasons);
    mark(&ranked, &mut keep, "top-ranked", "top-ranked", &mut reasons);
    mark(&stats::outlier_rows(rows), &mut keep, "outlier", "outliers", &mut reasons);
    mark(&extremes, &mut keep, "extreme", "extremes", &mut reasons);
    mark(&versions::major_change_rows(rows), &mut keep, "major version change", "major version changes", &mut reasons);
    let cats = stats::categories(rows);
    mark(&stats::rare_rows(rows, &cats), &mut keep, "rare value", "rare values", &mut reasons);
    let mut changes = stats::change_rows(rows, &cats);
    for (c, shift) in changes.iter_mut().zip(stats::level_shift_rows(rows)) {
        *c |= shift;
    }
    mark(&changes, &mut keep, "change point", "change points", &mut reasons);
    let dropped: Vec<usize> = (0..n).filter(|&i| !keep[i]).collect();
    // Dropping a handful of rows saves little and costs a marker: not worth an omission.
    if dropped.len() * 4 < n || dropped.len() < 4 {
        return None;
    }
    let summary = stats::summary(rows, &dropped);
    Some(Selection { keep, kept: reasons.join(", "), dropped, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::Val;

    #[test]
    fn keeps_context_errors_and_query_matches() {
        let n = 100;
        let rows = Rows {
            cols: vec!["id".into(), "status".into()],
            cells: (0..n).map(|i| vec![Val::Num(i as f64), Val::Str(if i == 50 { "failed".into() } else { "ok".into() })]).collect(),
            texts: (0..n).map(|i| format!("{i} {}", if i == 50 { "failed" } else { "ok" })).collect(),
        };
        let b = Budget::for_profile(Profile::Balanced).unwrap();
        let s = select(&rows, &b, Some(&Query::new(&headroom_marker::Query::parse(Some("what happened to item 77?"))))).unwrap();
        let kept: Vec<usize> = (0..n).filter(|&i| s.keep[i]).collect();
        assert_eq!(kept, vec![0, 1, 2, 50, 77, 98, 99]);
        assert_eq!(s.kept, "first 3, last 2, 1 error, 1 query match");
        assert_eq!(s.summary, "status: ok×93");
    }

    /// A latency series: ~20 ms with jitter, a single 700 ms spike at row 40, ~900 ms from row 120 on.
    fn latency_rows(shift_at: Option<usize>) -> Rows {
        let n = 200;
        let ms = |i: usize| {
            let jitter = ((i * 7919) % 11) as f64 - 5.0;
            if i == 40 {
                700.0
            } else if shift_at.is_some_and(|s| i >= s) {
                900.0 + jitter
            } else {
                20.0 + jitter
            }
        };
        Rows {
            cols: vec!["id".into(), "ms".into()],
            cells: (0..n).map(|i| vec![Val::Num(i as f64), Val::Num(ms(i))]).collect(),
            texts: (0..n).map(|i| format!("{i} {}", ms(i))).collect(),
        }
    }

    #[test]
    fn keeps_the_row_where_a_numeric_series_shifts_level() {
        let b = Budget::for_profile(Profile::Balanced).unwrap();
        let s = select(&latency_rows(Some(120)), &b, None).unwrap();
        let kept: Vec<usize> = (0..200).filter(|&i| s.keep[i]).collect();
        // The spike is no Tukey outlier here: the two levels widen the quartiles past it. Row 122 holds
        // the maximum (row 0 the minimum).
        assert_eq!(kept, vec![0, 1, 2, 120, 122, 198, 199]);
        assert_eq!(s.kept, "first 3, last 2, 1 extreme, 1 change point");
    }

    #[test]
    fn a_spike_a_trend_or_jitter_is_not_a_change_point() {
        let rows = latency_rows(None);
        assert!(stats::level_shift_rows(&rows).iter().all(|&f| !f));
        let ramp = Rows {
            cols: vec!["t".into()],
            cells: (0..100).map(|i| vec![Val::Num(1_700_000_000.0 + 60.0 * i as f64 + (i % 3) as f64)]).collect(),
            texts: (0..100).map(|i| i.to_string()).collect(),
        };
        assert!(stats::level_shift_rows(&ramp).iter().all(|&f| !f));
    }
}
