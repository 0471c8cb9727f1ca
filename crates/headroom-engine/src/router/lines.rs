//! Line-oriented formats, told apart by the share of sampled lines that fit each shape.

use super::{ContentKind, Detection, Sample};

/// `npm ls`, `tree`, `ls -laR` and `find` output.
pub(super) fn listing(s: &Sample) -> Option<Detection> {
    let tree = s.share(|l| ["├─", "└─", "│ ", "|-- ", "`-- "].iter().any(|m| l.contains(m)));
    if tree >= 0.5 {
        return Some(Detection::new(ContentKind::Listing, 0.6 + 0.38 * tree, format!("{:.0}% of lines are tree branches", tree * 100.0)));
    }
    let ls = s.share(|l| is_ls_long_line(l) || is_ls_total(l) || (l.ends_with(':') && !l.contains(' ')));
    if ls >= 0.6 {
        return Some(Detection::new(ContentKind::Listing, 0.5 + 0.45 * ls, format!("{:.0}% of lines are `ls -l` entries or headings", ls * 100.0)));
    }
    let paths = s.share(|l| (l.starts_with("./") || l.starts_with('/')) && !l.contains(": ") && path_line(l).is_none());
    if s.lines.len() >= 5 && paths >= 0.9 {
        return Some(Detection::new(ContentKind::Listing, 0.75, "one path per line (`find`-style)"));
    }
    None
}

fn is_ls_long_line(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() > 11
        && matches!(b[0], b'-' | b'd' | b'l' | b'c' | b'b' | b'p' | b's')
        && b[1..10].iter().all(|c| matches!(c, b'r' | b'w' | b'x' | b'-' | b's' | b'S' | b't' | b'T'))
}

fn is_ls_total(l: &str) -> bool {
    l.strip_prefix("total ").is_some_and(|n| n.trim().bytes().all(|b| b.is_ascii_digit() || b == b'.' || b.is_ascii_alphabetic()))
}

/// `path:line:` prefix (grep -n, compilers): returns the end of the line number, if any. Paths may
/// contain `:` (Windows drives, odd file names), so every `:` is tried. One pass: a minified JSON
/// document is one long line with a `:` per member, and rescanning the prefix at each made detection
/// quadratic (a 19 KB array took a millisecond here).
pub(crate) fn path_line(l: &str) -> Option<usize> {
    let bytes = l.as_bytes();
    // Whether a `/`, `\` or `.` stands before the current byte: a path names a directory or an
    // extension, which `2026-11-21T10:00` does not.
    let mut pathy = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            // A space before the `:` means prose or a timestamp (`17/06/09 20:10:40`), not a path.
            b' ' => return None,
            b'\t' | b':' if i == 0 => return None,
            b':' if pathy => {
                let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits > 0 && matches!(bytes.get(i + 1 + digits), Some(b':') | Some(b'-')) {
                    return Some(i + 1 + digits);
                }
            }
            b'/' | b'\\' | b'.' => pathy = true,
            _ => {}
        }
    }
    None
}

const DIAGNOSTIC_WORDS: [&str; 5] = [" error:", " warning:", " note:", " fatal error:", " error TS"];

/// Compiler and linter diagnostics in the shapes the common tools print: `path:line:col: error:` (gcc,
/// clang, go, javac), `path(line,col): error TS…` (tsc), rustc's `error[E0308]:` headed blocks with
/// ` --> path:line:col`, eslint's `  12:5  error  …` rows, shellcheck's `In path line N:`. They quote
/// source lines, so they must outscore the code detector on the same text.
pub(super) fn diagnostics(s: &Sample) -> Option<Detection> {
    let located = s.lines.iter().filter(|l| path_line(l).is_some()).count();
    let count = s.lines.iter().filter(|l| is_diagnostic(l)).count();
    if count == 0 {
        return None;
    }
    let share = count as f32 / s.lines.len() as f32;
    // grep output that happens to match `error:` in a few lines is still grep output.
    if located > 0 && count * 5 < located {
        return None;
    }
    if count < 2 && share < 0.2 {
        return None;
    }
    let confidence = 0.72 + 0.26 * (share * 4.0).min(1.0);
    Some(Detection::new(ContentKind::Log, confidence, format!("{count} compiler or linter diagnostics")))
}

fn is_diagnostic(l: &str) -> bool {
    if let Some(end) = path_line(l) {
        if DIAGNOSTIC_WORDS.iter().any(|w| l.contains(w))
            || has_lint_code(&l[end..])
            || l.ends_with(']') && (l.contains(" [Error/") || l.contains(" [Warning/"))
        {
            return true;
        }
    }
    let t = l.trim_start();
    let rustc = (t.starts_with("error[E") || t.starts_with("warning[") || t.starts_with("error: ") || t.starts_with("warning: ")) && t.len() < 400;
    let arrow = t.starts_with("--> ") && t[4..].contains(':');
    let tsc = l.contains("): error TS") || l.contains("): warning ") || l.contains("): error ");
    let lint_row = {
        // `  12:5  error  message  rule` (eslint stylish), `  3:1  warning …`
        let mut parts = t.split_whitespace();
        parts.next().is_some_and(|p| {
            p.split_once(':')
                .is_some_and(|(a, b)| !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit()))
        }) && matches!(parts.next(), Some("error") | Some("warning"))
    };
    let shellcheck = t.starts_with("In ") && t.contains(" line ") && t.ends_with(':');
    rustc || arrow || tsc || lint_row || shellcheck
}

/// A linter's rule code right after the location (`:22: E1120:`, `:28: F632 `): pylint, flake8, ruff.
fn has_lint_code(after_line: &str) -> bool {
    let rest = after_line.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit());
    rest.split_whitespace().next().is_some_and(headroom_text::is_lint_code)
}

/// grep/ripgrep results: `path:line:` lines, or ripgrep's heading layout.
pub(super) fn search(s: &Sample) -> Option<Detection> {
    let located = s.lines.iter().filter(|l| path_line(l).is_some()).count();
    let share = located as f32 / s.lines.len().max(1) as f32;
    if share >= 0.6 {
        return Some(Detection::new(ContentKind::Search, 0.5 + 0.45 * share, format!("{:.0}% of lines are `path:line:` matches", share * 100.0)));
    }
    // ripgrep's default (heading) layout: a path line, then `N:` / `N-` lines.
    let numbered = s.share(|l| {
        let d = l.bytes().take_while(|b| b.is_ascii_digit()).count();
        d > 0 && matches!(l.as_bytes().get(d), Some(b':') | Some(b'-'))
    });
    if numbered >= 0.5 && s.lines.iter().any(|l| l.contains('/') && !l.contains(' ')) {
        return Some(Detection::new(ContentKind::Search, 0.5 + 0.4 * numbered, "ripgrep heading layout: file lines followed by numbered matches"));
    }
    None
}

/// Test-runner output: pass/fail marks, TAP (`ok 3 - name`, `not ok`, `# tests 12`), runner summaries.
/// TAP's `#` lines would otherwise read as markdown headings.
pub(super) fn test_output(s: &Sample) -> Option<Detection> {
    const TEST_MARKS: [&str; 20] = [
        "✓",
        "✔",
        "✗",
        "✘",
        "✕",
        " passing (",
        " failing",
        "PASS ",
        "FAIL ",
        "--- FAIL",
        "--- PASS",
        "=== RUN",
        "test result:",
        "Tests run:",
        "npm ERR!",
        "Traceback (most recent call last)",
        "TAP version",
        "# Subtest:",
        " PASSED",
        " FAILED",
    ];
    let tap = |l: &str| {
        let t = l.trim_start();
        let rest = t.strip_prefix("not ok ").or_else(|| t.strip_prefix("ok "));
        rest.is_some_and(|r| r.bytes().next().is_some_and(|b| b.is_ascii_digit()))
    };
    // pytest's progress lines end in `[ 23%]`.
    let progress = |l: &str| l.trim_end().ends_with("%]") && l.contains(" [");
    let marks = s
        .lines
        .iter()
        .filter(|l| tap(l) || progress(l) || TEST_MARKS.iter().any(|m| l.contains(m)) || l.ends_with(" ... ok") || l.ends_with(" ... FAILED"))
        .count();
    if marks < 3 {
        return None;
    }
    let share = marks as f32 / s.lines.len() as f32;
    Some(Detection::new(ContentKind::Log, 0.7 + 0.25 * (share * 3.0).min(1.0), format!("{marks} test-runner or build-tool lines")))
}

/// Logs: timestamps and level words.
pub(super) fn log(s: &Sample) -> Option<Detection> {
    let stamped = s.share(|l| has_leading_timestamp(l) || has_level_word(l) || has_tool_level(l) || is_access_log(l) || has_early_clock(l));
    if stamped >= 0.4 {
        return Some(Detection::new(ContentKind::Log, 0.5 + 0.45 * stamped, format!("{:.0}% of lines carry a timestamp or log level", stamped * 100.0)));
    }
    None
}

/// Common/combined access-log lines (nginx, Apache, most HTTP servers): `host ident user [date] "request" status bytes`.
fn is_access_log(l: &str) -> bool {
    let Some(open) = l.find(" [") else {
        return false;
    };
    if open > 80 {
        return false;
    }
    let rest = &l[open + 2..];
    let Some(close) = rest.find("] \"") else {
        return false;
    };
    let date = &rest[..close];
    date.len() >= 20 && date.bytes().filter(|b| b.is_ascii_digit()).count() >= 8 && date.contains(':')
}

/// A tool's own log prefix and level, lower-case: npm's `npm http fetch …`, `npm warn …`, `npm verbose …`.
fn has_tool_level(l: &str) -> bool {
    const LEVELS: [&str; 12] = ["info", "warn", "warning", "error", "err!", "http", "verbose", "verb", "silly", "sill", "timing", "notice"];
    let mut words = l.split_whitespace();
    let tool = words.next().is_some_and(|w| w.len() <= 10 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    tool && words.next().is_some_and(|w| LEVELS.contains(&w.to_ascii_lowercase().as_str()))
}

fn has_level_word(l: &str) -> bool {
    const LEVELS: [&str; 7] = ["INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL", "WARNING"];
    l.split(|c: char| !c.is_ascii_alphabetic()).take(12).any(|w| LEVELS.contains(&w))
}

/// A wall-clock time (`hh:mm:ss`) among the first bytes of the line, after a pid, a date in any order or
/// a bracket: nginx's `2026/12/02 02:45:25`, redis's `27853:C 02 Dec 2026 02:47:56.024`, strace's
/// `5141  02:49:50.561538`, Apache's `[Sun Dec 04 04:47:44 2005]`. Source code and prose almost never
/// open a line with one.
fn has_early_clock(l: &str) -> bool {
    let b = &l.as_bytes()[..l.len().min(40)];
    b.windows(8).any(|w| {
        let d = |i: usize| w[i].is_ascii_digit();
        d(0) && d(1) && w[2] == b':' && d(3) && d(4) && w[5] == b':' && d(6) && d(7)
    })
}

/// ISO dates, `yy/mm/dd hh:mm:ss`, HDFS's `yymmdd hhmmss`, syslog's `Mon dd hh:mm:ss`, optionally
/// inside `[`.
fn has_leading_timestamp(l: &str) -> bool {
    let b = l.trim_start_matches('[').as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let iso = digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10);
    let slashed = digits(0..2) && at(2, b'/') && digits(3..5) && at(5, b'/') && digits(6..8) && at(8, b' ');
    let compact = digits(0..6) && at(6, b' ') && digits(7..13) && at(13, b' ');
    let syslog = b.len() > 15 && b[0].is_ascii_uppercase() && b[1..3].iter().all(u8::is_ascii_lowercase) && at(3, b' ') && at(9, b':') && at(12, b':');
    let clock = digits(0..2) && at(2, b':') && digits(3..5) && at(5, b':') && digits(6..8);
    iso || slashed || compact || syslog || clock
}

/// CSV, TSV, markdown and column-aligned tables (psql, `ps`, `df`, package lists), recognised by the
/// table compressor's own parser so detection and compression agree on what a row is.
pub(super) fn table(s: &Sample) -> Option<Detection> {
    let t = headroom_json::sniff_table(s.head)?;
    Some(Detection::new(ContentKind::Table, t.confidence, t.reason))
}
