//! `find` output (one path per line: siblings under one directory beyond the first few collapse) and
//! other row-per-item output such as `pip list` or `ps` (header and first rows stay, the middle
//! collapses, flagged rows and query hits always stay).

use super::{is_flagged, Drop, Plan};
use headroom_marker::Query;

pub fn is_path(line: &str) -> bool {
    let t = line.trim_end();
    !t.is_empty() && !t.contains(char::is_whitespace) && (t.starts_with('.') || t.starts_with('/') || t.contains('/') || t.contains('\\'))
}

fn parent(p: &str) -> &str {
    match p.trim_end_matches(['/', '\\']).rfind(['/', '\\']) {
        Some(i) => &p[..i],
        None => "",
    }
}

pub fn plan_paths(lines: &[&str], query: &Query, aggressive: bool) -> Plan {
    let first_n = if aggressive { 3 } else { 6 };
    let mut drops: Vec<Option<Drop>> = Vec::with_capacity(lines.len());
    let mut run_parent = "";
    let mut run_len = 0;
    for (i, l) in lines.iter().enumerate() {
        let p = parent(l);
        if p != run_parent {
            run_parent = p;
            run_len = 0;
        }
        run_len += 1;
        // A path that is the parent of the next line is a directory: it stays.
        let is_dir = lines.get(i + 1).is_some_and(|n| parent(n) == l.trim_end_matches(['/', '\\']));
        let keep = run_len <= first_n || is_dir || is_flagged(l) || query.hits_ident(l) || !is_path(l);
        let name = l.rsplit(['/', '\\']).next().unwrap_or(l).to_string();
        drops.push((!keep).then_some(Drop { what: "paths", name }));
    }
    Plan { drops, transform: "listing:paths", prefixes: Vec::new(), hoist: false }
}

pub fn plan_rows(lines: &[&str], query: &Query, aggressive: bool) -> Plan {
    let (head, tail) = if aggressive { (6, 2) } else { (12, 3) };
    let n = lines.len();
    let drops = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let keep = i < head || i + tail >= n || l.trim().is_empty() || is_flagged(l) || query.hits_ident(l);
            let name = l.split_whitespace().next().unwrap_or("").to_string();
            (!keep).then_some(Drop { what: "rows", name })
        })
        .collect();
    Plan { drops, transform: "listing:rows", prefixes: Vec::new(), hoist: false }
}
