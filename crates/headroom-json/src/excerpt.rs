//! Long strings, once a document's compact rendering is still over budget: issue bodies, descriptions,
//! transcript messages and tool observations, logs carried in a JSON field. Each keeps its opening (the
//! first line, or the first ~200 bytes of one long paragraph), the lines or sentences that match the
//! question and those that signal an error; the rest goes behind a marker, inside the string, whose key
//! stores the exact string. A string naming a specific token of the question stays whole: it is what
//! was asked about.

use headroom_marker::Marker;

use crate::crush::Ctx;
use crate::write::encode;

/// Strings shorter than this are a paragraph or two: cutting them saves little and risks a fact.
pub const MIN: usize = 1024;
/// The opening kept of a string whose first unit is itself long.
const HEAD: usize = 200;
/// Error lines kept per string: a code listing can say `Error` on many lines.
const MAX_ERRORS: usize = 8;
const ERROR_WORDS: &[&str] = &["error", "exception", "traceback", "fatal", "panic", "failed", "failure"];

/// Appends the excerpt of the decoded string `text` as a JSON string literal; false (nothing written)
/// when the string should stay whole.
pub fn excerpt(ctx: &mut Ctx, text: &str, out: &mut String) -> bool {
    let lower = text.to_lowercase();
    if ctx.query.as_ref().is_some_and(|q| q.mentions(&lower)) {
        return false;
    }
    let (units, lines) = split(text);
    let lower_units: Vec<String> = units.iter().map(|u| u.to_lowercase()).collect();
    let n = units.len();
    let mut keep = vec![false; n];
    // The opening: the first unit with text (a leading blank line says nothing).
    let first = units.iter().position(|u| !u.trim().is_empty()).unwrap_or(0);
    keep[first] = true;
    let top = ctx.budget.map_or(0, |b| b.query_top);
    let hits = ctx.query.as_ref().map(|q| q.hits(&lower_units, top)).unwrap_or_default();
    let query: Vec<usize> = (0..n).filter(|&i| i != first && hits.get(i).copied().unwrap_or(false)).collect();
    query.iter().for_each(|&i| keep[i] = true);
    let errors: Vec<usize> = (0..n).filter(|&i| !keep[i] && ERROR_WORDS.iter().any(|w| lower_units[i].contains(w))).take(MAX_ERRORS).collect();
    errors.iter().for_each(|&i| keep[i] = true);
    let (query_units, errors) = (query.len(), errors.len());
    let gap = if lines { "…\n" } else { "… " };
    let truncated = units[first].len() > 2 * HEAD;
    let (mut kept, mut omitted) = (String::new(), 0);
    for i in 0..n {
        if !keep[i] {
            omitted += units[i].len();
            if i == 0 || keep[i - 1] {
                kept.push_str(gap);
            }
        } else if i == first && truncated {
            let cut = floor_char(units[i], HEAD);
            kept.push_str(&units[i][..cut]);
            kept.push_str(gap);
            omitted += units[i].len() - cut;
        } else {
            kept.push_str(units[i]);
        }
    }
    // Keeping most of it anyway: the marker would cost more than the cut saves.
    if omitted * 2 < text.len() {
        return false;
    }
    let unit = if lines { "line" } else { "sentence" };
    let mut why = vec![if truncated { format!("first {HEAD} bytes") } else { format!("first {unit}") }];
    if query_units > 0 {
        why.push(format!("{query_units} query {}", if query_units == 1 { "match" } else { "matches" }));
    }
    if errors > 0 {
        why.push(format!("{errors} error {unit}{}", if errors == 1 { "" } else { "s" }));
    }
    let m = ctx.marker(text, |k| Marker::new(omitted, "bytes", k).of(text.len()).kept(why.join(", ")));
    ctx.step("excerpt");
    if !kept.ends_with('\n') {
        kept.push('\n');
    }
    kept.push_str(&m);
    encode(&kept, out);
    true
}

/// Lines (each with its `\n`, and `true`) when the string has several, else sentences (each with its
/// `. `).
fn split(text: &str) -> (Vec<&str>, bool) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.len() >= 4 {
        return (lines, true);
    }
    let mut units = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(". ") {
        units.push(&rest[..i + 2]);
        rest = &rest[i + 2..];
    }
    if !rest.is_empty() {
        units.push(rest);
    }
    (units, false)
}

/// The largest char boundary at or below `at`.
fn floor_char(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
