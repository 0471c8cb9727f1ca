//! Markup and prose: HTML, markdown / reStructuredText, and plain text.

use super::{ContentKind, Detection, Sample};

pub(super) fn html(s: &Sample) -> Option<Detection> {
    let head = s.head.trim_start();
    // Every sign looked for below opens with a tag; most texts do not, and the twelve searches of the
    // sample below cost more than the rest of detection.
    if !head.starts_with('<') {
        return None;
    }
    let lower: String = head.chars().take(256).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Some(Detection::new(ContentKind::Html, 0.98, "starts with an HTML doctype or <html>"));
    }
    if head.starts_with("<?xml") {
        return None;
    }
    let tags = ["<div", "<p>", "<p ", "<span", "<a href", "<li>", "<td", "<table", "<head", "<body", "<script", "</"];
    let hits: usize = tags.iter().map(|t| s.head.matches(t).count()).sum();
    if hits >= 10 && hits * 200 >= s.head.len() {
        return Some(Detection::new(ContentKind::Html, 0.8, format!("opens with a tag; {hits} HTML tags in the sample")));
    }
    None
}

/// Markdown/reST when the text has their structure, prose when it reads like sentences. Scored by how
/// much of it reads as sentences, so a test log whose `# tests 12` lines look like headings loses to
/// the test-output detector.
pub(super) fn prose(s: &Sample) -> Option<Detection> {
    let headings = s.lines.iter().filter(|l| is_markdown_heading(l)).count();
    let rst_underlines = s.lines.windows(2).filter(|w| is_rst_underline(w[1]) && w[1].trim().len() >= w[0].trim().len().min(3)).count();
    let rfc_fields = s.lines.iter().take(5).filter(|l| is_field_line(l)).count();
    let wordy = s.share(|l| {
        let words = l.split_whitespace().count();
        words >= 6 && l.chars().filter(|c| c.is_alphabetic() || *c == ' ').count() * 10 >= l.chars().count() * 8
    });
    if headings >= 2 || rst_underlines >= 2 || (rfc_fields >= 3 && rst_underlines >= 1) {
        return Some(Detection::new(
            ContentKind::Prose,
            0.6 + 0.35 * (wordy * 2.0).min(1.0),
            format!("document structure: {headings} markdown headings, {rst_underlines} reST section underlines"),
        ));
    }
    (wordy >= 0.5).then(|| Detection::new(ContentKind::Prose, 0.3 + 0.5 * wordy, format!("{:.0}% of lines read like sentences", wordy * 100.0)))
}

/// Configuration files (INI, TOML, YAML, `.conf`): nearly every line is a comment, a `[section]`, a
/// `key = value` / `key: value` pair or a list item. They read as documents — sections, settings and
/// the comments that explain them — so they go to the prose compressor, which keeps the outline and
/// the settings the question names.
pub(super) fn config(s: &Sample) -> Option<Detection> {
    if s.lines.len() < 8 {
        return None;
    }
    let shaped = s.share(|l| {
        let t = l.trim_start();
        t.starts_with(['#', ';', '[']) || t.starts_with("- ") || is_setting(t)
    });
    // A commented default config (php.ini, postgresql.conf) opens with pages of comments: one setting or
    // section in the sample is enough once nearly every line has the shape.
    let settings = s.lines.iter().filter(|l| is_setting(l.trim_start()) || l.trim_start().starts_with('[')).count();
    (shaped >= 0.8 && settings >= 1).then(|| {
        Detection::new(ContentKind::Prose, 0.5 + 0.3 * shaped, format!("configuration: {:.0}% of lines are settings, sections or comments", shaped * 100.0))
    })
}

/// `key = value`, `key: value` or `key:` (a YAML mapping), with a plain key.
fn is_setting(t: &str) -> bool {
    let end = t.find([' ', '=', ':']).unwrap_or(t.len());
    let key = &t[..end];
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'"' | b'\'')) {
        return false;
    }
    let rest = t[end..].trim_start();
    rest.starts_with('=') || rest == ":" || rest.starts_with(": ") || (rest.is_empty() && t.ends_with(':'))
}

fn is_markdown_heading(l: &str) -> bool {
    let hashes = l.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && l.as_bytes().get(hashes) == Some(&b' ')
}

fn is_rst_underline(l: &str) -> bool {
    let t = l.trim_end();
    t.len() >= 3 && matches!(t.as_bytes()[0], b'=' | b'-' | b'~' | b'^' | b'*') && t.bytes().all(|b| b == t.as_bytes()[0])
}

/// `Title: …`-style header fields (PEPs, RFCs, emails).
fn is_field_line(l: &str) -> bool {
    match l.split_once(": ") {
        Some((k, _)) => !k.is_empty() && k.len() < 30 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        None => false,
    }
}
