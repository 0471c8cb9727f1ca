//! grep / ripgrep results: `path:line:text` matches, `path-line-text` context lines, `--` separators, and
//! ripgrep's heading mode (a path line, then `line:text`). Lines are grouped by file; each file keeps its
//! first matches and every match relevant to the question, the rest collapse into one marker per file
//! naming the line range. Overlong lines (minified bundles, source maps) are cut with an inline marker.

use crate::builder::Builder;
use crate::util;
use headroom_marker::Query;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};

/// Kept lines longer than this are cut (the head and a window around a query hit stay).
const LONG_LINE: usize = 600;
const HEAD_BYTES: usize = 240;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Match,
    Context,
    Separator,
    Other,
}

#[derive(Debug)]
struct Hit<'a> {
    path: &'a str,
    line_no: &'a str,
    kind: Kind,
}

/// Finds `<path><sep><digits><sep>` with `sep` `:` (match) or `-` (context). The path is everything
/// before, so `:` inside file names and `C:\` drive letters survive as long as they are not followed by
/// digits and the same separator.
fn parse<'a>(line: &'a str, last_path: Option<&'a str>) -> Option<Hit<'a>> {
    let b = line.as_bytes();
    // Context lines: prefer the path of the previous match (file names may contain `-12-`); context
    // always sits next to a match of its own file, so one candidate is enough.
    if let Some(p) = last_path {
        if line.len() > p.len() && line.starts_with(p) && b[p.len()] == b'-' {
            if let Some(n) = digits_then(b, p.len() + 1, b'-') {
                return Some(Hit { path: p, line_no: &line[p.len() + 1..n], kind: Kind::Context });
            }
        }
    }
    // A match (`:N:`) anywhere wins over a context split (`-N-`), which file names like `file-1-x.js`
    // contain.
    for sep in [b':', b'-'] {
        let mut i = 1;
        while i < b.len() {
            if b[i] == sep {
                if let Some(n) = digits_then(b, i + 1, sep) {
                    let kind = if sep == b':' { Kind::Match } else { Kind::Context };
                    return Some(Hit { path: &line[..i], line_no: &line[i + 1..n], kind });
                }
            }
            i += 1;
        }
    }
    None
}

/// If `b[start..]` is a line number (digits, no leading zero) followed by `sep`, the index of `sep`.
/// The leading-zero rule lets `logs/10:00:00.txt:12:` split after `.txt`, not inside the time.
fn digits_then(b: &[u8], start: usize, sep: u8) -> Option<usize> {
    if b.get(start) == Some(&b'0') {
        return None;
    }
    let mut j = start;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    (j > start && j < b.len() && b[j] == sep).then_some(j)
}

struct Line<'a> {
    text: &'a str,
    path: Option<&'a str>,
    line_no: &'a str,
    kind: Kind,
}

pub fn compress_search(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: search compression drops matches"));
    }
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    let raw = util::split_lines(text);
    let mut last_path: Option<&str> = None;
    let mut heading: Option<&str> = None;
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    for (idx, l) in raw.iter().enumerate() {
        if *l == "--" {
            lines.push(Line { text: l, path: None, line_no: "", kind: Kind::Separator });
            continue;
        }
        // ripgrep heading mode: `12:text` under a bare path line.
        if let Some(h) = heading {
            let bl = l.as_bytes();
            let n = bl.iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 0 && n < bl.len() && (bl[n] == b':' || bl[n] == b'-') {
                let kind = if bl[n] == b':' { Kind::Match } else { Kind::Context };
                lines.push(Line { text: l, path: Some(h), line_no: &l[..n], kind });
                continue;
            }
        }
        if let Some(hit) = parse(l, last_path) {
            if hit.kind == Kind::Match {
                last_path = Some(hit.path);
            }
            heading = None;
            lines.push(Line { text: l, path: Some(hit.path), line_no: hit.line_no, kind: hit.kind });
            continue;
        }
        let next_is_numbered = raw.get(idx + 1).is_some_and(|n| {
            let d = n.bytes().take_while(|c| c.is_ascii_digit()).count();
            d > 0 && matches!(n.as_bytes().get(d), Some(b':') | Some(b'-'))
        });
        if !l.is_empty() && next_is_numbered {
            heading = Some(l);
        } else if l.is_empty() {
            heading = None;
        }
        lines.push(Line { text: l, path: None, line_no: "", kind: Kind::Other });
    }
    let mut matches = lines.iter().filter(|l| l.kind == Kind::Match).count();
    if matches == 0 {
        // `grep -r` without `-n`: `path:text`. Only when the prefix reads as a path.
        for l in lines.iter_mut() {
            if let Some((p, _)) = l.text.split_once(':') {
                if !p.is_empty() && !p.contains(char::is_whitespace) && (p.contains('/') || p.contains('\\') || p.contains('.')) {
                    l.path = Some(p);
                    l.kind = Kind::Match;
                    matches += 1;
                }
            }
        }
    }
    let located = lines.iter().filter(|l| matches!(l.kind, Kind::Match | Kind::Context | Kind::Separator)).count();
    if matches == 0 || located * 2 < lines.iter().filter(|l| !l.text.is_empty()).count() {
        return Err(Skip::new("not search results: fewer than half the lines are path:line matches or context"));
    }

    let mut query = opts.question().clone();
    // A question word found in most matches (`error` in a grep for `throw new Error`) says nothing about
    // relevance: keep only words present in at most a tenth of the matches.
    let lower: Vec<String> = lines.iter().map(|l| if l.kind == Kind::Match { util::head(l.text, 2000).to_lowercase() } else { String::new() }).collect();
    query.words.retain(|w| lower.iter().filter(|l| l.contains(w.as_str())).count() * 10 <= matches.max(1));
    let base = if opts.profile == Profile::Aggressive { 1 } else { 2 };
    let mut keep = vec![false; lines.len()];
    let mut why_query = vec![false; lines.len()];
    // Files: maximal runs of lines with the same path (separators and heading lines belong to the run).
    let mut i = 0;
    while i < lines.len() {
        let Some(path) = lines[i].path else {
            // Unparsed lines and `--` separators between groups stay as printed.
            keep[i] = matches!(lines[i].kind, Kind::Other | Kind::Separator);
            i += 1;
            continue;
        };
        let start = i;
        while i < lines.len() && (lines[i].path == Some(path) || (lines[i].kind == Kind::Separator && lines.get(i + 1).is_some_and(|n| n.path == Some(path)))) {
            i += 1;
        }
        let mut first = 0;
        for j in start..i {
            if lines[j].kind != Kind::Match {
                continue;
            }
            let t = lines[j].text;
            let relevant = query.hits_ident(t) || (query.words.len() >= 2 && query.word_hits(&lower[j]) >= 2);
            if relevant {
                why_query[j] = true;
            }
            if first < base || relevant {
                keep[j] = true;
            }
            first += 1;
        }
        // Context lines next to a kept match stay (they explain it).
        for j in start..i {
            if lines[j].kind == Kind::Context {
                let near = (j > start && keep[j - 1] && lines[j - 1].kind == Kind::Match) || (j + 1 < i && keep[j + 1] && lines[j + 1].kind == Kind::Match);
                keep[j] = near;
            }
        }
    }
    render(text, opts, &lines, &keep, &why_query, &query)
}

fn render(original: &str, opts: &Options, lines: &[Line], keep: &[bool], why_query: &[bool], query: &Query) -> Outcome {
    let mut b = Builder::new(original, opts);
    let mut i = 0;
    while i < lines.len() {
        let path = lines[i].path;
        let start = i;
        i += 1;
        if path.is_some() {
            while i < lines.len() && (lines[i].path == path || (lines[i].kind == Kind::Separator && lines.get(i + 1).is_some_and(|n| n.path == path))) {
                i += 1;
            }
        }
        let (mut dropped_matches, mut total_matches, mut dropped_lines) = (0usize, 0usize, 0usize);
        let (mut lo, mut hi) = ("", "");
        let mut queried = 0;
        for j in start..i {
            let l = &lines[j];
            if l.kind == Kind::Match {
                total_matches += 1;
            }
            if keep[j] {
                queried += why_query[j] as usize;
                if l.text.len() > LONG_LINE {
                    let cut = cut_long(&mut b, l.text, query);
                    b.line(&cut);
                } else {
                    b.line(l.text);
                }
                continue;
            }
            dropped_lines += 1;
            if l.kind == Kind::Match {
                dropped_matches += 1;
                if lo.is_empty() {
                    lo = l.line_no;
                }
                hi = l.line_no;
            }
        }
        if dropped_lines > 0 {
            let p = path.unwrap_or("");
            let mut kept = format!("first {}", (total_matches - dropped_matches).saturating_sub(queried).min(total_matches));
            if queried > 0 {
                kept.push_str(&format!(", {queried} query matches"));
            }
            let dropped = match (dropped_matches > 0, lo.is_empty()) {
                (true, false) => format!("{p} lines {lo}..{hi}"),
                (true, true) => format!("more matches in {p}"),
                _ => format!("context lines of {p}"),
            };
            let (count, unit) = if dropped_matches > 0 { (dropped_matches, "matches") } else { (dropped_lines, "lines") };
            b.marker(|key| {
                let m = Marker::new(count, unit, key).dropped(dropped);
                if unit == "matches" {
                    m.of(total_matches).kept(kept)
                } else {
                    m
                }
            });
        }
    }
    b.finish("search:group")
}

/// Head of the line, plus a window around the first query hit past the head, then an inline marker.
fn cut_long(b: &mut Builder, line: &str, query: &Query) -> String {
    let head = util::head(line, HEAD_BYTES);
    let mut out = head.to_string();
    let mut kept = format!("first {} bytes", head.len());
    let hit = query.idents.iter().filter_map(|t| line[head.len()..].find(t.as_str()).map(|p| p + head.len())).min();
    let mut kept_bytes = head.len();
    if let Some(p) = hit {
        let s = util::floor_boundary(line, p.saturating_sub(80).max(head.len()));
        let e = util::floor_boundary(line, p + 240);
        out.push_str(" … ");
        out.push_str(&line[s..e]);
        kept_bytes += e - s;
        kept.push_str(", 1 query match");
    }
    let omitted = line.len() - kept_bytes;
    let m = b.inline_marker(|key| Marker::new(omitted, "bytes", key).of(line.len()).kept(kept));
    out.push(' ');
    out.push_str(&m);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colons_in_names_and_windows_paths() {
        let h = parse("a:b.txt:12:x = 1", None).unwrap();
        assert_eq!((h.path, h.line_no, h.kind), ("a:b.txt", "12", Kind::Match));
        let h = parse(r"C:\src\main.rs:7:fn main() {}", None).unwrap();
        assert_eq!((h.path, h.line_no), (r"C:\src\main.rs", "7"));
        let h = parse("src/x.js-3-context", None).unwrap();
        assert_eq!(h.kind, Kind::Context);
        let h = parse("pkg1/src/file-1-x.js:4:code", None).unwrap();
        assert_eq!((h.path, h.line_no, h.kind), ("pkg1/src/file-1-x.js", "4", Kind::Match));
        let h = parse("src/a-2-b.js-7-ctx", Some("src/a-2-b.js")).unwrap();
        assert_eq!((h.path, h.line_no, h.kind), ("src/a-2-b.js", "7", Kind::Context));
    }
}
