//! Checks shared by the fixture and corpus tests: the folded text is honest about the original.

use headroom_code::{parse, Language};
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
    assert!(m.contains(&format!("key={key}")), "marker without the original's key: {line}");
    let count = m["[headroom: omitted ".len()..].split(' ').next()?.parse().ok()?;
    let range = &m[m.find("original lines ")? + "original lines ".len()..];
    let range = range.split([';', ']']).next()?;
    let (a, b) = range.split_once('–')?;
    Some(Found { count, first: a.trim().parse().ok()?, last: b.trim().parse().ok()? })
}

/// Asserts the promises of `compress_code` for one output:
/// - the text parses with the same grammar, without error nodes;
/// - the only stored original is the whole input, under the key every marker names;
/// - every output line is either a marker, a Python `...` placeholder, or an original line copied byte
///   for byte, in order; every original line missing from the output lies inside the range of the
///   marker that announces it, and each marker's count is exactly the number of lines it hides.
pub fn assert_honest(original: &str, lang: Language, c: &Compressed) {
    let tree = parse(&c.text, lang).expect("grammar loads");
    assert!(!tree.root_node().has_error(), "folded output does not parse as {}", lang.name());
    let key = ccr_key(original.as_bytes());
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].key, key);
    assert_eq!(c.stored[0].content, original);

    let orig: Vec<&str> = original.split_inclusive('\n').collect();
    let mut p = 0usize; // next original line (0-based)
    let mut active: Option<(Found, usize)> = None; // marker being consumed, lines hidden so far
    let close = |active: &mut Option<(Found, usize)>, p: &mut usize| {
        if let Some((m, mut hidden)) = active.take() {
            assert!(*p <= m.last, "kept lines ran past the marker range {}–{}", m.first, m.last);
            hidden += m.last - *p;
            *p = m.last;
            assert_eq!(hidden, m.count, "marker for lines {}–{} miscounts", m.first, m.last);
        }
    };
    for line in c.text.split_inclusive('\n') {
        if let Some(m) = marker_in(line, &key) {
            close(&mut active, &mut p);
            assert_eq!(p + 1, m.first, "marker range must start where the omission starts: {line}");
            // A marker that hides every line of its range (a folded body) keeps nothing inside it.
            let whole = m.count == m.last + 1 - m.first;
            active = Some((m, 0));
            if whole {
                close(&mut active, &mut p);
            }
            continue;
        }
        if line.trim() == "..." {
            continue;
        }
        // Inside a run, the kept rows are skeleton rows (never blank: blank rows go with the run).
        if let Some((m, hidden)) = active.as_mut().filter(|_| !line.trim().is_empty()) {
            if let Some(q) = (p..m.last).find(|&q| orig[q] == line) {
                *hidden += q - p;
                p = q + 1;
                continue;
            }
        }
        close(&mut active, &mut p);
        assert!(p < orig.len() && orig[p] == line, "line changed or invented near original line {}: {line:?}", p + 1);
        p += 1;
    }
    close(&mut active, &mut p);
    assert_eq!(p, orig.len(), "output ends before the original does");
}
