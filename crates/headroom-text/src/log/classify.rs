//! What a log line is, judged from its text alone: a failing test, an error, a warning, a test-runner
//! summary, a passing test, the start of a failure-detail section, or ordinary output. The patterns are
//! plain substrings (no regex); the ~45 a line is usually checked against are found in one pass.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Blank,
    Normal,
    /// A passing test or a per-package "ok": collapsed without keeping a first occurrence.
    Pass,
    /// A compiler `note:` (candidate lists): collapsed like Pass, with its indented source excerpt.
    Note,
    Warn,
    Error,
    /// Context an error needs (`required from here`, `In instantiation of`): always kept.
    ErrorContext,
    /// A failing test's line: never dropped.
    Fail,
    /// A test-runner or build summary line: never dropped.
    Summary,
}

/// How many following lines a failure-detail section keeps, if `line` opens one.
pub fn section_start(trimmed: &str) -> Option<usize> {
    if let Some(rest) = leading_number(trimmed) {
        if rest.starts_with(" failing") {
            return Some(usize::MAX);
        }
    }
    if trimmed.starts_with('=') && (trimmed.contains(" FAILURES ") || trimmed.contains(" ERRORS ")) {
        return Some(usize::MAX);
    }
    if trimmed == "failures:"
        || trimmed == "Failures:"
        || trimmed.starts_with("Tests in error:")
        || trimmed.starts_with("Failed tests:")
        || trimmed.starts_with("[ERROR] Failures:")
    {
        return Some(usize::MAX);
    }
    // jest's `● suite › test`, unittest's `FAIL: test_x (module.Class)` block up to the next separator.
    if trimmed.starts_with("● ") || trimmed.starts_with("Summary of all failing tests") || trimmed.starts_with("FAIL: ") || trimmed.starts_with("ERROR: ") {
        return Some(40);
    }
    None
}

/// `"12 passing (3s)"` → `Some(" passing (3s)")`.
fn leading_number(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0).then(|| &s[digits..])
}

pub fn classify(line: &str) -> Class {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Class::Blank;
    }
    if is_summary(trimmed) {
        return Class::Summary;
    }
    if is_fail(trimmed) {
        return Class::Fail;
    }
    if is_pass(trimmed) {
        return Class::Pass;
    }
    match level_token(trimmed).or_else(|| lint_code(trimmed)) {
        Some(Class::Error) => return Class::Error,
        Some(Class::Warn) => return Class::Warn,
        _ => {}
    }
    let words = words_in(trimmed);
    if words & CONTEXT != 0 {
        return Class::ErrorContext;
    }
    if words & NOTE != 0 || trimmed.starts_with("note: ") {
        return Class::Note;
    }
    if words & ERROR != 0 {
        return Class::Error;
    }
    if words & WARN != 0 {
        return Class::Warn;
    }
    // Words that suggest a failure but also occur in ordinary messages: they count only without a
    // warning marker.
    if words & WEAK_ERROR != 0 {
        return Class::Error;
    }
    Class::Normal
}

/// The severity column of a structured log line: one of the first six tokens is a level word
/// (`[error]` in Apache, ` E ` in Android logcat, `Warning,` in Windows CBS, `ERR` in syslog-ish
/// formats). Single letters count only in upper case.
fn level_token(t: &str) -> Option<Class> {
    // A level column follows a timestamp or pid (a token with a digit) or is bracketed; a test title
    // such as `error handling` is neither.
    let mut after_digits = false;
    for tok in t.split_whitespace().take(6) {
        let bracketed = tok.starts_with('[') || tok.starts_with('<');
        let counts = bracketed || after_digits;
        after_digits |= tok.bytes().any(|b| b.is_ascii_digit());
        if !counts {
            continue;
        }
        let w = tok.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ':' | ',' | '<' | '>' | '|'));
        if w.len() == 1 {
            match w {
                "E" | "F" => return Some(Class::Error),
                "W" => return Some(Class::Warn),
                _ => continue,
            }
        }
        if w.len() > 8 {
            continue;
        }
        match w.to_ascii_lowercase().as_str() {
            "error" | "err" | "fatal" | "crit" | "critical" | "severe" | "emerg" | "alert" | "panic" => return Some(Class::Error),
            "warn" | "warning" => return Some(Class::Warn),
            "info" | "debug" | "trace" | "notice" | "verbose" => return Some(Class::Normal),
            _ => {}
        }
    }
    None
}

/// The severity a linter encodes in its finding: pylint's and flake8's code after the location
/// (`E1120:`, `F632`, `W0611`; E and F are errors, W warnings, C and R conventions), eslint's unix
/// format's `[Error/no-undef]` / `[Warning/…]` tag.
fn lint_code(t: &str) -> Option<Class> {
    if t.ends_with(']') {
        if t.contains(" [Error/") {
            return Some(Class::Error);
        }
        if t.contains(" [Warning/") {
            return Some(Class::Warn);
        }
    }
    let code = rule_of(t)?;
    match code.as_bytes()[0] {
        b'E' | b'F' => Some(Class::Error),
        b'W' => Some(Class::Warn),
        _ => Some(Class::Normal),
    }
}

/// The rule a linter's finding names: its code among the first words (`E1120:`, `F632`, `SC2086`).
/// Findings of one rule are one template, whatever their messages say.
pub fn rule_of(t: &str) -> Option<&str> {
    t.split_whitespace().take(3).find(|w| is_lint_code(w)).map(|w| w.trim_end_matches(':'))
}

/// A linter's rule code: one to three capitals and three or four digits, maybe with a colon (`E1120:`,
/// `F632`, `SC2086`).
pub fn is_lint_code(word: &str) -> bool {
    let w = word.trim_end_matches(':');
    let letters = w.bytes().take_while(u8::is_ascii_uppercase).count();
    (1..=3).contains(&letters) && (3..=4).contains(&(w.len() - letters)) && w.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

fn is_summary(t: &str) -> bool {
    if let Some(rest) = leading_number(t) {
        if rest.starts_with(" passing") || rest.starts_with(" failing") || rest.starts_with(" pending") {
            return true;
        }
    }
    const STARTS: &[&str] = &[
        "Tests:",
        "Test Suites:",
        "Snapshots:",
        "Ran all test suites",
        "Test Files ",
        "Tests ",
        "test result:",
        "Tests run:",
        "BUILD SUCCESS",
        "BUILD FAILURE",
        "BUILD FAILED",
        "[INFO] BUILD",
        "[ERROR] Tests run:",
        "[INFO] Tests run:",
        "make: ***",
        "FAIL\t",
        "ninja: build stopped",
        "error: could not compile",
        "Finished ",
        "npm ERR! code",
        "ELIFECYCLE",
        "Your code has been rated",
        "# tests ",
        "# pass ",
        "# fail ",
        "# skip ",
        "# todo ",
        "# cancelled ",
    ];
    // go test's bare `PASS` / `FAIL` verdict lines (jest's `PASS path` is a passing suite, not a summary).
    if t == "PASS" || t == "FAIL" || t == "ok" {
        return true;
    }
    if STARTS.iter().any(|s| t.starts_with(s)) {
        return t.len() < 400;
    }
    if t.starts_with('=')
        && t.ends_with('=')
        && (t.contains(" passed") || t.contains(" failed") || t.contains(" error") || t.contains("no tests ran") || t.contains("short test summary"))
    {
        return true;
    }
    (t.starts_with("Found ") && t.contains(" error"))
        || (t.starts_with("✖ ") && t.contains(" problem"))
        || (t.starts_with("make[") && t.contains("Error"))
        || (t.contains(" tests completed") && t.contains("failed"))
}

fn is_fail(t: &str) -> bool {
    const STARTS: &[&str] =
        &["✗", "✕", "✖", "×", "FAIL ", "FAIL: ", "ERROR: test", "--- FAIL", "FAILED ", "not ok ", "[  FAILED  ]", "[FAIL]", "ERROR tests/", "ERROR test"];
    if STARTS.iter().any(|s| t.starts_with(s)) {
        return true;
    }
    if let Some(marks) = progress_marks(t) {
        return marks.contains(['F', 'E']);
    }
    if t.ends_with(" FAILED") || t.ends_with("... FAILED") || t.ends_with(" ... FAIL") || t.ends_with("<<< FAILURE!") || t.ends_with("<<< ERROR!") {
        return true;
    }
    // mocha's `  1) should not mutate the options object` inside the spec tree.
    if let Some(rest) = leading_number(t) {
        return rest.starts_with(") ") && rest.len() > 2;
    }
    false
}

/// pytest's progress line, `tests/test_api.py ..F.s   [ 23%]` (the path may be absent on a wrapped
/// line): the run of result marks, one per test.
fn progress_marks(t: &str) -> Option<&str> {
    let body = t.strip_suffix("%]")?;
    let open = body.rfind('[')?;
    let marks = body[..open].trim_end().rsplit(' ').next()?;
    (!marks.is_empty() && marks.bytes().all(|b| matches!(b, b'.' | b's' | b'F' | b'E' | b'x' | b'X'))).then_some(marks)
}

fn is_pass(t: &str) -> bool {
    if progress_marks(t).is_some() {
        return true;
    }
    const STARTS: &[&str] = &["✓", "✔", "√", "PASS ", "ok ", "--- PASS", "[       OK ]", "[ RUN      ]", "PASSED "];
    if STARTS.iter().any(|s| t.starts_with(s)) {
        return true;
    }
    t.ends_with(" ... ok") || t.ends_with(" PASSED") || (t.ends_with(" passed") && t.starts_with("test"))
}

/// What a line says, by the groups of words found in it (one bit each).
const CONTEXT: u8 = 1;
const NOTE: u8 = 2;
const ERROR: u8 = 4;
const WARN: u8 = 8;
const WEAK_ERROR: u8 = 16;

const WORDS: &[(&str, u8)] = &[
    // Context an error needs.
    ("required from here", CONTEXT),
    ("In instantiation of", CONTEXT),
    ("required from ‘", CONTEXT),
    (" note: ", NOTE),
    ("ERROR", ERROR),
    ("FATAL", ERROR),
    ("CRITICAL", ERROR),
    ("SEVERE", ERROR),
    ("PANIC", ERROR),
    ("Error:", ERROR),
    ("error:", ERROR),
    ("error[", ERROR),
    ("Error ", ERROR),
    ("Exception", ERROR),
    ("exception:", ERROR),
    ("panicked at", ERROR),
    ("panic:", ERROR),
    ("Traceback (most recent call last)", ERROR),
    ("fatal:", ERROR),
    ("Fatal", ERROR),
    ("Segmentation fault", ERROR),
    ("core dumped", ERROR),
    ("failed", ERROR),
    ("Failed", ERROR),
    ("FAILED", ERROR),
    ("failure", ERROR),
    ("Failure", ERROR),
    ("Unhandled", ERROR),
    ("Uncaught", ERROR),
    ("ERR!", ERROR),
    ("Abort", ERROR),
    ("FAILURE", ERROR),
    ("): error", ERROR),
    ("  error  ", ERROR),
    ("WARN", WARN),
    ("warning:", WARN),
    ("Warning:", WARN),
    ("warning[", WARN),
    ("DEPRECAT", WARN),
    ("  warning  ", WARN),
    ("): warning", WARN),
    ("assert", WEAK_ERROR),
    ("Assert", WEAK_ERROR),
    ("Expected", WEAK_ERROR),
    ("expected", WEAK_ERROR),
];

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(WORDS.iter().map(|w| w.0)).expect("fixed word list builds"));

/// The groups of `WORDS` found in `t`, in one pass (overlapping matches, so every word that occurs is seen).
fn words_in(t: &str) -> u8 {
    MATCHER.find_overlapping_iter(t).fold(0, |groups, m| groups | WORDS[m.pattern().as_usize()].1)
}

/// Lines that continue a kept error: stack frames, indented excerpts, chained causes.
pub fn is_continuation(line: &str) -> bool {
    if line.starts_with(' ') || line.starts_with('\t') {
        return !line.trim().is_empty();
    }
    const STARTS: &[&str] = &[
        "Caused by",
        "Traceback",
        "goroutine ",
        "panic:",
        "During handling",
        "The above exception",
        "stack backtrace:",
        "...",
        "note: run with `RUST_BACKTRACE",
        "created by ",
    ];
    STARTS.iter().any(|s| line.starts_with(s)) || is_error_detail(line) || is_code_frame(line)
}

/// A source excerpt under a diagnostic, with the line number in a gutter: rustc's `53 |     x - x;`,
/// gcc's `   12 | int x;`, babel/eslint's `> 12 | foo()`.
fn is_code_frame(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '>']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].trim_start().starts_with('|')
}

/// Records that servers print right after an error, on lines of their own with the error's prefix
/// (PostgreSQL's `DETAIL:`/`HINT:`/`STATEMENT:`, MySQL's `Reason:`): the error is incomplete without them.
fn is_error_detail(line: &str) -> bool {
    const LABELS: [&str; 7] = [" DETAIL:  ", " HINT:  ", " STATEMENT:  ", " CONTEXT:  ", " QUERY:  ", " LOCATION:  ", " Reason: "];
    LABELS.iter().any(|l| line.contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_runner_lines() {
        assert_eq!(classify("  1255 passing (3s)"), Class::Summary);
        assert_eq!(classify("  1 failing"), Class::Summary);
        assert_eq!(classify("      1) should not mutate the options object"), Class::Fail);
        assert_eq!(classify("      ✓ should set a cookie (5ms)"), Class::Pass);
        assert_eq!(classify("test result: FAILED. 1 passed; 1 failed"), Class::Summary);
        assert_eq!(classify("test tests::adds ... FAILED"), Class::Fail);
        assert_eq!(classify("src/a.cpp:3:1: error: boom"), Class::Error);
        assert_eq!(classify("src/a.cpp:3:1: warning: unused"), Class::Warn);
        assert_eq!(classify("/usr/include/x.h:9: note: candidate: f()"), Class::Note);
        assert_eq!(classify("081109 INFO dfs.DataNode: ok"), Class::Normal);
        assert_eq!(section_start("1 failing"), Some(usize::MAX));
        assert_eq!(classify("PASS src/a.test.ts"), Class::Pass);
        assert_eq!(classify("FAIL src/b.test.ts"), Class::Fail);
        assert_eq!(classify("FAIL"), Class::Summary);
        assert_eq!(classify("# fail 1"), Class::Summary);
        assert_eq!(classify("..FFFFFFF.....                                                           [ 23%]"), Class::Fail);
        assert_eq!(classify("tests/test_api.py .................................                      [  3%]"), Class::Pass);
        assert_eq!(classify("FAIL: test_big_unicode_encode (simplejson.tests.test_unicode.TestUnicode)"), Class::Fail);
        assert_eq!(classify("simplejson/decoder.py:111:22: E1120: No value for argument 'pos'"), Class::Error);
        assert_eq!(classify("src/jinja2/lexer.py:736:28: F632 use ==/!= to compare constant literals"), Class::Error);
        assert_eq!(classify("simplejson/__init__.py:1:0: C0114: Missing module docstring"), Class::Normal);
        assert_eq!(classify("lib/base64-vlq.js:85:8: 'shiftd' is not defined. [Error/no-undef]"), Class::Error);
        assert!(is_continuation("53 |         a - a;") && is_continuation("> 12 | foo()") && !is_continuation("53 apples"));
        assert_eq!(classify("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6"), Class::Error);
        assert_eq!(classify("03-17 16:13:38.811  1702  2395 W WindowManager: slow"), Class::Warn);
        assert_eq!(classify("2016-09-28 04:30:30, Info CBS Loaded Servicing Stack"), Class::Normal);
        assert_eq!(classify("src/a.ts(12,5): error TS2322: Type 'string' is not assignable"), Class::Error);
        assert_eq!(classify("  12:5  error  'x' is defined but never used  no-unused-vars"), Class::Error);
        assert_eq!(classify("  3:1  warning  Unexpected console statement  no-console"), Class::Warn);
    }
}
