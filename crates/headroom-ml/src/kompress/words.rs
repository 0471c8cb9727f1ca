//! Splitting a block into words, and the words no model score may drop.
//!
//! A word is a maximal run of non-whitespace bytes; its position is kept as byte offsets so the output
//! can be rebuilt from the original's own bytes (indentation, separators, line endings). The force-keep
//! rules carry the trust rules (DESIGN.md §3): facts an agent acts on — identifiers, numbers, paths,
//! URLs, code, error codes — and whole error, heading and query-matching lines never depend on a model.

/// One word of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the block.
    pub start: usize,
    pub end: usize,
    /// Index of the line it is on.
    pub line: usize,
    /// Kept whatever the model says.
    pub forced: bool,
}

/// One line of the block: `[start, end)` without its terminator, then `end..next` is `\n`, `\r\n` or
/// nothing (last line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            lines.push(Line { start, end, next: i + 1 });
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(Line { start, end: text.len(), next: text.len() });
    }
    lines
}

/// Words of every line, with the force-keep decision made. `query` terms are lowercase.
pub fn split_words(text: &str, lines: &[Line], query: &[String]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut in_fence = false;
    let mut in_span = false;
    for (li, line) in lines.iter().enumerate() {
        let s = &text[line.start..line.end];
        let trimmed = s.trim_start();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        let whole_line = in_fence || fence || keeps_whole_line(trimmed, query);
        if fence {
            in_fence = !in_fence;
        }
        let mut pos = 0;
        for w in s.split_ascii_whitespace() {
            // split_ascii_whitespace yields subslices in order: find each from the previous end.
            let Some(off) = s[pos..].find(w) else { continue };
            let start = line.start + pos + off;
            pos += off + w.len();
            let ticks = w.matches('`').count();
            let code = in_span || ticks > 0;
            if ticks % 2 == 1 && !fence {
                in_span = !in_span;
            }
            words.push(Word { start, end: start + w.len(), line: li, forced: whole_line || code || is_fact(w) });
        }
        // An unclosed inline code span does not run past its paragraph.
        if s.trim().is_empty() {
            in_span = false;
        }
    }
    words
}

/// Error lines, headings and lines matching the question stay whole.
fn keeps_whole_line(line: &str, query: &[String]) -> bool {
    if line.starts_with('#') {
        return true;
    }
    let lower = line.to_ascii_lowercase();
    const ERROR_WORDS: [&str; 9] = ["error", "fail", "exception", "panic", "fatal", "traceback", "denied", "refused", "warning"];
    if ERROR_WORDS.iter().any(|e| lower.contains(e)) {
        return true;
    }
    query.iter().any(|q| lower.split(|c: char| !c.is_alphanumeric() && c != '_').any(|t| t == q))
}

/// Lowercase query terms of at least 3 characters that are not stopwords (those match nearly every line).
pub fn query_terms(query: &headroom_marker::Query) -> Vec<String> {
    let names = query.names.iter().map(|n| n.text.to_lowercase());
    let mut terms: Vec<String> = names.chain(query.numbers.iter().cloned()).filter(|t| t.chars().count() >= 3 && !headroom_marker::is_stopword(t)).collect();
    terms.sort();
    terms.dedup();
    terms
}

/// A word that names something precisely: a number, version or error code (any digit), a path or URL,
/// an identifier (`snake_case`, `camelCase`, `a.b`, `a::b`, `f()`), or an all-caps name (`ENOENT`).
pub fn is_fact(word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if word.contains("://")
        || word.contains('/')
        || word.contains('\\')
        || word.contains("::")
        || word.contains("()")
        || word.contains('_')
        || word.contains('=')
    {
        return true;
    }
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return false;
    }
    // `a.b` with letters on both sides of an inner dot (file.rs, os.path), not a sentence end.
    if core.contains('.') && !core.contains("..") {
        return true;
    }
    let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() >= 2 && upper == letters.len() {
        return true;
    }
    // camelCase / PascalCase with an inner capital after a lowercase letter.
    let chars: Vec<char> = core.chars().collect();
    chars.windows(2).any(|p| p[0].is_lowercase() && p[1].is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_recognised_and_plain_words_are_not() {
        for w in ["42", "v1.2.3", "E0433", "src/main.rs", "https://x.y", "snake_case", "camelCase", "os.path", "ENOENT", "`x`", "f()", "a::b", "key=value"] {
            assert!(is_fact(w) || w.contains('`'), "{w}");
        }
        for w in ["the", "Model", "end.", "I", "(see", "well-known"] {
            assert!(!is_fact(w), "{w}");
        }
    }

    #[test]
    fn lines_keep_their_terminators_and_words_their_offsets() {
        let text = "  a bb\r\n\ncc";
        let lines = split_lines(text);
        assert_eq!(lines, vec![Line { start: 0, end: 6, next: 8 }, Line { start: 8, end: 8, next: 9 }, Line { start: 9, end: 11, next: 11 }]);
        let words = split_words(text, &lines, &[]);
        let spans: Vec<(&str, usize)> = words.iter().map(|w| (&text[w.start..w.end], w.line)).collect();
        assert_eq!(spans, vec![("a", 0), ("bb", 0), ("cc", 2)]);
    }

    #[test]
    fn code_spans_fences_error_lines_and_query_lines_are_forced() {
        let text = "we use `the very\nthing` here\n```\nplain words\n```\nan error happened\nabout caching now\nplain";
        let lines = split_lines(text);
        let words = split_words(text, &lines, &query_terms(&headroom_marker::Query::parse(Some("Caching?"))));
        let forced: Vec<&str> = words.iter().filter(|w| w.forced).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(forced, vec!["`the", "very", "thing`", "```", "plain", "words", "```", "an", "error", "happened", "about", "caching", "now"]);
    }

    #[test]
    fn question_words_do_not_make_every_line_a_query_line() {
        assert_eq!(
            query_terms(&headroom_marker::Query::parse(Some("What does the fetched page say about caching?"))),
            vec!["caching", "fetched", "page", "say"]
        );
    }
}
