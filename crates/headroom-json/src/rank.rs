//! Rows for a question that asks for a ranking over a quantity listing: a table of items and one
//! quantity each (`du`, `wc -l`, `uniq -c`, `git shortlog -sn`, `{name, count}` records). "Which
//! directories take the most space" wants the several largest, not only the maximum every selection
//! keeps. In wider tables "the most memory" or "the highest price" names one of several numeric columns,
//! whose extremes are kept anyway; ranking them all would keep rows nobody asked for.

use crate::query::Query;
use crate::rows::{Rows, Val};

/// The top and/or bottom `k` rows of the ranked column, as the question asks.
pub fn ranked_rows(rows: &Rows, q: &Query, k: usize) -> Vec<bool> {
    let n = rows.len();
    let mut out = vec![false; n];
    let (top, bottom) = q.ranking();
    if !(top || bottom) {
        return out;
    }
    let Some(mut order) = column(rows) else { return out };
    // Among equal values the earlier row ranks first.
    if bottom {
        order.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        order.iter().take(k).for_each(|p| out[p.0] = true);
    }
    if top {
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        order.iter().take(k).for_each(|p| out[p.0] = true);
    }
    out
}

/// The `(row, value)` pairs of a two-column table's one mostly-numeric column.
fn column(rows: &Rows) -> Option<Vec<(usize, f64)>> {
    if rows.cols.len() != 2 {
        return None;
    }
    let mut numeric = (0..2).filter_map(|c| {
        let present = rows.col(c).filter(|v| !matches!(v, Val::Missing | Val::Null)).count();
        let nums: Vec<(usize, f64)> = rows.col(c).enumerate().filter_map(|(i, v)| if let Val::Num(x) = v { Some((i, *x)) } else { None }).collect();
        (nums.len() >= 8 && nums.len() * 10 >= present * 9).then_some(nums)
    });
    let (first, second) = (numeric.next(), numeric.next());
    if second.is_some() {
        return None;
    }
    first
}
