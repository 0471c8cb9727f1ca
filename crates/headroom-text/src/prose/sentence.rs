//! Where a paragraph's first sentence ends, so a folded paragraph can keep it: the topic sentence of
//! technical prose usually says what the rest is about, and it is the cheapest pointer to the original.

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "cf", "Mr", "Dr", "Inc", "No", "Fig", "approx"];

/// The end of the first sentence of `lines` (a paragraph): `(line, byte)` such that the sentence is
/// `lines[..line]` plus `lines[line][..byte]`. A sentence ends at `.`, `?` or `!` (after any closing
/// quote or bracket) followed by a space or the end of a line, outside inline code, and not after an
/// abbreviation, an initial or an ellipsis (`[OPTION]... SRC`); at a line ending with `:` (it introduces what follows); or where the
/// next list item starts. `None` when the whole paragraph is one sentence.
pub fn first_end(lines: &[&str]) -> Option<(usize, usize)> {
    let mut in_code = false;
    for (li, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if li > 0 && starts_item(t) {
            return Some((li - 1, lines[li - 1].len()));
        }
        let b = line.as_bytes();
        let body = line.len() - t.len() + item_marker_len(t);
        let mut i = body;
        while i < b.len() {
            match b[i] {
                b'`' => in_code = !in_code,
                b'.' | b'?' | b'!' if !in_code => {
                    let mut e = i + 1;
                    while e < b.len() && matches!(b[e], b'"' | b'\'' | b')' | b']' | b'*' | b'_') {
                        e += 1;
                    }
                    let at_break = e == b.len() || b[e] == b' ';
                    let ellipsis = b[i] == b'.' && i > 0 && b[i - 1] == b'.';
                    if at_break && !ellipsis && !(b[i] == b'.' && abbreviated(&line[body..i])) {
                        return (li + 1 < lines.len() || e < line.trim_end().len()).then_some((li, e));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if line.trim_end().ends_with(':') && !in_code && li + 1 < lines.len() {
            return Some((li, line.len()));
        }
    }
    None
}

fn abbreviated(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    word.is_empty() || word.len() == 1 || ABBREVIATIONS.contains(&word)
}

pub fn starts_item(t: &str) -> bool {
    item_marker_len(t) > 0
}

/// Length of a leading list marker (`- `, `* `, `+ `, `1. `, `2) `), 0 if none.
fn item_marker_len(t: &str) -> usize {
    let b = t.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        return 2;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 && b.get(digits).is_some_and(|c| matches!(c, b'.' | b')')) && b.get(digits + 1) == Some(&b' ') {
        return digits + 2;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_after_the_first_real_period() {
        let p = ["Gson uses e.g. `a.b` here. Then the rest", "continues on."];
        assert_eq!(first_end(&p), Some((0, 26)));
        assert_eq!(&p[0][..26], "Gson uses e.g. `a.b` here.");
        let wrapped = ["A sentence that wraps", "onto a second line. And more."];
        assert_eq!(first_end(&wrapped), Some((1, 19)));
        assert_eq!(first_end(&["Only one sentence."]), None);
        assert_eq!(first_end(&["Only one sentence", "over two lines."]), None);
    }

    #[test]
    fn list_items_and_colons_end_the_first_sentence() {
        assert_eq!(first_end(&["1. First item without period", "2. Second item"]), Some((0, 28)));
        assert_eq!(first_end(&["The options are:", "--a and --b"]), Some((0, 16)));
        assert_eq!(first_end(&["Version 1.0 shipped in 2008. Later ones followed."]), Some((0, 28)));
        assert_eq!(first_end(&["Usage: rsync [OPTION]... SRC DEST", "  or   rsync [OPTION]... DEST"]), None);
    }
}
