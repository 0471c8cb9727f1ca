//! Unified diffs (`diff -u`, `git diff` with any `-U`, renames and binary files, `git show`,
//! `git log -p`). A summary line per file (+/−) opens the block and every file header stays. `safe`
//! keeps every changed line and only cuts unchanged context far from a change. Otherwise lockfile,
//! generated and whitespace-only hunks fold, and when the rest is over the budget only the hunks the
//! question needs (and as many others as fit) stay whole; each folded hunk becomes one marker naming its
//! `@@` range and +/− counts, keeping the changed lines that name what the question names.

mod context;
mod parse;
mod select;

use crate::builder::Builder;
use crate::util;
use context::{is_changed, keep_around};
use headroom_marker::Query;
use headroom_marker::{Marker, Options, Outcome, Profile, Skip};
use parse::{File, Hunk};
use select::Fate;

pub fn compress_diff(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    let lines = util::split_lines(text);
    let files = parse::parse(&lines);
    if files.is_empty() {
        return Err(Skip::new("no unified diff file headers found"));
    }
    let safe = opts.profile == Profile::Safe;
    let aggressive = opts.profile == Profile::Aggressive;
    let window = if aggressive { 1 } else { 3 };
    let mut query = opts.question().clone();
    let fates = if safe {
        files.iter().map(|f| vec![Fate::Whole; f.hunks.len()]).collect()
    } else {
        select::choose(&lines, &files, &mut query, opts.query.as_deref(), select::budget(aggressive))
    };
    render(text, opts, &lines, &files, &fates, window, &query)
}

fn render(original: &str, opts: &Options, lines: &[&str], files: &[File], fates: &[Vec<Fate>], window: usize, query: &Query) -> Outcome {
    let mut b = Builder::new(original, opts);
    if files.len() > 1 {
        let (ta, td) = files.iter().map(File::counts).fold((0, 0), |(a, d), (fa, fd)| (a + fa, d + fd));
        b.line(&format!("diff summary: {} files changed, +{ta} -{td}", files.len()));
        for f in files {
            let (a, d) = f.counts();
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
        for l in &lines[file.header..file.header_end] {
            b.line(l);
        }
        i = file.header_end;
        for (h, fate) in file.hunks.iter().zip(&fates[fi]) {
            let body = &lines[h.start + 1..h.end];
            match *fate {
                Fate::Whole => {
                    b.line(lines[h.start]);
                    keep_around(&mut b, body, window, is_changed, "changes");
                }
                Fate::Fold(why) => fold(&mut b, lines, h, why, query),
            }
            i = h.end;
        }
        fi += 1;
    }
    b.finish("diff:hunks")
}

/// One folded hunk: its marker names the `@@` range, the counts and the function context; changed lines
/// that name what the question names stay, with the `@@` line above them.
fn fold(b: &mut Builder, lines: &[&str], h: &Hunk, why: &str, query: &Query) {
    let head = lines[h.start];
    let body = &lines[h.start + 1..h.end];
    let hits: Vec<&str> = body.iter().copied().filter(|l| is_changed(l) && query.hits_ident(l)).collect();
    let range = head.strip_prefix("@@ ").and_then(|r| r.split_once(" @@")).map_or(head, |(r, _)| r);
    let context = head.splitn(3, "@@").nth(2).map_or("", str::trim);
    let at = if context.is_empty() { format!("at {range}") } else { format!("at {range} ({context})") };
    let (a, d) = (h.adds, h.dels);
    if !hits.is_empty() {
        b.line(head);
        for l in &hits {
            b.line(l);
        }
    }
    let omitted = body.len() - hits.len() + usize::from(hits.is_empty());
    let total = body.len() + 1;
    b.marker(|key| {
        let m = Marker::new(omitted, "lines", key).of(total).dropped(format!("{why} hunk +{a} -{d} {at}"));
        if hits.is_empty() {
            m
        } else {
            m.kept(format!("{} changed lines naming the question's identifiers", hits.len()))
        }
    });
}
