//! `ls -l` and `ls -laR`: per directory section, keep the header, `total`, `.`/`..`, subdirectories,
//! symlinks, executables and special files, the largest file, query hits and the first few entries; the
//! other regular files collapse into one marker per run.

use super::{is_flagged, Drop, Plan};
use headroom_marker::Query;

/// `-rwxr-xr-x 1 root root 5458 Nov 21 22:21 eslint.js`
pub fn is_long_entry(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 11
        && matches!(b[0], b'-' | b'd' | b'l' | b'c' | b'b' | b'p' | b's')
        && b[1..10].iter().all(|c| matches!(c, b'r' | b'w' | b'x' | b'-' | b's' | b'S' | b't' | b'T'))
}

/// Name field of a long entry: what follows the time/year column (8 fields in).
fn name_of(line: &str) -> &str {
    let mut rest = line;
    for _ in 0..8 {
        rest = rest.trim_start();
        match rest.find(char::is_whitespace) {
            Some(i) => rest = &rest[i..],
            None => return "",
        }
    }
    rest.trim_start()
}

fn size_of(line: &str) -> u64 {
    line.split_whitespace().nth(4).and_then(|s| s.parse().ok()).unwrap_or(0)
}

pub fn plan(lines: &[&str], query: &Query, aggressive: bool) -> Plan {
    let first_n = if aggressive { 2 } else { 4 };
    let mut drops: Vec<Option<Drop>> = lines.iter().map(|_| None).collect();
    let mut s = 0;
    while s < lines.len() {
        // A section: optional `dir:` header, then lines until the next header.
        let dir = lines[s].strip_suffix(':').filter(|_| !is_long_entry(lines[s])).unwrap_or("");
        let mut e = s + 1;
        while e < lines.len() && !(lines[e].ends_with(':') && !is_long_entry(lines[e]) && lines[e - 1].trim().is_empty()) {
            e += 1;
        }
        let largest = (s..e).filter(|&j| lines[j].starts_with('-')).max_by_key(|&j| (size_of(lines[j]), std::cmp::Reverse(j)));
        let mut seen = 0;
        for j in s..e {
            let l = lines[j];
            if !is_long_entry(l) {
                continue;
            }
            seen += 1;
            let name = name_of(l);
            let full = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
            let exec = l.as_bytes()[0] == b'-' && [3, 6, 9].iter().any(|&k| matches!(l.as_bytes()[k], b'x' | b's' | b't'));
            let keep = l.as_bytes()[0] != b'-'
                || exec
                || seen <= first_n
                || Some(j) == largest
                || is_flagged(l)
                || query.hits_ident(l)
                || query.idents.iter().any(|t| full.ends_with(t.as_str()));
            if !keep {
                drops[j] = Some(Drop { what: "regular files", name: name.to_string() });
            }
        }
        s = e;
    }
    let prefixes = Vec::new();
    Plan { drops, transform: "listing:ls", prefixes, hoist: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_long_entries() {
        let l = "-rwxr-xr-x 1 root root 5458 Nov 21 22:21 eslint.js";
        assert!(is_long_entry(l));
        assert_eq!(name_of(l), "eslint.js");
        assert_eq!(size_of(l), 5458);
        assert_eq!(name_of("lrwxrwxrwx 1 root root 23 Nov 21 22:21 eslint -> ../eslint/bin/eslint.js"), "eslint -> ../eslint/bin/eslint.js");
        assert!(!is_long_entry("total 16"));
    }
}
