//! The diff compressor on real `git diff` output (chalk 4.1.2 → 5.0.0 from the npm tarballs, see
//! `fixtures/diff/SOURCES.md`): with renames (`-M`), without context (`-U0`), with wide context (`-U12`).

use headroom_text::*;

const MARKER: &str = "[headroom: omitted ";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/diff/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn run(input: &str, query: Option<&str>, profile: Profile) -> headroom_marker::Compressed {
    let opts = Options { query: query.map(String::from), profile, ..Default::default() };
    let c = compress_diff(input, &opts).unwrap_or_else(|s| panic!("skipped: {}", s.reason));
    assert!(c.text.len() < input.len());
    assert_eq!(c.stored.len(), 1);
    assert_eq!(c.stored[0].content, input, "the stored original must be the input byte for byte");
    assert!(c.text.contains(&format!("key={}", c.stored[0].key)));
    c
}

/// Every line from a `diff --git` line up to its first hunk.
fn header_lines(input: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_header = false;
    for l in input.lines() {
        if l.starts_with("diff --git ") {
            in_header = true;
        } else if l.starts_with("@@ ") {
            in_header = false;
        }
        if in_header {
            out.push(l);
        }
    }
    out
}

fn output_has_line(out: &str, line: &str) -> bool {
    out.lines().any(|l| l == line)
}

/// Each folded-hunk marker (`dropped <why> hunk +A -D at -a,b +c,d`) matches the hunk it names: the
/// input has that `@@` header, its body has A added and D removed lines, and `of T` is the body plus the
/// `@@` line. Returns how many such markers there were.
fn check_hunk_markers(input: &str, out: &str) -> usize {
    let lines: Vec<&str> = input.lines().collect();
    let mut n = 0;
    for m in out.lines().filter(|l| l.starts_with(MARKER) && l.contains(" hunk +")) {
        let after = &m[m.find(" hunk +").unwrap() + 7..];
        let (adds, rest) = after.split_once(" -").unwrap();
        let (dels, rest) = rest.split_once(" at ").unwrap();
        let range = rest.split([' ', ';']).take(2).collect::<Vec<_>>().join(" ");
        let start = lines.iter().position(|l| l.starts_with(&format!("@@ {range} @@"))).unwrap_or_else(|| panic!("no hunk {range}"));
        let end = (start + 1..lines.len()).find(|&j| lines[j].starts_with("@@ ") || lines[j].starts_with("diff --git ")).unwrap_or(lines.len());
        let body = &lines[start + 1..end];
        assert_eq!(adds.parse::<usize>().unwrap(), body.iter().filter(|l| l.starts_with('+')).count(), "{m}");
        assert_eq!(dels.parse::<usize>().unwrap(), body.iter().filter(|l| l.starts_with('-')).count(), "{m}");
        let total: usize = m.split(" of ").nth(1).unwrap().split(';').next().unwrap().parse().unwrap();
        assert_eq!(total, body.len() + 1, "{m}");
        n += 1;
    }
    n
}

#[test]
fn renamed_and_vendored_files_keep_headers_and_the_question_s_changes() {
    let input = fixture("chalk-4.1.2-to-5.0.0-M.diff");
    let c = run(&input, Some("Where did stringReplaceAll go and what is the new engines.node requirement?"), Profile::Balanced);
    for h in header_lines(&input) {
        assert!(output_has_line(&c.text, h), "lost header line {h:?}");
    }
    for l in [
        "similarity index 69%",
        "rename from source/util.js",
        "rename to source/utilities.js",
        "-const stringReplaceAll = (string, substring, replacer) => {",
        "+export function stringReplaceAll(string, substring, replacer) {",
        "-\t\t\"node\": \">=10\"",
        "+\t\t\"node\": \"^12.17.0 || ^14.13 || >=16.0.0\"",
    ] {
        assert!(output_has_line(&c.text, l), "lost {l:?}");
    }
    // Per-file summary, and vendored code folded first with its counts.
    assert!(output_has_line(&c.text, "diff summary: 14 files changed, +1123 -741"));
    assert!(output_has_line(&c.text, "  source/utilities.js +7 -13"));
    assert!(c.text.contains("dropped lockfile/generated hunk +219 -0 at -0,0 +1,219"), "{}", c.text);
    assert!(check_hunk_markers(&input, &c.text) >= 5);
    assert!(c.text.len() * 2 < input.len(), "{} of {}", c.text.len(), input.len());
}

#[test]
fn zero_context_diff_keeps_headers_and_named_lines() {
    let input = fixture("chalk-4.1.2-to-5.0.0-U0.diff");
    let c = run(&input, Some("what happened to stringReplaceAll?"), Profile::Balanced);
    for h in header_lines(&input) {
        assert!(output_has_line(&c.text, h), "lost header line {h:?}");
    }
    assert!(output_has_line(&c.text, "+export function stringReplaceAll(string, substring, replacer) {"));
    assert!(output_has_line(&c.text, "-const stringReplaceAll = (string, substring, replacer) => {"));
    assert!(check_hunk_markers(&input, &c.text) >= 5);
    assert!(c.text.len() * 10 < input.len() * 6, "{} of {}", c.text.len(), input.len());
}

#[test]
fn safe_keeps_every_changed_line() {
    for name in ["chalk-index-js-U12.diff", "chalk-4.1.2-to-5.0.0-M.diff", "chalk-4.1.2-to-5.0.0-U0.diff"] {
        let input = fixture(name);
        let opts = Options { profile: Profile::Safe, ..Default::default() };
        let Ok(c) = compress_diff(&input, &opts) else { continue };
        for l in input.lines().filter(|l| l.starts_with('+') || l.starts_with('-')) {
            assert!(output_has_line(&c.text, l), "{name}: safe lost {l:?}");
        }
        for m in c.text.lines().filter(|l| l.starts_with(MARKER)) {
            assert!(m.contains("dropped unchanged context"), "{name}: {m}");
        }
    }
    // Twelve lines of context leave something to cut.
    let input = fixture("chalk-index-js-U12.diff");
    assert!(compress_diff(&input, &Options { profile: Profile::Safe, ..Default::default() }).is_ok());
}
