//! Line-oriented formats, told apart by the share of sampled lines that fit each shape.

use super::{ContentKind, Detection, Sample};

/// `npm ls`, `tree`, `ls -laR` and `find` output.
pub(super) fn listing(s: &Sample) -> Option<Detection> {
    let tree = s.share(|l| ["├─", "└─", "│ ", "|-- ", "`-- "].iter().any(|m| l.contains(m)));
    if tree >= 0.5 {
        return Some(Detection::new(ContentKind::Listing, 0.95, format!("{:.0}% of lines are tree branches", tree * 100.0)));
    }
    let ls = s.share(|l| is_ls_long_line(l) || is_ls_total(l) || (l.ends_with(':') && !l.contains(' ')));
    if ls >= 0.6 {
        return Some(Detection::new(ContentKind::Listing, 0.9, format!("{:.0}% of lines are `ls -l` entries or headings", ls * 100.0)));
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
/// contain `:` (Windows drives, odd file names), so every `:` is tried.
pub(crate) fn path_line(l: &str) -> Option<usize> {
    if l.starts_with(' ') || l.starts_with('\t') {
        return None;
    }
    let bytes = l.as_bytes();
    for (i, _) in l.match_indices(':') {
        // A space before the `:` means prose or a timestamp (`17/06/09 20:10:40`), not a path; a path
        // names a directory or an extension, which `2026-11-21T10:00` does not.
        if i == 0 || bytes[..i].contains(&b' ') {
            return None;
        }
        if !bytes[..i].iter().any(|b| matches!(b, b'/' | b'\\' | b'.')) {
            continue;
        }
        let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && matches!(bytes.get(i + 1 + digits), Some(b':') | Some(b'-')) {
            return Some(i + 1 + digits);
        }
    }
    None
}

const DIAGNOSTIC_WORDS: [&str; 5] = [" error:", " warning:", " note:", " fatal error:", " error TS"];

/// grep/ripgrep results, unless the `path:line:` lines are compiler diagnostics (then it is build
/// output, which the log compressor handles).
pub(super) fn search_or_diagnostics(s: &Sample) -> Option<Detection> {
    let located: Vec<&&str> = s.lines.iter().filter(|l| path_line(l).is_some()).collect();
    let diagnostics = located.iter().filter(|l| DIAGNOSTIC_WORDS.iter().any(|w| l.contains(w))).count();
    if diagnostics > 0 && diagnostics * 5 >= located.len() {
        return Some(Detection::new(ContentKind::Log, 0.85, format!("{diagnostics} compiler diagnostics (`path:line:col: error:`)")));
    }
    let share = located.len() as f32 / s.lines.len().max(1) as f32;
    if share >= 0.6 {
        return Some(Detection::new(ContentKind::Search, 0.9, format!("{:.0}% of lines are `path:line:` matches", share * 100.0)));
    }
    // ripgrep's default (heading) layout: a path line, then `N:` / `N-` lines.
    let numbered = s.share(|l| {
        let d = l.bytes().take_while(|b| b.is_ascii_digit()).count();
        d > 0 && matches!(l.as_bytes().get(d), Some(b':') | Some(b'-'))
    });
    if numbered >= 0.5 && s.lines.iter().any(|l| l.contains('/') && !l.contains(' ')) {
        return Some(Detection::new(ContentKind::Search, 0.8, "ripgrep heading layout: file lines followed by numbered matches"));
    }
    None
}

/// Logs and build/test output: timestamps, level words, test-runner marks.
pub(super) fn log(s: &Sample) -> Option<Detection> {
    let stamped = s.share(|l| has_leading_timestamp(l) || has_level_word(l));
    if stamped >= 0.4 {
        return Some(Detection::new(ContentKind::Log, 0.9, format!("{:.0}% of lines carry a timestamp or log level", stamped * 100.0)));
    }
    const TEST_MARKS: [&str; 14] = ["✓", "✔", "✗", "✘", " passing (", " failing", "PASS ", "FAIL ", "--- FAIL", "=== RUN", "test result:", "Tests run:", "npm ERR!", "Traceback (most recent call last)"];
    let marks = s.lines.iter().filter(|l| TEST_MARKS.iter().any(|m| l.contains(m))).count();
    if marks >= 3 {
        return Some(Detection::new(ContentKind::Log, 0.8, format!("{marks} test-runner or build-tool lines")));
    }
    None
}

fn has_level_word(l: &str) -> bool {
    const LEVELS: [&str; 7] = ["INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL", "WARNING"];
    l.split(|c: char| !c.is_ascii_alphabetic()).take(12).any(|w| LEVELS.contains(&w))
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

/// CSV, TSV and markdown tables: a consistent column count over the sample.
pub(super) fn table(s: &Sample) -> Option<Detection> {
    if s.lines.len() < 3 {
        return None;
    }
    let md_rows = s.share(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('|'));
    let md_separator = s.lines.iter().any(|l| l.trim_start().starts_with('|') && l.contains("---"));
    if md_rows >= 0.8 && md_separator {
        return Some(Detection::new(ContentKind::Table, 0.95, "markdown table rows with a --- separator"));
    }
    for (sep, name) in [('\t', "TSV"), (',', "CSV")] {
        let first = s.lines[0].matches(sep).count();
        if first == 0 {
            continue;
        }
        let same = s.share(|l| l.matches(sep).count() == first);
        if same >= 0.9 {
            return Some(Detection::new(ContentKind::Table, 0.85, format!("{name}: {} columns on {:.0}% of lines", first + 1, same * 100.0)));
        }
    }
    None
}
