//! Values the question names. A cell that is, as a whole, a word or token of the question names its
//! row: "which OpenSSL version is installed" asks for the row whose package is `openssl`, which BM25
//! ranks below `python3-openssl` and `libxmlsec1-openssl` (their descriptions say OpenSSL again). A
//! value that many rows share names a group instead ("when did AAPL bottom out" over five interleaved
//! symbols): keeping the group would keep the table, so its extremes are kept, the rows a question
//! about a group most often wants.

use crate::query::Query;
use crate::rows::{Rows, Val};
use crate::stats;

/// Groups whose extremes are looked for: each costs a pass over the table.
const MAX_GROUPS: usize = 8;

pub struct Named {
    /// Rows holding a named value that at most `few` rows of its column share.
    pub rows: Vec<bool>,
    /// Minimum and maximum rows of each numeric column within each larger named group.
    pub group_extremes: Vec<bool>,
}

pub fn named(rows: &Rows, q: &Query, few: usize) -> Named {
    let n = rows.len();
    let mut out = Named { rows: vec![false; n], group_extremes: vec![false; n] };
    let mut groups_left = MAX_GROUPS;
    for c in 0..rows.cols.len() {
        // The column's distinct named values (at most the question's terms) and their rows.
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, v) in rows.col(c).enumerate() {
            let Val::Str(s) = v else { continue };
            if !q.names(s) {
                continue;
            }
            match groups.iter_mut().find(|g| g.0.eq_ignore_ascii_case(s)) {
                Some(g) => g.1.push(i),
                None => groups.push((s, vec![i])),
            }
        }
        for (_, members) in groups {
            if members.len() <= few {
                members.iter().for_each(|&i| out.rows[i] = true);
            } else if members.len() * 2 <= n && groups_left > 0 {
                // A value most rows share (a constant installer, the dominant state) scopes nothing.
                groups_left -= 1;
                let mut inside = vec![false; n];
                members.iter().for_each(|&i| inside[i] = true);
                for (e, f) in out.group_extremes.iter_mut().zip(stats::extremes_among(rows, |i| inside[i])) {
                    *e |= f;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[(&str, f64)]) -> Rows {
        Rows {
            cols: vec!["name".into(), "n".into()],
            cells: cells.iter().map(|(s, x)| vec![Val::Str(s.to_string()), Val::Num(*x)]).collect(),
            texts: cells.iter().map(|(s, x)| format!("{s} {x}").to_lowercase()).collect(),
        }
    }

    #[test]
    fn a_named_cell_keeps_its_row_and_a_named_group_its_extremes() {
        let mut cells = vec![("openssl", 1.0), ("python3-openssl", 2.0)];
        for i in 0..20 {
            cells.push(("AAPL", 10.0 + ((i * 7) % 20) as f64));
            cells.push(("IBM", 50.0 + i as f64));
        }
        let named = named(&table(&cells), &Query::new(&headroom_marker::Query::parse(Some("which OpenSSL version, and when did aapl peak?"))), 10);
        let flagged = |v: &[bool]| (0..v.len()).filter(|&i| v[i]).collect::<Vec<_>>();
        assert_eq!(flagged(&named.rows), [0]);
        // AAPL's lowest (10 at i=0, row 2) and highest (29 at i=17, row 36); IBM is not named.
        assert_eq!(flagged(&named.group_extremes), [2, 36]);
    }
}
