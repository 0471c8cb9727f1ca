//! Column-aligned CLI tables: a header line over rows whose fields sit at the same character columns
//! (`ps aux`, `df -h`, `dpkg -l`, `pip list`, `kubectl get`, `docker ps`, `ss -tunap`, `top -b`,
//! `sqlite3 -column`). Column boundaries are the gutters: character positions blank in every row. The
//! header decides how the blocks between gutters group into columns: a header word spanning two blocks
//! joins them (`Local Address:Port`), and a block under no header word belongs to the column on its
//! left (the spaces inside `ps aux`'s COMMAND or `dpkg -l`'s Description). Header words themselves
//! may be multi-word (`CONTAINER ID`, `Mounted on`).

use super::{is_rule, looks_like_value, Format, Parsed, Row, HEADER_WITHIN};

pub fn parse(lines: &[&str]) -> Option<Parsed> {
    lines.iter().enumerate().filter(|(_, l)| !l.trim().is_empty()).take(HEADER_WITHIN).find_map(|(h, _)| table_at(lines, h))
}

fn table_at(lines: &[&str], h: usize) -> Option<Parsed> {
    let header = lines[h];
    let words = words(header);
    // Cheap rejection first: a line of values or prose is not a header.
    if header.contains('\t') || words.len() < 2 || words.iter().any(|&(s, e)| looks_like_value(&header[s..e])) {
        return None;
    }
    let start = h + 1 + usize::from(lines.get(h + 1).is_some_and(|l| is_rule(l)));
    let end = (start..lines.len()).find(|&i| lines[i].trim().is_empty() || lines[i].contains('\t') || is_footer(lines[i])).unwrap_or(lines.len());
    let body = lines.get(start..end).filter(|b| b.len() >= 2)?;
    let mut blocks = runs(body, (body.len() / 50) as u32);
    // A column that only a few lines fill (ss's Process) is no stray when a header word stands over it.
    for b in runs(body, 0) {
        let free = !blocks.iter().any(|k| k.0 < b.1 && b.0 < k.1);
        if free && words.iter().any(|&(s, e)| s < b.1 && b.0 < e) {
            blocks.push(b);
        }
    }
    blocks.sort_unstable();
    if blocks.len() < 2 {
        return None;
    }
    // joined[k]: block k+1 belongs to the same column as block k.
    let mut joined = vec![false; blocks.len()];
    let mut named = vec![false; blocks.len()];
    let mut owner = Vec::with_capacity(words.len());
    for &(s, e) in &words {
        let over: Vec<usize> = (0..blocks.len()).filter(|&k| blocks[k].0 < e && s < blocks[k].1).collect();
        let (first, last) = match (over.first(), over.last()) {
            (Some(&f), Some(&l)) => (f, l),
            // A word over a gutter names the nearest block; right on ties, as numbers align right.
            _ => {
                let dist = |k: usize| if blocks[k].1 <= s { s - blocks[k].1 + 1 } else { blocks[k].0 - e + 1 };
                let k = (0..blocks.len()).rev().min_by_key(|&k| dist(k))?;
                (k, k)
            }
        };
        joined[first..last].iter_mut().for_each(|j| *j = true);
        named[first..=last].iter_mut().for_each(|n| *n = true);
        owner.push(first);
    }
    for k in (0..blocks.len()).filter(|&k| !named[k]) {
        joined[k.saturating_sub(1)] = true;
    }
    // Column c starts at block `starts[c]`; `col_of[k]` is the column of block k.
    let mut col_of = Vec::with_capacity(blocks.len());
    let mut starts = Vec::new();
    for k in 0..blocks.len() {
        if k == 0 || !joined[k - 1] {
            starts.push(blocks[k].0);
        }
        col_of.push(starts.len() - 1);
    }
    if starts.len() < 2 {
        return None;
    }
    let mut cols = vec![String::new(); starts.len()];
    for (&(s, e), &k) in words.iter().zip(&owner) {
        let name = &mut cols[col_of[k]];
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(&header[s..e]);
    }
    let rows = (start..end).map(|i| Row { lines: i..i + 1, cells: cut(lines[i], &starts) }).collect();
    Some(Parsed { format: Format::Aligned, header: Some(h), cols, rows, ruled: false })
}

/// Byte spans of the whitespace-separated words of a line.
fn words(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in line.bytes().enumerate().chain(std::iter::once((line.len(), b' '))) {
        match (b == b' ', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Maximal runs of byte positions that hold a non-blank in more than `stray` lines. Why allow strays:
/// `ps aux` lets a wide value (a 10-digit VSZ) push its line's later fields right instead of widening
/// the column; one such line must not erase the gutters of a hundred aligned ones.
fn runs(body: &[&str], stray: u32) -> Vec<(usize, usize)> {
    let width = body.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut used = vec![0u32; width];
    for l in body {
        for (u, b) in used.iter_mut().zip(l.bytes()) {
            *u += u32::from(b != b' ');
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < width {
        if used[i] > stray {
            let s = i;
            while i < width && used[i] > stray {
                i += 1;
            }
            out.push((s, i));
        }
        i += 1;
    }
    out
}

/// Cells of one line at the column starts. A line with a field across a gutter (see `runs`) is
/// split at whitespace instead, the last column taking the rest, as the header's count of fields says.
fn cut(line: &str, starts: &[usize]) -> Vec<String> {
    let b = line.as_bytes();
    let straddles = starts.iter().skip(1).any(|&s| s < b.len() && b[s - 1] != b' ');
    if straddles {
        let mut cells: Vec<String> = Vec::with_capacity(starts.len());
        let mut rest = line.trim();
        while cells.len() + 1 < starts.len() && !rest.is_empty() {
            let (field, tail) = rest.split_once(' ').unwrap_or((rest, ""));
            cells.push(field.to_string());
            rest = tail.trim_start();
        }
        cells.push(rest.to_string());
        cells.resize(starts.len(), String::new());
        return cells;
    }
    (0..starts.len())
        .map(|c| {
            let from = if c == 0 { 0 } else { starts[c].min(line.len()) };
            let to = starts.get(c + 1).map_or(line.len(), |&s| s.min(line.len()));
            line[from..to.max(from)].trim().to_string()
        })
        .collect()
}

/// psql's and sqlite's row count: `(410 rows)`.
fn is_footer(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('(') && t.ends_with(')') && t.contains(" row")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_group_blocks_into_columns() {
        let lines = [
            "Netid State  Recv-Q Local Address:Port  Process",
            "tcp   LISTEN 0           0.0.0.0:2024   users:((\"x\",pid=1))",
            "tcp   LISTEN 12        127.0.0.1:5432   ",
            "udp   UNCONN 0         127.0.0.1:53     users:((\"dns\", pid=7))",
        ];
        let p = parse(&lines).unwrap();
        assert_eq!(p.cols, ["Netid", "State", "Recv-Q", "Local Address:Port", "Process"]);
        assert_eq!(p.rows[2].cells, ["udp", "UNCONN", "0", "127.0.0.1:53", "users:((\"dns\", pid=7))"]);
    }
}
