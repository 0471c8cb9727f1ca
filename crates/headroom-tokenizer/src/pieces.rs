//! The pre-tokenizers of o200k_base and cl100k_base, written out by hand for ASCII text. Splitting with
//! the published regular expressions is the slowest step of counting; most tool output is ASCII, where
//! each alternative of the pattern reduces to a few byte-class runs. Wherever a decision would depend on
//! a non-ASCII character, the piece at that position is taken from the regular expression instead, so
//! the pieces are always the pattern's pieces.
//!
//! The patterns (tiktoken's, leftmost-first alternation, greedy with backtracking):
//! - o200k: `[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
//!   `|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
//!   `|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
//! - cl100k: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*`
//!   `|\s*[\r\n]+|\s+(?!\S)|\s+`

use bpe_openai::Tokenizer;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    O200k,
    Cl100k,
}

/// The piece's end, or `None` when a non-ASCII character would decide it.
type End = Option<usize>;

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// ASCII that is neither whitespace, letter nor digit: `[^\s\p{L}\p{N}]`.
const fn is_other(b: u8) -> bool {
    b.is_ascii() && !is_space(b) && !b.is_ascii_alphanumeric()
}

/// Calls `f` with every piece of `text`, in order.
pub(crate) fn for_each_piece<'t>(text: &'t str, pattern: Pattern, regex: &Tokenizer, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let end = match pattern {
            Pattern::O200k => o200k(bytes, pos),
            Pattern::Cl100k => cl100k(bytes, pos),
        };
        let end = match end {
            Some(end) => end,
            None => pos + regex.split(&text[pos..]).next().map_or(bytes.len() - pos, str::len),
        };
        f(&text[pos..end]);
        pos = end;
    }
}

/// End of the run of bytes from `i` that `class` accepts; `None` if the run stops at a non-ASCII byte.
fn run(bytes: &[u8], mut i: usize, class: impl Fn(u8) -> bool) -> End {
    while i < bytes.len() && class(bytes[i]) {
        i += 1;
    }
    (i == bytes.len() || bytes[i].is_ascii()).then_some(i)
}

/// `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `i`: its end, `i` when there is none.
fn contraction(bytes: &[u8], i: usize) -> End {
    if bytes.get(i) != Some(&b'\'') {
        return Some(i);
    }
    let lower = |k: usize| bytes.get(i + k).map(u8::to_ascii_lowercase);
    match bytes.get(i + 1) {
        None => return Some(i),
        // `(?i:s)` also matches `ſ` and `(?i:k)`-style folds exist outside ASCII.
        Some(b) if !b.is_ascii() => return None,
        _ => {}
    }
    Some(match (lower(1), lower(2)) {
        (Some(b's' | b't' | b'm' | b'd'), _) => i + 2,
        (Some(b'r'), Some(b'e')) | (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) => i + 3,
        (Some(b'r' | b'v' | b'l'), Some(b)) if !b.is_ascii() => return None,
        _ => i,
    })
}

/// The whitespace alternatives shared by both patterns, at a whitespace byte:
/// `\s*[\r\n]+|\s+(?!\S)|\s+`.
fn whitespace(bytes: &[u8], pos: usize) -> End {
    let end = run(bytes, pos, is_space)?;
    let run = &bytes[pos..end];
    if let Some(last_newline) = run.iter().rposition(|&b| b == b'\n' || b == b'\r') {
        return Some(pos + last_newline + 1);
    }
    if end == bytes.len() || run.len() == 1 {
        return Some(end);
    }
    Some(end - 1)
}

/// The optional prefix `[^\r\n\p{L}\p{N}]?` of the letter alternatives: the index after it.
fn prefix(bytes: &[u8], pos: usize) -> usize {
    let b = bytes[pos];
    if b != b'\r' && b != b'\n' && !b.is_ascii_alphanumeric() {
        pos + 1
    } else {
        pos
    }
}

fn o200k(bytes: &[u8], pos: usize) -> End {
    let b = bytes[pos];
    if !b.is_ascii() {
        return None;
    }
    let after_prefix = prefix(bytes, pos);
    if after_prefix < bytes.len() {
        let c = bytes[after_prefix];
        if !c.is_ascii() {
            return None;
        }
        if c.is_ascii_alphabetic() {
            // Uppercase run, then lowercase run: with a lowercase letter it is the first alternative,
            // without one the second; both end with an optional contraction.
            let upper_end = run(bytes, after_prefix, |x| x.is_ascii_uppercase())?;
            let lower_end = run(bytes, upper_end, |x| x.is_ascii_lowercase())?;
            return contraction(bytes, lower_end);
        }
    }
    if b.is_ascii_digit() {
        let limit = (pos + 3).min(bytes.len());
        let end = (pos..limit).find(|&i| !bytes[i].is_ascii_digit()).unwrap_or(limit);
        // A fourth-or-fewer non-ASCII character could be a digit of another script.
        return (end == limit || bytes[end].is_ascii()).then_some(end);
    }
    if let Some(end) = punctuation(bytes, pos, true)? {
        return Some(end);
    }
    whitespace(bytes, pos)
}

fn cl100k(bytes: &[u8], pos: usize) -> End {
    let b = bytes[pos];
    if !b.is_ascii() {
        return None;
    }
    if b == b'\'' {
        let end = contraction(bytes, pos)?;
        if end > pos {
            return Some(end);
        }
    }
    let after_prefix = prefix(bytes, pos);
    if after_prefix < bytes.len() {
        let c = bytes[after_prefix];
        if !c.is_ascii() {
            return None;
        }
        if c.is_ascii_alphabetic() {
            return run(bytes, after_prefix, |x| x.is_ascii_alphabetic());
        }
    }
    if b.is_ascii_digit() {
        let limit = (pos + 3).min(bytes.len());
        let end = (pos..limit).find(|&i| !bytes[i].is_ascii_digit()).unwrap_or(limit);
        return (end == limit || bytes[end].is_ascii()).then_some(end);
    }
    if let Some(end) = punctuation(bytes, pos, false)? {
        return Some(end);
    }
    whitespace(bytes, pos)
}

/// ` ?[^\s\p{L}\p{N}]+[\r\n]*` (o200k also takes `/` in the tail): `Some(None)` when it does not match.
fn punctuation(bytes: &[u8], pos: usize, slash_tail: bool) -> Option<End> {
    let start = if bytes[pos] == b' ' { pos + 1 } else { pos };
    match bytes.get(start) {
        Some(&c) if is_other(c) => {}
        Some(&c) if !c.is_ascii() => return None,
        _ => return Some(None),
    }
    let end = run(bytes, start, is_other)?;
    let tail = bytes[end..].iter().take_while(|&&x| x == b'\r' || x == b'\n' || (slash_tail && x == b'/')).count();
    Some(Some(end + tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, pattern: Pattern) -> Vec<&str> {
        let regex = match pattern {
            Pattern::O200k => bpe_openai::o200k_base(),
            Pattern::Cl100k => bpe_openai::cl100k_base(),
        };
        let mut out = Vec::new();
        for_each_piece(text, pattern, regex, |p| out.push(p));
        out
    }

    fn regex_pieces(text: &str, pattern: Pattern) -> Vec<&str> {
        match pattern {
            Pattern::O200k => bpe_openai::o200k_base().split(text).collect(),
            Pattern::Cl100k => bpe_openai::cl100k_base().split(text).collect(),
        }
    }

    #[test]
    fn ascii_pieces_are_the_patterns_pieces() {
        let cases = [
            "Hello world, HTTPServer's CamelCase they'RE here I'M 'LL 'x",
            "  fn main() {\n\tlet x = 12345;\r\n    return x;\n}\n\n\n   ",
            "a  b   c\t\td \n e\r\rf //path/to/file.rs:42:7 -->\n/x .\n/y",
            "'s 't 're 've 'm 'll 'd 'S 'RE 'Ll don't",
            "{\"id\":12,\"ok\":true}\n[1,2,3]\n\u{b}\u{c}x\u{1}\u{7f}",
            "x\n",
            " ",
            "  ",
            "\n",
            "a",
            "'",
            "'r",
            "9999",
            " !",
            " a",
            " 1",
            "!!\n\n/",
        ];
        for text in cases {
            for pattern in [Pattern::O200k, Pattern::Cl100k] {
                assert_eq!(pieces(text, pattern), regex_pieces(text, pattern), "{text:?}");
            }
        }
    }

    #[test]
    fn non_ascii_text_falls_back_to_the_regex_piece_by_piece() {
        for text in ["数据 données ünï ſ's 'ſ x²3 ½ 😀👍🏽 a\u{a0} b\u{a0}\u{a0}c HTTPÄrger ÄBC", "€100 —dash— ‘quoted’ x\u{301}y"] {
            for pattern in [Pattern::O200k, Pattern::Cl100k] {
                assert_eq!(pieces(text, pattern), regex_pieces(text, pattern), "{text:?}");
            }
        }
    }
}
