//! Counting on every core. BPE counts add up over pre-tokenizer pieces, so a text can be cut wherever the
//! pre-tokenizer would split anyway and its parts counted on separate threads; a batch is spread over
//! the threads text by text. The threads are rayon's, which live as long as the process: each keeps its
//! table of piece counts (`memo`) warm from one call to the next.

use rayon::prelude::*;

/// Below this many bytes a part is not worth handing to another thread (~1 ms of counting).
const MIN_PART: usize = 64 * 1024;

fn cores() -> usize {
    rayon::current_num_threads()
}

/// A byte offset at or after `from` where both OpenAI pre-tokenizers (o200k_base, cl100k_base) start a
/// new piece: right after a line feed that an ASCII letter follows. No piece pattern can run across it
/// (letter runs never take a line break as their optional prefix; whitespace and punctuation runs that
/// end in line breaks stop at the letter), so counts of the two sides add up to the count of the whole.
fn cut_at_or_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from.max(1);
    while i < bytes.len() {
        let nl = memchr_newline(&bytes[i - 1..])? + i - 1;
        let at = nl + 1;
        if bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Cuts `text` into at most `parts` pieces of roughly equal size at safe places.
pub(crate) fn parts(text: &str, parts: usize) -> Vec<&str> {
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    for k in 1..parts {
        let target = text.len() * k / parts;
        if target <= start {
            continue;
        }
        match cut_at_or_after(text, target) {
            Some(cut) if cut < text.len() => {
                out.push(&text[start..cut]);
                start = cut;
            }
            _ => break,
        }
    }
    out.push(&text[start..]);
    out
}

/// Sums `count` over safe parts of `text`, one part per core when the text is large.
pub(crate) fn sum_parts(text: &str, count: impl Fn(&str) -> usize + Sync) -> usize {
    let n = cores().min(text.len() / MIN_PART);
    if n < 2 {
        return count(text);
    }
    parts(text, n).par_iter().map(|p| count(p)).sum()
}

/// Applies `count` to every text, in order, on all cores when there is enough to share; a large text
/// is itself cut into parts.
pub(crate) fn map_texts<S: AsRef<str> + Sync>(texts: &[S], count: impl Fn(&str) -> usize + Sync) -> Vec<usize> {
    let total: usize = texts.iter().map(|t| t.as_ref().len()).sum();
    if cores() < 2 || total < 2 * MIN_PART {
        return texts.iter().map(|t| count(t.as_ref())).collect();
    }
    texts.par_iter().map(|t| sum_parts(t.as_ref(), &count)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_after_a_line_feed_before_a_letter() {
        let text = "a\n\n 1\n-x\nb";
        assert_eq!(cut_at_or_after(text, 0), Some(text.len() - 1));
        assert_eq!(cut_at_or_after("no line feed", 0), None);
        assert_eq!(cut_at_or_after("ends\n", 0), None);
    }

    #[test]
    fn parts_cover_the_text_in_order() {
        let text: String = (0..5000).map(|i| format!("line {i}\n  indented {i}\n")).collect();
        for n in 1..6 {
            let p = parts(&text, n);
            assert_eq!(p.concat(), text);
            assert!(p.len() <= n);
            assert!(p.iter().skip(1).all(|s| s.as_bytes()[0].is_ascii_alphabetic()));
        }
    }
}
