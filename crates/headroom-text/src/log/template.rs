//! Drain-style template mining without the tree: a line's template is its whitespace tokens with every
//! token that holds a digit replaced by a placeholder (timestamps, ids, counters, IPs, block ids, hex,
//! `file:line`). Templates of the same length that differ in exactly one literal position are then merged
//! when that position takes at least `MERGE_MIN` distinct values (user names in an auth log), so a slot
//! with few values (LEADING vs LOOKING) stays literal and its rare value stays visible.

use std::collections::HashMap;

const MERGE_MIN: usize = 5;
/// Lines with more tokens than this are not merged (the per-position keys would cost too much).
const MERGE_MAX_TOKENS: usize = 48;

pub struct Templates {
    /// Group id per line (`usize::MAX` for blank lines).
    pub group_of: Vec<usize>,
    /// Pattern per group: `None` marks a variable position.
    pub patterns: Vec<Vec<Option<String>>>,
    pub counts: Vec<usize>,
}

pub fn is_variable(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit())
}

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // Separator so ("ab","c") and ("a","bc") differ.
    (h ^ 0xff).wrapping_mul(0x100000001b3)
}

const SEED: u64 = 0xcbf29ce484222325;

pub fn mine(lines: &[&str]) -> Templates {
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut exact_patterns: Vec<Vec<Option<String>>> = Vec::new();
    let mut exact_of: Vec<usize> = Vec::with_capacity(lines.len());
    let mut key = String::new();
    for line in lines {
        key.clear();
        let mut n = 0;
        for tok in line.split_whitespace() {
            n += 1;
            key.push_str(if is_variable(tok) { "\u{1}" } else { tok });
            key.push(' ');
        }
        if n == 0 {
            exact_of.push(usize::MAX);
            continue;
        }
        let id = match exact.get(key.as_str()) {
            Some(&id) => id,
            None => {
                let id = exact_patterns.len();
                exact_patterns.push(line.split_whitespace().map(|t| (!is_variable(t)).then(|| t.to_string())).collect());
                exact.insert(key.clone(), id);
                id
            }
        };
        exact_of.push(id);
    }

    // Merge pass: for every literal position, a key made of the pattern's length, the position and the
    // hashes of everything before and after it. Templates sharing a key differ at most there.
    let mut parent: Vec<usize> = (0..exact_patterns.len()).collect();
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (id, pat) in exact_patterns.iter().enumerate() {
        if pat.len() > MERGE_MAX_TOKENS {
            continue;
        }
        let tok_hash: Vec<u64> = pat.iter().map(|t| fnv(SEED, t.as_deref().unwrap_or("\u{1}").as_bytes())).collect();
        let mut prefix = vec![SEED; pat.len() + 1];
        for i in 0..pat.len() {
            prefix[i + 1] = fnv(prefix[i], &tok_hash[i].to_le_bytes());
        }
        let mut suffix = vec![SEED; pat.len() + 1];
        for i in (0..pat.len()).rev() {
            suffix[i] = fnv(suffix[i + 1], &tok_hash[i].to_le_bytes());
        }
        for (i, t) in pat.iter().enumerate() {
            if t.as_deref().is_some_and(is_level) {
                continue;
            }
            let mut k = fnv(SEED, &(pat.len() as u64).to_le_bytes());
            k = fnv(k, &(i as u64).to_le_bytes());
            k = fnv(k, &prefix[i].to_le_bytes());
            k = fnv(k, &suffix[i + 1].to_le_bytes());
            by_key.entry(k).or_default().push(id);
        }
    }
    let mut keys: Vec<(&u64, &Vec<usize>)> = by_key.iter().filter(|(_, v)| v.len() >= MERGE_MIN).collect();
    keys.sort_by_key(|(_, v)| v[0]); // deterministic union order
    for (_, ids) in keys {
        for &other in &ids[1..] {
            let (a, b) = (find(&mut parent, ids[0]), find(&mut parent, other));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }

    // Groups: one per union root, pattern = positions where all members agree stay literal.
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    let mut patterns: Vec<Vec<Option<String>>> = Vec::new();
    let mut exact_group = vec![0usize; exact_patterns.len()];
    for id in 0..exact_patterns.len() {
        let root = find(&mut parent, id);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            patterns.push(exact_patterns[id].clone());
            patterns.len() - 1
        });
        if id != root {
            for (slot, t) in patterns[g].iter_mut().zip(&exact_patterns[id]) {
                if slot.is_some() && slot != t {
                    *slot = None;
                }
            }
        }
        exact_group[id] = g;
    }
    let mut counts = vec![0usize; patterns.len()];
    let group_of: Vec<usize> = exact_of
        .iter()
        .map(|&e| {
            if e == usize::MAX {
                usize::MAX
            } else {
                counts[exact_group[e]] += 1;
                exact_group[e]
            }
        })
        .collect();
    Templates { group_of, patterns, counts }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Severity words never become placeholders: an ERROR line must not hide inside an INFO template.
fn is_level(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_ascii_alphabetic());
    matches!(t, "ERROR" | "WARN" | "WARNING" | "INFO" | "DEBUG" | "TRACE" | "FATAL" | "CRITICAL" | "SEVERE" | "NOTICE" | "error" | "warning" | "fatal" | "E" | "W" | "I" | "D")
}

/// `PacketResponder <*> for block <*> terminating`, cut to `max` bytes.
pub fn render_pattern(pat: &[Option<String>], max: usize) -> String {
    let mut s = String::new();
    for (i, t) in pat.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t.as_deref().unwrap_or("<*>"));
        if s.len() > max {
            let cut = crate::util::floor_boundary(&s, max);
            s.truncate(cut);
            s.push('…');
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_digits_and_merges_wide_slots_only() {
        let mut lines = vec!["Invalid user a1 from 1.2.3.4".to_string()];
        for u in ["alice", "bob", "carol", "dave", "erin"] {
            lines.push(format!("Invalid user {u} from 10.0.0.{}", u.len()));
        }
        lines.push("state LEADING n 1".into());
        lines.push("state LOOKING n 2".into());
        let refs: Vec<&str> = lines.iter().map(|s| s.as_str()).collect();
        let t = mine(&refs);
        assert_eq!(t.group_of[1], t.group_of[5]);
        assert_eq!(render_pattern(&t.patterns[t.group_of[1]], 100), "Invalid user <*> from <*>");
        assert_ne!(t.group_of[6], t.group_of[7]);
    }
}
