//! Identifier-shaped runs of ASCII (`[A-Za-z_][A-Za-z0-9_]*`) in any text: in function bodies to find
//! the calls they make, in the question to find the names it mentions.

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

#[cfg(test)]
mod tests {
    use super::ident_spans;

    #[test]
    fn finds_identifier_runs_and_skips_digits_and_punctuation() {
        let text = "self.run_x(9abc, é_y) __init__";
        let found: Vec<&str> = ident_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(found, ["self", "run_x", "abc", "_y", "__init__"]);
    }
}
