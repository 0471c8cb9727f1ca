//! What the user's question says about the code: plain words (matched against the parts of function
//! names), identifiers written as code (matched against names and searched in bodies) and quoted strings
//! (searched in bodies). A body the question points at stays unfolded.

use headroom_marker::Query;

/// Words too common in questions to say anything about a function name.
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "also",
    "and",
    "any",
    "are",
    "because",
    "before",
    "but",
    "can",
    "case",
    "cases",
    "change",
    "code",
    "could",
    "did",
    "does",
    "doing",
    "each",
    "explain",
    "file",
    "for",
    "from",
    "function",
    "functions",
    "get",
    "gets",
    "happen",
    "happens",
    "has",
    "have",
    "how",
    "into",
    "its",
    "keep",
    "kept",
    "line",
    "lines",
    "make",
    "not",
    "only",
    "other",
    "should",
    "some",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "used",
    "uses",
    "using",
    "via",
    "was",
    "way",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "work",
    "works",
    "would",
    "you",
    "your",
];

/// A word that matches the names of more functions than this says nothing specific (`default` in a file
/// with several `initDefault…` functions) and is ignored.
const MAX_NAMES_PER_WORD: usize = 2;
const MAX_BODIES_PER_NEEDLE: usize = 3;

#[derive(Debug, Default, Clone)]
pub struct QueryTerms {
    /// Lowercased plain words, compared with the camelCase/snake_case parts of function names.
    words: Vec<String>,
    /// Identifiers written as code (`value.pointer()`, `rebuild_method`, `SuggestFor`), lowercased:
    /// a function with exactly this name matches.
    names: Vec<String>,
    /// Distinctive identifiers (with `_` or camel humps), searched in body text.
    needles: Vec<String>,
    /// Quoted strings (`'Did you mean this?'`), searched in bodies and comments.
    phrases: Vec<String>,
    /// Every plain word (kept by `narrow_to` or not) and every number of two digits or more: what a
    /// body's content is scored against (see `relevance`), where weighting, not a cut-off, handles common
    /// words. Identifiers written as code are left to `names` and `needles`, which match them exactly;
    /// their parts (`byte`, `string` of `byteStringReplacer`) would point at half the file.
    content: Vec<String>,
}

impl QueryTerms {
    /// The code's reading of the question: the same parse every compressor gets, seen as function
    /// names, identifiers to look for in bodies, quoted strings and content terms.
    pub fn new(query: &Query) -> QueryTerms {
        let mut terms = QueryTerms::default();
        for quoted in &query.phrases {
            if quoted.chars().count() >= 3 {
                terms.phrases.push(quoted.clone());
            }
        }
        for name in &query.names {
            let ident = name.text.as_str();
            let lower = ident.to_ascii_lowercase();
            let plain = !name.code_like && ident.len() >= 3 && !STOPWORDS.contains(&lower.as_str());
            if plain && !terms.content.contains(&lower) {
                terms.content.push(lower.clone());
            }
            if name.code_like {
                terms.names.push(lower.clone());
                if ident.len() >= 4 && (ident.contains('_') || has_camel_hump(ident)) {
                    terms.needles.push(ident.to_string());
                }
            }
            for part in split_name(ident) {
                if part.len() >= 3
                    && !STOPWORDS.contains(&part.as_str())
                    && !terms.words.contains(&part)
                {
                    terms.words.push(part);
                }
            }
        }
        for n in query.numbers.iter().filter(|n| n.len() >= 2) {
            if !terms.content.contains(n) {
                terms.content.push(n.clone());
            }
        }
        terms
    }

    pub fn content(&self) -> &[String] {
        &self.content
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.names.is_empty()
            && self.needles.is_empty()
            && self.phrases.is_empty()
    }

    /// Drops the plain words that match more than a few distinct function names of this file, and the
    /// identifiers found in more than a few bodies (the file's own main type, `ArrayList` in ArrayList.java).
    pub fn narrow_to(&mut self, all_names: &[&str], bodies: &[&str]) {
        let mut distinct: Vec<&str> = all_names.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        self.words.retain(|w| {
            distinct.iter().filter(|n| name_has_word(n, w)).count() <= MAX_NAMES_PER_WORD
        });
        self.needles.retain(|n| {
            bodies.iter().filter(|b| b.contains(n.as_str())).count() <= MAX_BODIES_PER_NEEDLE
        });
    }

    /// True when the question points at this function: by name, by a part of its name, or by naming
    /// something its body contains.
    pub fn matches(&self, name: Option<&str>, body: &str) -> bool {
        if let Some(name) = name {
            let lower = name.to_ascii_lowercase();
            if self.names.contains(&lower) || self.words.iter().any(|w| name_has_word(name, w)) {
                return true;
            }
        }
        self.needles
            .iter()
            .chain(&self.phrases)
            .any(|n| body.contains(n.as_str()))
    }

    /// Comments are matched by quoted phrases only: doc comments repeat the file's identifiers everywhere.
    pub fn matches_comment(&self, comment: &str) -> bool {
        self.phrases.iter().any(|p| comment.contains(p.as_str()))
    }
}

fn name_has_word(name: &str, word: &str) -> bool {
    any_part(name, |part| similar(part, word)) || name.eq_ignore_ascii_case(word)
}

/// Equal, or one is the other plus a short suffix (`redirect`/`redirects`, `batch`/`batching`).
pub(crate) fn similar(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 4 && long.len() - short.len() <= 3 && long.starts_with(short))
}

fn has_camel_hump(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// Splits `resolveHTTPResponse` / `should_strip_auth` / `SuggestFor` into lowercase parts.
pub fn split_name(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    any_part(name, |part| {
        parts.push(part.to_string());
        false
    });
    parts
}

/// Gives `f` each lowercase part of `name` (as `split_name` splits it) until it returns true, and says
/// whether it did. One buffer for all parts: relevance scoring splits every identifier of a file.
pub fn any_part(name: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut cur = String::new();
    let mut chars = name.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() && f(&cur) {
                return true;
            }
            cur.clear();
            prev = c;
            continue;
        }
        let next = chars.peek().copied().unwrap_or(' ');
        let boundary = c.is_uppercase()
            && (prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next.is_lowercase()));
        if boundary && !cur.is_empty() {
            if f(&cur) {
                return true;
            }
            cur.clear();
        }
        if c.is_ascii() {
            cur.push(c.to_ascii_lowercase());
        } else {
            cur.extend(c.to_lowercase());
        }
        prev = c;
    }
    !cur.is_empty() && f(&cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_lowercase_parts() {
        assert_eq!(
            split_name("resolveHTTPResponse"),
            ["resolve", "http", "response"]
        );
        assert_eq!(split_name("should_strip_auth"), ["should", "strip", "auth"]);
        assert_eq!(split_name("SuggestionsFor"), ["suggestions", "for"]);
    }

    #[test]
    fn code_identifiers_match_names_and_bodies() {
        let t = QueryTerms::new(&Query::parse(Some(
            "Why does value.pointer(\"/x\") fail? How do SuggestFor entries work?",
        )));
        assert!(t.matches(Some("pointer"), ""));
        assert!(t.matches(Some("other"), "for s in cmd.SuggestFor {"));
        assert!(!t.matches(Some("other"), "nothing here"));
    }

    #[test]
    fn plain_words_match_name_parts_unless_too_common() {
        let mut t = QueryTerms::new(&Query::parse(Some(
            "When does it follow redirects and strip the header?",
        )));
        assert!(t.matches(Some("resolve_redirects"), ""));
        assert!(t.matches(Some("should_strip_auth"), ""));
        assert!(!t.matches(Some("send"), ""));
        t.narrow_to(&["strip_a", "strip_b", "strip_c", "resolve_redirects"], &[]);
        assert!(!t.matches(Some("should_strip_auth"), ""));
        assert!(t.matches(Some("resolve_redirects"), ""));
    }

    #[test]
    fn quoted_strings_are_searched_in_bodies() {
        let t = QueryTerms::new(&Query::parse(Some(
            "where is 'Did you mean this?' built, and don't guess",
        )));
        assert!(t.matches(None, "s += \"Did you mean this?\\n\""));
        assert!(QueryTerms::new(&Query::default()).is_empty());
    }

    #[test]
    fn content_terms_keep_common_words_and_numbers() {
        let mut t = QueryTerms::new(&Query::parse(Some(
            "Why is the buffer 8192 bytes, not 4 KiB, by default?",
        )));
        t.narrow_to(&["default_a", "default_b", "default_c"], &[]);
        assert_eq!(t.content(), ["buffer", "bytes", "default", "8192"]);
    }
}
