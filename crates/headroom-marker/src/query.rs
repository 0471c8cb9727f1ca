//! The user's question, reduced to what a line can match: identifier-like terms (`meta.fixable`,
//! `10.250.18.114`, `lib/linter/linter.js`, `hasSuggestions`) that are kept wherever they occur, and plain
//! words that only add weight.

use crate::is_stopword;

#[derive(Debug, Default, Clone)]
pub struct Query {
    /// Identifier-like terms, as written (case-sensitive matches are the precise ones).
    pub idents: Vec<String>,
    /// Lower-cased plain words (no stopwords, at least 3 bytes).
    pub words: Vec<String>,
    /// Lower-cased parts of the identifiers (`option`, `implies` of `Option.implies`): the code may
    /// spell the name differently, so a part counts where it is rare (see [`Query::rare_words`]).
    pub parts: Vec<String>,
    /// Text between quotes or backticks (`'Did you mean this?'`): exact by intent.
    pub phrases: Vec<String>,
    /// Every identifier-shaped run of the question, flagged when it is written as code (the
    /// CodeCompressor matches function names and bodies against these).
    pub names: Vec<Name>,
    /// Standalone numbers (`8192`, not the `86` of `x86`).
    pub numbers: Vec<String>,
}

/// An identifier-shaped run of the question (`[A-Za-z_][A-Za-z0-9_]*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    /// Written as code: with `_`, camel humps, a call's `(`, or a `.`/`::` next to it.
    pub code_like: bool,
}

impl Query {
    pub fn parse(q: Option<&str>) -> Query {
        let mut query = Query::default();
        let Some(q) = q else { return query };
        query.phrases = quoted_strings(q).into_iter().map(str::to_string).collect();
        query.names = names(q);
        query.numbers = crate::numbers(q).map(str::to_string).collect();
        for raw in q.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\'' | '`' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>')) {
            let t = raw.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '-' | '/' | '*'));
            if t.len() < 3 {
                continue;
            }
            if is_identifier(t) && !matches!(t, "e.g" | "i.e" | "etc") {
                if !query.idents.iter().any(|x| x == t) {
                    query.idents.push(t.to_string());
                }
                // `Option.implies` names a method the code spells `implies(`: its parts are words too.
                let parts: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|p| p.len() >= 3 && !p.bytes().all(|b| b.is_ascii_digit())).collect();
                if parts.len() >= 2 {
                    for part in parts {
                        let w = part.to_lowercase();
                        if !is_stopword(&w) && !query.parts.contains(&w) {
                            query.parts.push(w);
                        }
                    }
                }
            } else {
                let w = t.to_lowercase();
                if !is_stopword(&w) && !query.words.contains(&w) {
                    query.words.push(w);
                }
            }
        }
        query
    }

    /// Drops identifiers found on more than `max_hits` lines: a name on every line (`ZooKeeper` in a
    /// ZooKeeper log) selects nothing, it would only keep everything.
    pub fn retain_rare_idents(&mut self, lines: &[&str], max_hits: usize) {
        self.idents.retain(|t| lines.iter().filter(|l| l.contains(t.as_str())).take(max_hits + 1).count() <= max_hits);
    }

    /// The identifier terms that occur in `text`, in [`matchable`] form: what an output of `text` must
    /// still contain (see [`Query::lost_idents`]). Computed once per block, however many outputs are judged.
    pub fn idents_in(&self, text: &str) -> Vec<String> {
        if self.idents.is_empty() {
            return Vec::new();
        }
        let input = matchable(text);
        self.idents.iter().map(|t| matchable(t)).filter(|t| input.contains(t.as_str())).collect()
    }

    /// Which of `present` (from [`Query::idents_in`]) `compressed` lost.
    pub fn lost_idents<'p>(present: &'p [String], compressed: &str) -> Vec<&'p str> {
        if present.is_empty() {
            return Vec::new();
        }
        let output = matchable(compressed);
        present.iter().map(String::as_str).filter(|t| !output.contains(t)).collect()
    }

    /// The plain words and identifier parts of the question found on few of these (lower-cased) lines — at most a dozen, or
    /// one line in twenty: `deleted` in a `git status` of mostly `modified` files, `skipped` in a test run
    /// points at those lines by itself.
    pub fn rare_words<'q>(&'q self, lower_lines: &[String]) -> Vec<&'q str> {
        let max_lines = (lower_lines.len() / 20).max(12);
        self.words
            .iter()
            .chain(&self.parts)
            .map(String::as_str)
            .filter(|w| lower_lines.iter().filter(|l| l.contains(w)).take(max_lines + 1).count() <= max_lines)
            .collect()
    }

    /// True when the line contains one of the identifier terms.
    pub fn hits_ident(&self, line: &str) -> bool {
        self.idents.iter().any(|t| line.contains(t.as_str()))
    }

    /// Number of distinct plain words the lower-cased line contains.
    pub fn word_hits(&self, lower_line: &str) -> usize {
        self.words.iter().filter(|w| lower_line.contains(w.as_str())).count()
    }
}

/// Text between matching quotes or backticks on one line.
fn quoted_strings(q: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for quote in ['"', '`', '\''] {
        let mut rest = q;
        while let Some(start) = rest.find(quote) {
            let after = &rest[start + 1..];
            // An apostrophe inside a word (`don't`) is not a quote.
            if quote == '\'' && start > 0 && rest[..start].chars().last().is_some_and(char::is_alphanumeric) {
                rest = after;
                continue;
            }
            match after.find(quote) {
                Some(end) if !after[..end].contains('\n') => {
                    out.push(&after[..end]);
                    rest = &after[end + 1..];
                }
                _ => break,
            }
        }
    }
    out
}

/// Identifier runs in the question, each flagged when it is written as code: with `_`, camel humps, a
/// call's `(`, or a `.`/`::` next to it.
fn names(q: &str) -> Vec<Name> {
    let bytes = q.as_bytes();
    crate::ident_spans(q)
        .map(|(start, end)| {
            let ident = &q[start..end];
            let before = if start > 0 { bytes[start - 1] } else { b' ' };
            let after = bytes.get(end).copied().unwrap_or(b' ');
            let code_like = ident.contains('_')
                || has_camel_hump(ident)
                || after == b'('
                || before == b'.'
                || before == b':'
                || (after == b'.' && bytes.get(end + 1).is_some_and(|b| b.is_ascii_alphabetic()));
            Name { text: ident.to_string(), code_like }
        })
        .collect()
}

fn has_camel_hump(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// Text as the corpus matching rule compares it: quotes, backslashes and whitespace removed, so a name
/// survives re-indentation, minified JSON, unescaped strings and re-quoting.
pub fn matchable(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '"' | '\\') && !c.is_whitespace()).collect()
}

/// Something a person types to name a thing precisely: has a digit, an inner `.`/`_`/`/`/`::`/`@`, or an
/// inner capital (camelCase).
pub fn is_identifier(t: &str) -> bool {
    let b = t.as_bytes();
    if b.iter().any(|c| c.is_ascii_digit()) {
        return true;
    }
    if b.len() < 3 {
        return false;
    }
    let inner = &b[1..b.len().saturating_sub(1)];
    inner.iter().any(|&c| matches!(c, b'.' | b'_' | b'/' | b':' | b'@' | b'=' | b'\\'))
        || b.windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers_from_words() {
        let q = Query::parse(Some("Where is meta.fixable thrown, and which block on 10.250.18.114? hasSuggestions"));
        assert_eq!(q.idents, vec!["meta.fixable", "10.250.18.114", "hasSuggestions"]);
        assert_eq!(q.words, vec!["thrown", "block"]);
        assert_eq!(q.parts, vec!["meta", "fixable"]);
    }
}
