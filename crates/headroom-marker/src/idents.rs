//! Identifier-shaped runs of ASCII (`[A-Za-z_][A-Za-z0-9_]*`) and standalone numbers in any text: in
//! function bodies to find the calls they make and what they are about (headroom-code), in the
//! question to find the names and numbers it mentions (the question model).

/// Byte ranges of the identifier runs of `text`, in order.
pub fn ident_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        Some((start, i))
    })
}

/// Runs of decimal digits that stand alone: not inside an identifier (`x86`), a hex literal (`0x30`) or
/// after a decimal point (`1.5` yields `1` only), so `30` never matches `300` or `0x30`.
pub fn numbers(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        while i < bytes.len() && !bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let glued = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let after = bytes.get(i).copied();
        if !before.is_some_and(|b| glued(b) || b == b'.') && !after.is_some_and(glued) {
            return Some(&text[start..i]);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{ident_spans, numbers};

    #[test]
    fn finds_standalone_numbers_only() {
        let found: Vec<&str> = numbers("x86 = 30 + 0x30 * 1.5 - (8192)").collect();
        assert_eq!(found, ["30", "1", "8192"]);
    }

    #[test]
    fn finds_identifier_runs_and_skips_digits_and_punctuation() {
        let text = "self.run_x(9abc, é_y) __init__";
        let found: Vec<&str> = ident_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(found, ["self", "run_x", "abc", "_y", "__init__"]);
    }
}
