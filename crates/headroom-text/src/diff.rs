//! Unified diffs (`diff -u`, `git diff`, `git show`, `git log -p`). Every file header and every changed
//! line stays; unchanged context further than a small window from a change is cut; lockfiles, generated
//! files and whitespace-only hunks collapse behind a marker with their +/− counts; a summary line per
//! file (+/−) opens the block. Hunk bodies are delimited by the counts in their `@@` header, so a removed
//! line that starts with `--` is never mistaken for a file header.

use crate::builder::Builder;
use crate::query::Query;
use crate::util;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};

struct Hunk {
    /// Index of the `@@` line; body is `start + 1 .. end`.
    start: usize,
    end: usize,
    adds: usize,
    dels: usize,
}

struct File {
    path: String,
    /// Header lines (`diff --git`, `index`, `---`, `+++`, mode lines): `header .. first hunk`.
    header: usize,
    hunks: Vec<Hunk>,
}

/// `@@ -12,7 +12,8 @@` → (7, 8). A missing count means 1.
fn hunk_counts(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix("@@ -")?;
    let end = rest.find(" @@")?;
    let mut parts = rest[..end].split(" +");
    let count = |r: &str| -> Option<usize> {
        match r.split_once(',') {
            Some((_, c)) => c.parse().ok(),
            None => r.parse::<usize>().ok().map(|_| 1),
        }
    };
    let old = count(parts.next()?)?;
    let new = count(parts.next()?)?;
    Some((old, new))
}

fn path_of(header_lines: &[&str]) -> String {
    for l in header_lines {
        if let Some(p) = l.strip_prefix("+++ ") {
            let p = p.split('\t').next().unwrap_or(p);
            if p != "/dev/null" {
                return p.strip_prefix("b/").unwrap_or(p).to_string();
            }
        }
    }
    for l in header_lines {
        if let Some(p) = l.strip_prefix("--- ") {
            let p = p.split('\t').next().unwrap_or(p);
            return p.strip_prefix("a/").unwrap_or(p).to_string();
        }
        if let Some(rest) = l.strip_prefix("diff --git ") {
            if let Some(i) = rest.find(" b/") {
                return rest[i + 3..].to_string();
            }
        }
    }
    String::new()
}

/// Lockfiles and generated artefacts: their hunks are collapsed.
fn is_generated(path: &str) -> bool {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    const LOCKS: &[&str] = &["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "go.sum", "poetry.lock", "composer.lock", "Gemfile.lock", "Pipfile.lock", "uv.lock", "flake.lock"];
    LOCKS.contains(&base)
        || [".min.js", ".min.css", ".map", ".snap", ".pb.go", "_pb2.py", ".lock"].iter().any(|s| base.ends_with(s))
        || ["/dist/", "__generated__/", "/generated/", "/vendor/"].iter().any(|s| path.contains(s) || path.starts_with(&s[1..]))
}

pub fn compress_diff(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: diff compression drops context"));
    }
    let lines = util::split_lines(text);
    let window = if opts.profile == Profile::Aggressive { 1 } else { 3 };
    let query = Query::parse(opts.query.as_deref());

    // Parse: files, each with hunks; everything else (commit headers, messages) is kept as is.
    let mut files: Vec<File> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let starts_file = l.starts_with("diff --git ") || l.starts_with("diff -") || (l.starts_with("--- ") && lines.get(i + 1).is_some_and(|n| n.starts_with("+++ ")));
        if !starts_file {
            i += 1;
            continue;
        }
        let header = i;
        i += 1;
        while i < lines.len() && !lines[i].starts_with("@@ ") && !lines[i].starts_with("diff --git ") && !lines[i].starts_with("commit ") {
            i += 1;
        }
        let path = path_of(&lines[header..i]);
        let mut file = File { path, header, hunks: Vec::new() };
        while i < lines.len() && lines[i].starts_with("@@ ") {
            let start = i;
            let Some((mut old, mut new)) = hunk_counts(lines[i]) else { break };
            i += 1;
            let (mut adds, mut dels) = (0, 0);
            while i < lines.len() && (old > 0 || new > 0) {
                let b = lines[i].as_bytes().first().copied();
                match b {
                    Some(b'+') => {
                        adds += 1;
                        new = new.saturating_sub(1);
                    }
                    Some(b'-') => {
                        dels += 1;
                        old = old.saturating_sub(1);
                    }
                    Some(b'\\') => {}
                    // Context (some tools strip the space of an empty context line).
                    Some(b' ') | None => {
                        old = old.saturating_sub(1);
                        new = new.saturating_sub(1);
                    }
                    _ => break,
                }
                i += 1;
            }
            while i < lines.len() && lines[i].starts_with('\\') {
                i += 1;
            }
            file.hunks.push(Hunk { start, end: i, adds, dels });
        }
        files.push(file);
    }
    if files.is_empty() {
        return Err(Skip::new("no unified diff file headers found"));
    }
    render(text, opts, &lines, &files, window, &query)
}

fn render(original: &str, opts: &Options, lines: &[&str], files: &[File], window: usize, query: &Query) -> Outcome {
    let mut b = Builder::new(original, opts);
    let (ta, td): (usize, usize) = files.iter().flat_map(|f| &f.hunks).fold((0, 0), |(a, d), h| (a + h.adds, d + h.dels));
    if files.len() > 1 {
        b.line(&format!("diff summary: {} files changed, +{ta} -{td}", files.len()));
        for f in files {
            let (a, d) = f.hunks.iter().fold((0, 0), |(a, d), h| (a + h.adds, d + h.dels));
            b.line(&format!("  {} +{a} -{d}", f.path));
        }
    }
    let mut i = 0;
    let mut fi = 0;
    while i < lines.len() {
        let Some(file) = files.get(fi).filter(|f| f.header == i) else {
            b.line(lines[i]);
            i += 1;
            continue;
        };
        fi += 1;
        let body_start = file.hunks.first().map_or(i + 1, |h| h.start);
        // Header lines up to the first hunk (or, for a file without hunks, up to the next file).
        let header_end = if file.hunks.is_empty() { files.get(fi).map_or(lines.len(), |n| n.header).min(next_nonheader(lines, i)) } else { body_start };
        for l in &lines[i..header_end] {
            b.line(l);
        }
        i = header_end;
        let generated = is_generated(&file.path);
        for h in &file.hunks {
            let body = &lines[h.start + 1..h.end];
            if generated || whitespace_only(body) {
                let why = if generated { "lockfile/generated" } else { "whitespace-only changes" };
                let hits: Vec<&str> = body.iter().copied().filter(|l| (l.starts_with('+') || l.starts_with('-')) && query.hits_ident(l)).collect();
                b.line(lines[h.start]);
                for l in &hits {
                    b.line(l);
                }
                let (a, d) = (h.adds, h.dels);
                b.marker(|key| {
                    let m = Marker::new(body.len() - hits.len(), "lines", key).of(body.len()).dropped(format!("{why} hunk +{a} -{d}"));
                    if hits.is_empty() { m } else { m.kept(format!("{} query matches", hits.len())) }
                });
            } else {
                b.line(lines[h.start]);
                trim_context(&mut b, body, window);
            }
            i = h.end;
        }
    }
    b.finish("diff:context")
}

/// End of a hunk-less file's header: the next line that is not a header line.
fn next_nonheader(lines: &[&str], start: usize) -> usize {
    let mut j = start + 1;
    while j < lines.len() {
        let l = lines[j];
        let header = ["index ", "--- ", "+++ ", "old mode", "new mode", "deleted file", "new file", "similarity", "rename ", "copy ", "Binary files", "dissimilarity"].iter().any(|p| l.starts_with(p));
        if !header {
            break;
        }
        j += 1;
    }
    j
}

/// Removed and added lines are the same once whitespace is ignored.
fn whitespace_only(body: &[&str]) -> bool {
    let squash = |l: &str| -> String { l[1..].chars().filter(|c| !c.is_whitespace()).collect() };
    let mut removed: Vec<String> = body.iter().filter(|l| l.starts_with('-')).map(|l| squash(l)).collect();
    let mut added: Vec<String> = body.iter().filter(|l| l.starts_with('+')).map(|l| squash(l)).collect();
    if removed.is_empty() && added.is_empty() {
        return false;
    }
    removed.sort();
    added.sort();
    removed == added
}

/// Keeps changed lines and `window` context lines on each side of them; longer context runs become one
/// marker (unless the run is shorter than the marker itself).
fn trim_context(b: &mut Builder, body: &[&str], window: usize) {
    let changed: Vec<bool> = body.iter().map(|l| l.starts_with('+') || l.starts_with('-')).collect();
    // Distance to the nearest changed line, two linear passes.
    let n = body.len();
    let mut dist = vec![usize::MAX; n];
    let mut last = None;
    for j in 0..n {
        if changed[j] || body[j].starts_with('\\') {
            last = Some(j);
        }
        if let Some(l) = last {
            dist[j] = j - l;
        }
    }
    last = None;
    for j in (0..n).rev() {
        if changed[j] {
            last = Some(j);
        }
        if let Some(l) = last {
            dist[j] = dist[j].min(l - j);
        }
    }
    let mut j = 0;
    while j < n {
        if dist[j] <= window {
            b.line(body[j]);
            j += 1;
            continue;
        }
        let s = j;
        while j < n && dist[j] > window {
            j += 1;
        }
        let run = &body[s..j];
        let bytes: usize = run.iter().map(|l| l.len() + 1).sum();
        if bytes <= Builder::marker_cost() {
            for l in run {
                b.line(l);
            }
        } else {
            b.marker(|key| Marker::new(run.len(), "lines", key).kept(format!("{window} context lines around changes")).dropped("unchanged context"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hunk_counts() {
        assert_eq!(hunk_counts("@@ -1,7 +1,8 @@ fn x"), Some((7, 8)));
        assert_eq!(hunk_counts("@@ -3 +3 @@"), Some((1, 1)));
        assert!(is_generated("web/package-lock.json"));
        assert!(!is_generated("lib/router.js"));
    }
}
