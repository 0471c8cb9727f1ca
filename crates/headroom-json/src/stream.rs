//! Streams of JSON documents: `go vet -json`, `docker inspect` of several objects run one after
//! another, concatenated API dumps. Several documents follow each other, possibly pretty-printed over
//! many lines and interleaved with short plain-text lines (a tool's `# pkg` headers and compiler errors
//! on stderr). Each document is rendered like a lone one, text lines are kept verbatim, and
//! consecutive documents that render identically are written once followed by ` ×<n>`.

use headroom_marker::{Options, Outcome, Skip};

use crate::crush;
use crate::parse::{self, Doc};

/// A text line longer than this is no header or message between documents.
const MAX_LINE: usize = 400;

enum Seg<'a> {
    Doc(Doc<'a>),
    Line(&'a str),
}

/// A rendering that saves less than a tenth is left to the line fallback. Minified documents keep their
/// repeated text (`go vet -json` saves about 40% this way, every finding's position kept), which is
/// still more faithful than the fallback's templates.
const MAX_KEPT: f64 = 0.9;

pub fn compress(text: &str, opts: &Options) -> Outcome {
    let c = render(text, opts)?;
    if c.text.len() as f64 > text.len() as f64 * MAX_KEPT {
        return Err(Skip::new("a JSON stream whose rendering saves less than a tenth"));
    }
    Ok(c)
}

fn render(text: &str, opts: &Options) -> Outcome {
    let segs = segments(text)?;
    let (out, ctx) = crush::two_pass(opts, |ctx, out| {
        let mut pieces: Vec<(String, bool)> = Vec::with_capacity(segs.len());
        for seg in &segs {
            match seg {
                Seg::Doc(doc) => {
                    let mut s = String::new();
                    crush::value(ctx, doc, doc.root, 0, &mut s);
                    pieces.push((s, true));
                }
                Seg::Line(line) => pieces.push((line.to_string(), false)),
            }
        }
        let mut i = 0;
        while i < pieces.len() {
            let (piece, is_doc) = &pieces[i];
            let run = if *is_doc { pieces[i..].iter().take_while(|p| p == &&pieces[i]).count() } else { 1 };
            if i > 0 {
                out.push('\n');
            }
            out.push_str(piece);
            if run > 1 {
                out.push_str(&format!(" ×{run}"));
            }
            i += run;
        }
    });
    crate::finish(text, out, ctx, "json-stream")
}

/// Splits the text into documents and text lines; an error unless it holds at least two documents and
/// they are most of its bytes.
fn segments(text: &str) -> Result<Vec<Seg<'_>>, Skip> {
    let mut segs = Vec::new();
    let (mut doc_bytes, mut docs) = (0, 0);
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if rest.starts_with(['{', '[']) {
            if let Some(doc) = value_end(rest).and_then(|end| parse::parse(&rest[..end]).ok()) {
                let end = doc.src.len();
                doc_bytes += end;
                docs += 1;
                segs.push(Seg::Doc(doc));
                rest = &rest[end..];
                continue;
            }
        }
        let end = rest.find('\n').unwrap_or(rest.len());
        let line = rest[..end].trim_end();
        if line.len() > MAX_LINE {
            return Err(Skip::new("not a JSON stream: a long line that is not JSON"));
        }
        segs.push(Seg::Line(line));
        rest = &rest[end..];
    }
    if docs < 2 || doc_bytes * 2 < text.len() {
        return Err(Skip::new("not a JSON stream: fewer than two documents, or mostly text"));
    }
    Ok(segs)
}

/// The end of the bracketed value `s` starts with (just past its closing bracket), by nesting depth
/// outside strings; the slice is then parsed for real.
fn value_end(s: &str) -> Option<usize> {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for (i, b) in s.bytes().enumerate() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `go vet -json` on golang.org/x/text (the wide corpus's case): per-package documents, `# pkg`
    /// compiler-error lines between them.
    const GO_VET: &str = include_str!("../../../bench/corpus/lint-go-vet-json-x-text/input.txt");

    #[test]
    fn a_go_vet_stream_keeps_its_text_lines_and_every_position() {
        let opts = Options { query: Some("which diagnostics are real bugs?".into()), ..Default::default() };
        let c = render(GO_VET, &opts).unwrap();
        assert!(c.transform.starts_with("json-stream:"), "{}", c.transform);
        for line in GO_VET.lines().filter(|l| l.starts_with("# ") || l.contains(": invalid ")) {
            assert!(c.text.lines().any(|l| l == line), "text line lost: {line}");
        }
        let posns: Vec<&str> = GO_VET.lines().filter_map(|l| l.trim().strip_prefix("\"posn\": ")).collect();
        assert_eq!(posns.len(), 25);
        for p in posns {
            assert!(c.text.contains(p.trim_end_matches(',')), "{p}");
        }
        // Clean packages print `{}`: consecutive ones are written once with their count.
        assert!(c.text.contains("\n{} ×9\n"));
        // It saves more than a tenth, so it is used, whole.
        assert_eq!(compress(GO_VET, &opts).unwrap().text, c.text);
    }

    #[test]
    fn text_that_is_mostly_not_json_is_no_stream() {
        assert!(segments("{}\nnot json at all, and long enough to be most of the text\n{}").is_err());
        assert!(segments("{\"a\": 1}").is_err());
    }
}
