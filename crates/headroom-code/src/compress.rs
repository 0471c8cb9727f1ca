//! The CodeCompressor: parse, decide what to hide, write markers, and prove the result still parses as
//! well as the input did. A file with syntax errors still folds where its tree is sound (see `grammar`
//! for the sibling grammar tried first, and `fold` for what counts as sound).
//! Imports, types with their fields, signatures with decorators and attributes, constants and exports are
//! kept byte for byte. Two modes:
//!
//! - **fold** (no question, or it names nothing here): each large function body, long comment or
//!   docstring becomes ONE marker line naming its exact original lines; small ones stay.
//! - **focus** (the question names functions, by name, by a part of their name, by an identifier, a
//!   quoted string or a number their body contains, or asks about what a few bodies say): those bodies and the small helpers they call stay whole; the
//!   rest of the file shrinks to its skeleton with one marker per run of hidden rows (see `focus`).

use crate::edits::Edits;
use crate::fold::{self, Candidate, Kind};
use crate::lines::Lines;
use crate::query::QueryTerms;
use crate::{detect, focus, grammar, guard, relevance, Language};
use headroom_marker::ident_spans;
use headroom_marker::Query;
use headroom_marker::{Compressed, Marker, Options, Outcome, Profile, Skip};

/// Fold thresholds per profile. A few-line body always stays (it reads as fast as its marker), and so
/// does anything whose marker line would not be clearly shorter than the lines it hides.
struct Limits {
    min_rows: usize,
    /// Fold only when the hidden bytes are at least this many times the marker line's length.
    min_gain: f64,
}

/// What a marker line costs, roughly: the grammar's fixed words, the line range and the key.
const MARKER_BYTES: usize = 110;

/// A function a query-matched body calls stays unfolded too when it is at most this long: the answer
/// often sits in a small helper (`parse_index` under `pointer`).
const CALLEE_MAX_ROWS: usize = 15;

pub fn compress_code(source: &str, language: Language, opts: &Options) -> Outcome {
    let limits = match opts.profile {
        Profile::Safe => return Err(Skip::new("safe profile: folding code is lossy")),
        Profile::Balanced => Limits {
            min_rows: 3,
            min_gain: 1.5,
        },
        Profile::Aggressive => Limits {
            min_rows: 2,
            min_gain: 1.0,
        },
    };
    if let Some(why) = guard::reject(source) {
        return Err(Skip::new(why));
    }
    if detect::is_tool_output(source) {
        return Err(Skip::new(
            "compiler diagnostics or test-runner output, not source code",
        ));
    }
    let parsed = grammar::parse_best(source, language)
        .ok_or_else(|| Skip::new("tree-sitter grammar failed to load"))?;
    let language = parsed.language;
    if parsed.errors.bytes * 2 > source.len() {
        return Err(Skip::new(format!(
            "source does not parse as {}: syntax errors cover most of it",
            language.name()
        )));
    }
    let candidates = fold::candidates(&parsed.tree, source, language);
    let wanted = wanted(&candidates, source, opts.question());
    let mut stored = Vec::new();
    let key = Compressed::store(&mut stored, source);
    // The promise is that the output parses with the same grammar as well as the input did; check it
    // rather than trust the rules.
    // rather than trust the rules. Each render replaces whole rows, so the input's tree is told what
    // changed and only the regions around the markers are parsed again: the same verdict as a fresh
    // parse at a fraction of its cost.
    let parses = |edits: Edits, text: &str| {
        edits
            .reparse(&parsed.tree, text, language)
            .is_some_and(|t| grammar::errors(&t).nodes <= parsed.errors.nodes)
    };
    if wanted
        .iter()
        .zip(&candidates)
        .any(|(&w, c)| w && matches!(c.kind, Kind::Body { .. }))
    {
        let (text, edits) = focus::render(
            source,
            language,
            &candidates,
            &wanted,
            &key,
            opts.ccr_dir.as_deref(),
        );
        if text.len() < source.len() && parses(edits, &text) {
            return Ok(Compressed {
                text,
                transform: format!("code:{}:focus", language.name()),
                stored,
            });
        }
    }
    let marker_bytes = MARKER_BYTES + opts.ccr_dir.as_deref().map_or(0, |d| d.len() + 36);
    let chosen = select(&candidates, &wanted, source, &limits, marker_bytes);
    if chosen.is_empty() {
        return Err(Skip::new("nothing worth folding"));
    }
    let (text, edits) = render(
        source,
        &candidates,
        &chosen,
        &key,
        opts.ccr_dir.as_deref(),
        language,
    );
    if text.len() >= source.len() {
        return Err(Skip::new("folding would not save anything"));
    }
    if !parses(edits, &text) {
        return Err(Skip::new(
            "folded output would not parse as well as the input",
        ));
    }
    let docs = chosen
        .iter()
        .any(|&i| !matches!(candidates[i].kind, Kind::Body { .. }));
    let transform = format!(
        "code:{}:fold{}",
        language.name(),
        if docs { "+docs" } else { "" }
    );
    Ok(Compressed {
        text,
        transform,
        stored,
    })
}

/// Which candidates the question points at: bodies by name, by a distinctive identifier or quoted string
/// they contain, or by what they are about (`relevance`); comments by quoted phrase; plus one level of
/// small helpers those bodies call.
fn wanted(candidates: &[Candidate], source: &str, query: &Query) -> Vec<bool> {
    let mut terms = QueryTerms::new(query);
    let text = |c: &Candidate| source.get(c.span.clone()).unwrap_or("");
    let is_body = |c: &Candidate| matches!(c.kind, Kind::Body { .. });
    let names: Vec<&str> = candidates.iter().filter_map(|c| body_name(c)).collect();
    let bodies: Vec<&str> = candidates.iter().filter(|c| is_body(c)).map(text).collect();
    terms.narrow_to(&names, &bodies);
    let spans: Vec<_> = candidates
        .iter()
        .filter(|c| is_body(c))
        .map(|c| c.span.clone())
        .collect();
    let mut about = relevance::about(source, &spans, terms.content()).into_iter();
    let mut wanted: Vec<bool> = candidates
        .iter()
        .map(|c| match c.kind {
            Kind::Body { .. } => {
                let about = about.next().unwrap_or(false);
                !terms.is_empty() && (about || terms.matches(body_name(c), text(c)))
            }
            _ => !terms.is_empty() && terms.matches_comment(text(c)),
        })
        .collect();
    // One level of callees of the bodies the question points at.
    let called: Vec<&str> = candidates
        .iter()
        .zip(&wanted)
        .filter(|(c, &w)| w && body_name(c).is_some())
        .flat_map(|(c, _)| called_names(text(c)))
        .collect();
    for (c, w) in candidates.iter().zip(wanted.iter_mut()) {
        if let Some(name) = body_name(c) {
            *w |= c.rows() <= CALLEE_MAX_ROWS && called.contains(&name);
        }
    }
    wanted
}

/// Indices of the candidates to fold, in document order. Candidates are sorted outer-first and nest or
/// are disjoint (they come from one tree), so "inside something already decided" is a row comparison.
fn select(
    candidates: &[Candidate],
    wanted: &[bool],
    source: &str,
    limits: &Limits,
    marker_bytes: usize,
) -> Vec<usize> {
    let lines = Lines::new(source);
    let mut chosen = Vec::new();
    let mut decided_until: Option<usize> = None;
    for (i, c) in candidates.iter().enumerate() {
        if c.first > c.last || decided_until.is_some_and(|until| c.whole.0 <= until) {
            continue;
        }
        if wanted[i] && matches!(c.kind, Kind::Body { .. }) {
            decided_until = Some(c.last);
            continue;
        }
        let hidden: usize = (c.first..=c.last).map(|r| lines.full(r).len()).sum();
        if wanted[i]
            || c.rows() < limits.min_rows
            || (hidden as f64) < limits.min_gain * marker_bytes as f64
        {
            continue;
        }
        chosen.push(i);
        decided_until = Some(c.last);
    }
    chosen
}

fn body_name(c: &Candidate) -> Option<&str> {
    match &c.kind {
        Kind::Body { name } => name.as_deref(),
        _ => None,
    }
}

/// Functions a body calls by bare name or through `self.`/`this.`/`Self::` — calls that resolve inside
/// this file. `x.get(` on some other object would pull in every `get` of the file.
fn called_names(body: &str) -> Vec<&str> {
    ident_spans(body)
        .filter(|&(start, end)| {
            let before = &body[..start];
            let local =
                !before.ends_with('.') && !before.ends_with("::") && !before.ends_with("->")
                    || ["self.", "this.", "Self::", "self::"]
                        .iter()
                        .any(|p| before.ends_with(p));
            body.as_bytes().get(end) == Some(&b'(') && local
        })
        .map(|(start, end)| &body[start..end])
        .collect()
}

/// Writes the folded text and the edits that turn the input into it.
fn render(
    source: &str,
    candidates: &[Candidate],
    chosen: &[usize],
    key: &str,
    ccr_dir: Option<&str>,
    lang: Language,
) -> (String, Edits) {
    let lines = Lines::new(source);
    let mut out = String::with_capacity(source.len() / 2);
    let mut edits = Edits::new();
    let mut row = 0;
    for &i in chosen {
        let c = &candidates[i];
        while row < c.first {
            out.push_str(lines.full(row));
            row += 1;
        }
        let start = out.len();
        out.push_str(&marker_line(c, key, ccr_dir, lang));
        out.push_str(lines.terminator(c.last));
        edits.replaced(&out, start, lines.span(c.first, c.last));
        row = c.last + 1;
    }
    while row < lines.count() {
        out.push_str(lines.full(row));
        row += 1;
    }
    (out, edits)
}

fn marker_line(c: &Candidate, key: &str, ccr_dir: Option<&str>, lang: Language) -> String {
    let range = format!("original lines {}–{}", c.first + 1, c.last + 1);
    let marker = match &c.kind {
        Kind::Body { .. } => Marker::new(c.rows(), "lines", key)
            .kept("signature")
            .dropped(format!("body, {range}")),
        _ => Marker::new(c.rows(), "lines", key)
            .kept("first line")
            .dropped(format!("comment, {range}")),
    };
    // Whatever wraps the marker must not be closed or escaped by it.
    let m = marker
        .render(ccr_dir)
        .replace("*/", "* /")
        .replace("/*", "/ *");
    match &c.kind {
        Kind::Body { .. } => match lang.empty_body() {
            Some(stmt) => format!("{}{stmt}  {}", c.indent, lang.comment_line(&m)),
            None => format!("{}{}", c.indent, lang.comment_line(&m)),
        },
        Kind::CommentInside { prefix } if lang == Language::Python => {
            format!(
                "{}{prefix}{}",
                c.indent,
                m.replace('\\', "/")
                    .replace("\"\"\"", "\"")
                    .replace("'''", "'")
            )
        }
        Kind::CommentInside { prefix } => format!("{}{prefix}{m}", c.indent),
        Kind::CommentRun { prefix } if prefix == "/*" => format!("{}/* {m} */", c.indent),
        Kind::CommentRun { prefix } => format!("{}{prefix} {m}", c.indent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The incremental re-parse must give the tree a fresh parse gives, or its verdict means nothing.
    #[test]
    fn the_reparsed_fold_is_the_tree_a_fresh_parse_builds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for dir in std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .filter(|d| d.path().is_dir())
        {
            for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
                let name = file.file_name().to_string_lossy().to_string();
                let Some(ext) = name.strip_prefix("input.") else {
                    continue;
                };
                let Some(language) = Language::from_extension(ext) else {
                    continue;
                };
                let source = std::fs::read_to_string(file.path()).unwrap();
                let parsed = grammar::parse_best(&source, language).unwrap();
                let candidates = fold::candidates(&parsed.tree, &source, parsed.language);
                let wanted = vec![false; candidates.len()];
                let limits = Limits {
                    min_rows: 2,
                    min_gain: 1.0,
                };
                let chosen = select(&candidates, &wanted, &source, &limits, MARKER_BYTES);
                let (text, edits) =
                    render(&source, &candidates, &chosen, "k", None, parsed.language);
                let same = |text: &str, edits: &Edits, what: &str| {
                    let fresh = crate::parse(text, parsed.language).unwrap();
                    let reparsed = edits.reparse(&parsed.tree, text, parsed.language).unwrap();
                    assert_eq!(
                        reparsed.root_node().to_sexp(),
                        fresh.root_node().to_sexp(),
                        "{name} {what}"
                    );
                    assert_eq!(
                        grammar::errors(&reparsed),
                        grammar::errors(&fresh),
                        "{name} {what}"
                    );
                };
                same(&text, &edits, "fold");
                checked += usize::from(!edits.is_empty());
                // Focus on the first body: everything else shrinks to the skeleton.
                let mut wanted = vec![false; candidates.len()];
                if let Some(first) = candidates
                    .iter()
                    .position(|c| matches!(c.kind, Kind::Body { .. }))
                {
                    wanted[first] = true;
                    let (text, edits) =
                        focus::render(&source, parsed.language, &candidates, &wanted, "k", None);
                    same(&text, &edits, "focus");
                }
            }
        }
        assert!(checked >= 8, "only {checked} fixtures folded");
    }
}
