//! Checks shared by the fixture and corpus tests: the folded text is honest about the original.

use headroom_code::{parse, syntax_errors, Language};
use headroom_marker::{ccr_key, Compressed};

/// A marker found in the output: `omitted <count> lines`, `original lines <a>–<b>` (1-based).
struct Found {
    count: usize,
    first: usize,
    last: usize,
}

fn marker_in(line: &str, key: &str) -> Option<Found> {
    let at = line.find("[headroom: omitted ")?;
    let m = &line[at..];
    assert!(
        m.contains(&format!("key={key}")),
        "marker without the original's key: {line}"
    );
    let count = m["[headroom: omitted ".len()..]
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    let range = &m[m.find("original lines ")? + "original lines ".len()..];
    let range = range.split([';', ']']).next()?;
    let (a, b) = range.split_once('–')?;
    Some(Found {
        count,
        first: a.trim().parse().ok()?,
        last: b.trim().parse().ok()?,
    })
}

/// Asserts the promises of `compress_code` for one output:
/// - the text parses, with the grammar the transform names (`code:<language>:…`, which may be the
///   sibling of `given` when that one fails), with no more error nodes than the original has with it;
/// - the only stored original is the whole input, under the key every marker names;
/// - every output line is either a marker, a Python `...` or bash `:` placeholder, or an original line copied byte
///   for byte, in order; every original line missing from the output lies inside the range of the
///   marker that announces it, and each marker's count is exactly the number of lines it hides.
pub fn assert_honest(original: &str, given: Language, c: &Compressed) {
    let used = c.transform.split(':').nth(1).unwrap_or("");
    let lang = Language::ALL
        .into_iter()
        .find(|l| l.name() == used)
        .unwrap_or_else(|| panic!("transform names no language: {}", c.transform));
    let errors_as =
        |text: &str, l: Language| syntax_errors(&parse(text, l).expect("grammar loads"));
    let errors = |text: &str| errors_as(text, lang);
    assert!(
        lang == given || errors_as(original, given) > 0,
        "switched from {} to {} though the original parses cleanly",
        given.name(),
        lang.name()
    );
    assert!(
        errors(&c.text) <= errors(original),
        "folded output parses worse than the original as {}",
        lang.name()
    );
    let key = ccr_key(original.as_bytes());
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].key, key);
    assert_eq!(c.stored[0].content, original);

    let orig: Vec<&str> = original.split_inclusive('\n').collect();
    let mut p = 0usize; // next original line (0-based)
                        // Inside a marker's range: the range's end (exclusive, 0-based) and how many kept lines remain in it.
                        // A range that keeps k lines is followed by exactly k output lines that must be a subsequence of the
                        // range (greedy matching decides a subsequence exactly); everything after matches line for line.
    let mut inside: Option<(usize, usize)> = None;
    for line in c.text.split_inclusive('\n') {
        if let Some(m) = marker_in(line, &key) {
            assert!(
                inside.is_none(),
                "marker inside another marker's range: {line}"
            );
            assert_eq!(
                p + 1,
                m.first,
                "marker range must start where the omission starts: {line}"
            );
            assert!(
                m.last >= m.first && m.last <= orig.len(),
                "range out of the file: {line}"
            );
            let span = m.last + 1 - m.first;
            assert!(
                m.count <= span,
                "marker claims more lines than its range: {line}"
            );
            if m.count == span {
                p = m.last;
            } else {
                inside = Some((m.last, span - m.count));
            }
            continue;
        }
        if (lang == Language::Python && line.trim() == "...")
            || (lang == Language::Bash && line.trim() == ":")
        {
            continue; // the placeholder statement for a hidden body (Python, bash)
        }
        if let Some((end, left)) = inside.as_mut() {
            let q = (p..*end)
                .find(|&q| orig[q] == line)
                .unwrap_or_else(|| panic!("kept line not in its marker's range: {line:?}"));
            p = q + 1;
            *left -= 1;
            if *left == 0 {
                p = *end;
                inside = None;
            }
            continue;
        }
        assert!(
            p < orig.len() && orig[p] == line,
            "line changed or invented near original line {}: {line:?}",
            p + 1
        );
        p += 1;
    }
    assert!(
        inside.is_none(),
        "a marker's range keeps fewer lines than it says"
    );
    assert_eq!(p, orig.len(), "output ends before the original does");
}
