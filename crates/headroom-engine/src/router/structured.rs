//! Formats with unmistakable structure: JSON, JSON Lines and unified diffs.

use super::{ContentKind, Detection, Sample};

/// JSON when the text opens and closes like a JSON document; JSON Lines when several sampled lines are
/// each a complete object or array. Validity is the compressor's call: an invalid document passes
/// through there with the parse error as the reason.
pub(super) fn json(s: &Sample) -> Option<Detection> {
    let trimmed = s.text.trim();
    let (first, last) = (trimmed.chars().next()?, trimmed.chars().last()?);
    let line_is_record = |l: &str| {
        let l = l.trim();
        (l.starts_with('{') && l.ends_with('}')) || (l.starts_with('[') && l.ends_with(']'))
    };
    if s.lines.len() >= 2 && s.share(line_is_record) == 1.0 {
        return Some(Detection::new(ContentKind::JsonLines, 0.95, format!("{} sampled lines are each one JSON value", s.lines.len())));
    }
    match (first, last) {
        ('{', '}') => Some(Detection::new(ContentKind::Json, 0.9, "starts with { and ends with }")),
        ('[', ']') if !looks_like_bracketed_log(s) => Some(Detection::new(ContentKind::Json, 0.85, "starts with [ and ends with ]")),
        _ => None,
    }
}

/// `[2026-01-01 ...] INFO ...` lines also open with `[`; a JSON array's second line never looks like
/// that.
fn looks_like_bracketed_log(s: &Sample) -> bool {
    s.lines.len() >= 2 && s.share(|l| l.starts_with('[') && !l.trim_start_matches('[').trim().is_empty() && l.trim() != "[") > 0.5
}

/// Unified diffs, `git diff`, `git show` and `git log -p`.
pub(super) fn diff(s: &Sample) -> Option<Detection> {
    let git_header = s.lines.iter().filter(|l| l.starts_with("diff --git ")).count();
    let hunks = s.lines.iter().filter(|l| is_hunk_header(l)).count();
    let file_pairs = s.lines.windows(2).filter(|w| w[0].starts_with("--- ") && w[1].starts_with("+++ ")).count();
    if git_header > 0 && (hunks > 0 || file_pairs > 0 || s.lines.iter().any(|l| l.starts_with("Binary files "))) {
        return Some(Detection::new(ContentKind::Diff, 0.98, format!("{git_header} `diff --git` headers")));
    }
    if file_pairs > 0 && hunks > 0 {
        return Some(Detection::new(ContentKind::Diff, 0.95, format!("{file_pairs} ---/+++ file pairs with @@ hunks")));
    }
    None
}

pub(crate) fn is_hunk_header(l: &str) -> bool {
    let Some(rest) = l.strip_prefix("@@ -") else {
        return false;
    };
    rest.contains(" +") && rest.contains(" @@")
}
