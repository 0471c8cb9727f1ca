//! Focused folding, used when the question points at particular functions: those stay whole, and
//! everything else collapses to its skeleton — signature, `{`/`}` and declaration rows — with comments and
//! bodies hidden. Runs of hidden rows that only skeleton rows separate share ONE marker, placed where the
//! run starts, that names the exact original line span; a marker per tiny body would cost more than the
//! body. Kept rows are emitted byte for byte.

use crate::edits::Edits;
use crate::fold::{Candidate, Kind};
use crate::lines::Lines;
use crate::Language;
use headroom_marker::Marker;

/// Non-blank kept rows allowed between hidden rows of one run (a `}`, a blank, a signature, a few
/// attributes or decorators). A longer stretch of kept code (a struct with its fields) ends the run.
const MAX_GAP: usize = 6;

/// A run hiding fewer bytes than its marker line would cost stays as it is.
const MIN_RUN_BYTES: usize = 120;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Keep,
    /// Part of a body the question asks about: never inside a run.
    Wanted,
    HideBody,
    HideComment,
}

/// The focused text and the edits that turn the input into it (see `edits`).
pub(crate) fn render(
    source: &str,
    lang: Language,
    candidates: &[Candidate],
    wanted: &[bool],
    key: &str,
    ccr_dir: Option<&str>,
) -> (String, Edits) {
    let lines = Lines::new(source);
    let mut edits = Edits::new();
    let n = lines.count();
    let mut rows = vec![Row::Keep; n];
    // Python and bash need a statement where a body was (`...`, `:`): on the body's first row, at its
    // indentation.
    let mut placeholder: Vec<Option<&str>> = vec![None; n];
    let mut decided_until: Option<usize> = None;
    for (c, &w) in candidates.iter().zip(wanted) {
        let (a, b) = c.whole;
        if a > b || b >= n || decided_until.is_some_and(|u| a <= u) {
            continue;
        }
        match c.kind {
            Kind::Body { .. } if w => rows[a..=b].fill(Row::Wanted),
            Kind::Body { .. } => {
                rows[a..=b].fill(Row::HideBody);
                if lang.empty_body().is_some() {
                    placeholder[a] = Some(c.indent.as_str());
                }
            }
            _ if w => continue,
            _ => {
                rows[a..=b].fill(Row::HideComment);
                continue;
            }
        }
        decided_until = Some(b);
    }
    let mut out = String::with_capacity(source.len() / 3);
    let mut r = 0;
    while r < n {
        if !matches!(rows[r], Row::HideBody | Row::HideComment) {
            out.push_str(lines.full(r));
            r += 1;
            continue;
        }
        let end = run_end(&rows, &lines, r);
        let hidden_bytes: usize = (r..=end)
            .filter(|&i| rows[i] != Row::Keep)
            .map(|i| lines.full(i).len())
            .sum();
        if hidden_bytes < MIN_RUN_BYTES {
            // Cheaper to show than to announce (a one-line getter body, a short comment).
            (r..=end).for_each(|i| out.push_str(lines.full(i)));
            r = end + 1;
            continue;
        }
        let start = out.len();
        emit_run(
            &mut out,
            &lines,
            &rows,
            &placeholder,
            r,
            end,
            key,
            ccr_dir,
            lang,
        );
        edits.replaced(&out, start, lines.span(r, end));
        r = end + 1;
    }
    (out, edits)
}

/// The last hidden row of the run starting at `start`.
fn run_end(rows: &[Row], lines: &Lines, start: usize) -> usize {
    let (mut last_hidden, mut gap) = (start, 0);
    for (r, row) in rows.iter().enumerate().skip(start) {
        match row {
            Row::HideBody | Row::HideComment => {
                last_hidden = r;
                gap = 0;
            }
            Row::Wanted => break,
            Row::Keep if lines.is_blank(r) => {}
            Row::Keep => {
                gap += 1;
                if gap > MAX_GAP {
                    break;
                }
            }
        }
    }
    last_hidden
}

#[allow(clippy::too_many_arguments)]
fn emit_run(
    out: &mut String,
    lines: &Lines,
    rows: &[Row],
    placeholder: &[Option<&str>],
    a: usize,
    b: usize,
    key: &str,
    ccr_dir: Option<&str>,
    lang: Language,
) {
    // Blank rows inside a run go with it: they are counted as omitted, never silently.
    let hidden = (a..=b)
        .filter(|&r| rows[r] != Row::Keep || lines.is_blank(r))
        .count();
    let kept = (b + 1 - a) - hidden;
    let has = |want: Row| (a..=b).any(|r| rows[r] == want);
    let what = match (has(Row::HideBody), has(Row::HideComment)) {
        (true, true) => "bodies and comments",
        (true, false) => "bodies",
        _ => "comments",
    };
    let mut marker = Marker::new(hidden, "lines", key);
    if kept > 0 {
        marker = marker.of(b + 1 - a).kept("signatures and declarations");
    }
    let m = marker
        .dropped(format!("{what}, original lines {}–{}", a + 1, b + 1))
        .render(ccr_dir);
    let term = if lines.terminator(a).is_empty() {
        lines.terminator(b)
    } else {
        lines.terminator(a)
    };
    let (comment, stmt) = (lang.line_comment(), lang.empty_body().unwrap_or(""));
    match placeholder[a] {
        Some(indent) => out.push_str(&format!("{indent}{stmt}  {comment} {m}")),
        None => {
            let indent = (a..=b)
                .find(|&r| !lines.is_blank(r))
                .map_or("", |r| lines.indent(r));
            out.push_str(&format!("{indent}{comment} {m}"));
        }
    }
    out.push_str(if term.is_empty() && a < b { "\n" } else { term });
    for r in a..=b {
        if rows[r] == Row::Keep && !lines.is_blank(r) {
            out.push_str(lines.full(r));
        } else if r != a {
            if let Some(indent) = placeholder[r] {
                out.push_str(&format!("{indent}{stmt}"));
                out.push_str(lines.terminator(r));
            }
        }
    }
}
