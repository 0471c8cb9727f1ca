//! Drain-style template mining without the tree: a line's template is its whitespace tokens with every
//! token that holds a digit replaced by a placeholder (timestamps, ids, counters, IPs, block ids, hex,
//! `file:line`). Templates of the same length that differ in exactly one literal position are then merged
//! when that position takes at least `MERGE_MIN` distinct values (user names in an auth log), so a slot
//! with few values (LEADING vs LOOKING) stays literal and its rare value stays visible.

use std::collections::HashMap;

const MERGE_MIN: usize = 5;
/// Lines with more tokens than this are not merged (the per-position keys would cost too much).
const MERGE_MAX_TOKENS: usize = 48;

pub struct Templates<'a> {
    /// Group id per line (`usize::MAX` for blank lines).
    pub group_of: Vec<usize>,
    pub counts: Vec<usize>,
    /// A representative line per group: its tokens give the pattern.
    rep: Vec<&'a str>,
    /// Per merged group, which positions still agree across all members (absent: only digit-masked).
    agree: HashMap<usize, Vec<bool>>,
}

impl<'a> Templates<'a> {
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// The group's pattern: `None` marks a variable position.
    pub fn pattern(&self, g: usize) -> Vec<Option<&'a str>> {
        let agree = self.agree.get(&g);
        self.rep[g]
            .split_whitespace()
            .enumerate()
            .map(|(i, t)| (!is_variable(t) && agree.is_none_or(|a| a.get(i).copied().unwrap_or(false))).then_some(t))
            .collect()
    }
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

fn masked(line: &str) -> impl Iterator<Item = Option<&str>> {
    line.split_whitespace().map(|t| (!is_variable(t)).then_some(t))
}

pub fn mine<'a>(lines: &[&'a str]) -> Templates<'a> {
    // Exact templates: the masked token string is the key; only a representative line is kept, so
    // memory stays proportional to the number of distinct templates, not their tokens.
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut exact_rep: Vec<&'a str> = Vec::new();
    let mut exact_of: Vec<usize> = Vec::with_capacity(lines.len());
    let mut key = String::new();
    for line in lines {
        key.clear();
        for tok in masked(line) {
            key.push_str(tok.unwrap_or("\u{1}"));
            key.push(' ');
        }
        if key.is_empty() {
            exact_of.push(usize::MAX);
            continue;
        }
        let id = match exact.get(key.as_str()) {
            Some(&id) => id,
            None => {
                let id = exact_rep.len();
                exact_rep.push(line);
                exact.insert(key.clone(), id);
                id
            }
        };
        exact_of.push(id);
    }
    drop(exact);

    // Merge pass: for every literal position, a key made of the pattern's length, the position and the
    // hashes of everything before and after it. Templates sharing a key differ at most there.
    let mut parent: Vec<usize> = (0..exact_rep.len()).collect();
    // (key, template) pairs, sorted afterwards: far cheaper than a map of vectors when most lines are
    // unique.
    let mut by_key: Vec<(u64, u32)> = Vec::new();
    let mut pat: Vec<Option<&str>> = Vec::new();
    let mut tok_hash: Vec<u64> = Vec::new();
    let mut prefix: Vec<u64> = Vec::new();
    let mut suffix: Vec<u64> = Vec::new();
    for (id, line) in exact_rep.iter().enumerate() {
        pat.clear();
        pat.extend(masked(line));
        if pat.len() > MERGE_MAX_TOKENS {
            continue;
        }
        tok_hash.clear();
        tok_hash.extend(pat.iter().map(|t| fnv(SEED, t.unwrap_or("\u{1}").as_bytes())));
        prefix.clear();
        prefix.resize(pat.len() + 1, SEED);
        for i in 0..pat.len() {
            prefix[i + 1] = fnv(prefix[i], &tok_hash[i].to_le_bytes());
        }
        suffix.clear();
        suffix.resize(pat.len() + 1, SEED);
        for i in (0..pat.len()).rev() {
            suffix[i] = fnv(suffix[i + 1], &tok_hash[i].to_le_bytes());
        }
        for (i, t) in pat.iter().enumerate() {
            if t.is_some_and(is_level) {
                continue;
            }
            let mut k = fnv(SEED, &(pat.len() as u64).to_le_bytes());
            k = fnv(k, &(i as u64).to_le_bytes());
            k = fnv(k, &prefix[i].to_le_bytes());
            k = fnv(k, &suffix[i + 1].to_le_bytes());
            by_key.push((k, id as u32));
        }
    }
    // Sorting by (key, id) makes the union order deterministic.
    by_key.sort_unstable();
    let mut s = 0;
    while s < by_key.len() {
        let mut e = s + 1;
        while e < by_key.len() && by_key[e].0 == by_key[s].0 {
            e += 1;
        }
        if e - s >= MERGE_MIN {
            let first = by_key[s].1 as usize;
            for &(_, other) in &by_key[s + 1..e] {
                let (a, b) = (find(&mut parent, first), find(&mut parent, other as usize));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        s = e;
    }
    drop(by_key);

    // Groups: one per union root. For merged groups, a position stays literal only where every member
    // has the same literal token (so the rendered pattern is true of every line it stands for).
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    let mut rep: Vec<&'a str> = Vec::new();
    let mut agree: HashMap<usize, Vec<bool>> = HashMap::new();
    let mut exact_group = vec![0usize; exact_rep.len()];
    for id in 0..exact_rep.len() {
        let root = find(&mut parent, id);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            rep.push(exact_rep[id]);
            rep.len() - 1
        });
        if id != root {
            let base: Vec<Option<&str>> = masked(rep[g]).collect();
            let a = agree.entry(g).or_insert_with(|| vec![true; base.len()]);
            let member: Vec<Option<&str>> = masked(exact_rep[id]).collect();
            if member.len() != base.len() {
                a.iter_mut().for_each(|x| *x = false);
            }
            for (slot, (b, m)) in a.iter_mut().zip(base.iter().zip(&member)) {
                if b != m {
                    *slot = false;
                }
            }
        }
        exact_group[id] = g;
    }
    let mut counts = vec![0usize; rep.len()];
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
    Templates { group_of, counts, rep, agree }
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
    matches!(
        t,
        "ERROR"
            | "WARN"
            | "WARNING"
            | "INFO"
            | "DEBUG"
            | "TRACE"
            | "FATAL"
            | "CRITICAL"
            | "SEVERE"
            | "NOTICE"
            | "error"
            | "warning"
            | "fatal"
            | "E"
            | "W"
            | "I"
            | "D"
    )
}

/// `PacketResponder <*> for block <*> terminating`, cut to `max` bytes.
pub fn render_pattern(pat: &[Option<&str>], max: usize) -> String {
    let mut s = String::new();
    for (i, t) in pat.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t.unwrap_or("<*>"));
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
        assert_eq!(render_pattern(&t.pattern(t.group_of[1]), 100), "Invalid user <*> from <*>");
        assert_ne!(t.group_of[6], t.group_of[7]);
    }
}
