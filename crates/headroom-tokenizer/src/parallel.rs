//! Counting on every core. BPE counts add up over pre-tokenizer pieces, so a text can be cut wherever the
//! pre-tokenizer would split anyway and its parts counted on separate threads; a batch is dealt out in
//! contiguous runs of about equal bytes.

use std::sync::OnceLock;
use std::thread;

/// Below this many bytes a thread costs more than it saves (~30 µs to start one, ~1 ms to count this).
const MIN_PART: usize = 64 * 1024;

fn cores() -> usize {
    // `available_parallelism` reads cgroup files on Linux: ask once.
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| thread::available_parallelism().map_or(1, |n| n.get()))
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
    let pieces = parts(text, n);
    if pieces.len() < 2 {
        return count(text);
    }
    let count = &count;
    thread::scope(|s| {
        let (first, rest) = pieces.split_first().expect("at least two parts");
        let handles: Vec<_> = rest.iter().map(|p| s.spawn(move || count(p))).collect();
        let mine = count(first);
        mine + handles.into_iter().map(|h| h.join().expect("token counting does not panic")).sum::<usize>()
    })
}

/// Applies `count` to every text, in order, spreading the texts over the cores in runs of about equal
/// bytes. A text larger than one core's share is itself cut into parts.
pub(crate) fn map_texts<S: AsRef<str> + Sync>(texts: &[S], count: impl Fn(&str) -> usize + Sync) -> Vec<usize> {
    let total: usize = texts.iter().map(|t| t.as_ref().len()).sum();
    let workers = cores().min(total / MIN_PART).max(1);
    let share = total / workers + 1;
    let count = &count;
    let mut out = vec![0; texts.len()];
    if workers < 2 {
        for (o, t) in out.iter_mut().zip(texts) {
            *o = count(t.as_ref());
        }
        return out;
    }
    // Runs of small texts go to threads; a big text is counted in parts right away.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run_start = 0;
    let mut run_bytes = 0;
    for (i, t) in texts.iter().enumerate() {
        let len = t.as_ref().len();
        if len >= share {
            out[i] = sum_parts(t.as_ref(), count);
            if run_start < i {
                runs.push((run_start, i));
            }
            run_start = i + 1;
            run_bytes = 0;
            continue;
        }
        run_bytes += len;
        if run_bytes >= share {
            runs.push((run_start, i + 1));
            run_start = i + 1;
            run_bytes = 0;
        }
    }
    if run_start < texts.len() {
        runs.push((run_start, texts.len()));
    }
    let results: Vec<(usize, Vec<usize>)> = thread::scope(|s| {
        let handles: Vec<_> = runs
            .iter()
            .map(|&(a, b)| s.spawn(move || (a, texts[a..b].iter().map(|t| count(t.as_ref())).collect::<Vec<_>>())))
            .collect();
        handles.into_iter().map(|h| h.join().expect("token counting does not panic")).collect()
    });
    for (a, counts) in results {
        out[a..a + counts.len()].copy_from_slice(&counts);
    }
    out
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
