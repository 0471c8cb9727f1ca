//! Rows where two version columns disagree on the major version: `pip list --outdated`'s Version and
//! Latest, `npm outdated`'s Current and Latest, an inventory's deployed and desired release. Every row
//! of such a table differs somewhere; the few whose leading number differs are the breaking upgrades a
//! reader asks about ("which packages are furthest behind").

use crate::rows::{Rows, Val};

/// The leading number of a version: `23` for `23.2.1`, `2` for `2.9.0.post0`, and for a cell read as
/// a number (`26.3`) its integer part. `None` for anything else, IPv4 addresses included.
fn major(v: &Val) -> Option<u64> {
    match v {
        Val::Num(x) if *x >= 0.0 => Some(x.trunc() as u64),
        Val::Str(s) if is_version(s) => s.split('.').next()?.parse().ok(),
        _ => None,
    }
}

/// `digits.digits…` with letters, `+`, `-` or `~` in later parts: `1.2.3`, `2.9.0.post0`, `1.0.0-rc1`.
fn is_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    let numeric = parts.iter().filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).count();
    parts.len() >= 3
        && parts[0].bytes().all(|b| b.is_ascii_digit())
        && parts[1].bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-' | b'~'))
        && !(parts.len() == 4 && numeric == 4)
}

/// A column of versions: every present cell has a major version and most are dotted version strings
/// (not plain numbers, which a number column holds too).
fn is_version_column(rows: &Rows, c: usize) -> bool {
    let (mut present, mut dotted) = (0, 0);
    for v in rows.col(c) {
        match v {
            Val::Missing | Val::Null => continue,
            Val::Str(s) if is_version(s) => dotted += 1,
            v if major(v).is_some() => {}
            _ => return false,
        }
        present += 1;
    }
    present >= 8 && dotted * 2 >= present
}

/// Rows whose major versions differ between two version columns, when such rows are a minority.
pub fn major_change_rows(rows: &Rows) -> Vec<bool> {
    let n = rows.len();
    let mut out = vec![false; n];
    let cols: Vec<usize> = (0..rows.cols.len()).filter(|&c| is_version_column(rows, c)).collect();
    for (i, &a) in cols.iter().enumerate() {
        for &b in &cols[i + 1..] {
            let changed: Vec<usize> = (0..n)
                .filter(|&r| {
                    let cell = |c: usize| rows.cells[r].get(c).and_then(major);
                    matches!((cell(a), cell(b)), (Some(x), Some(y)) if x != y)
                })
                .collect();
            if changed.len() * 4 <= n {
                changed.into_iter().for_each(|r| out[r] = true);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_their_majors() {
        let m = |s: &str| major(&crate::rows::infer(s));
        assert_eq!((m("23.2.1"), m("26.3"), m("2.9.0.post0"), m("2026.10.19.post1"), m("1.0.0-rc1")), (Some(23), Some(26), Some(2), Some(2026), Some(1)));
        assert_eq!((m("10.0.0.1"), m("1:10.11.19-0+deb12u1"), m("a.b.c")), (None, None, None));
    }
}
