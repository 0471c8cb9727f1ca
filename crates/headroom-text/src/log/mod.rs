//! Logs and build/test output. Steps: clean each line (ANSI escapes, `\r` redraws), classify it, mine
//! templates, decide what to keep, then render kept lines in order with one marker per run of dropped
//! lines (see `render.rs`). Kept: failing tests, summaries, the first occurrences of every error and
//! warning template (with their stack traces up to a bound), failure-detail sections, the first line of
//! every other template, lines naming an identifier from the question, and the line holding the largest
//! value of a measured quantity (`took 716 ms`, `2882 bytes`) in each template.

mod classify;
mod rare;
mod render;
mod template;

use crate::util;
pub use classify::is_lint_code;
pub(crate) use classify::{classify, Class};
use classify::{is_continuation, rule_of, section_start};
use headroom_marker::{Options, Outcome, Profile, Skip};
pub(crate) use rare::rare_values;
pub(crate) use render::{outliers, render};
use std::borrow::Cow;
pub(crate) use template::{is_variable, mine, Templates};

struct Budget {
    errors_per_template: usize,
    warns_per_template: usize,
    trace_lines: usize,
    section_lines: usize,
    query_lines: usize,
}

/// A file with at most this many findings keeps all its errors.
const FEW_FINDINGS: usize = 5;

/// The path a finding is located in: `src/index.ts` of `src/index.ts(11,41): error TS2345` or of
/// `src/a.py:12:5: E1120 …`.
fn finding_file(line: &str) -> &str {
    line.trim_start().split(['(', ':']).next().unwrap_or("")
}

/// Lines of one template kept for holding a word of the question.
const WORD_LINES_PER_TEMPLATE: usize = 3;
/// Lines a kept warning brings along (its location).
const WARNING_TRACE: usize = 1;

fn budget(profile: Profile) -> Budget {
    match profile {
        Profile::Aggressive => Budget { errors_per_template: 2, warns_per_template: 1, trace_lines: 20, section_lines: 80, query_lines: 50 },
        _ => Budget { errors_per_template: 5, warns_per_template: 2, trace_lines: 50, section_lines: 200, query_lines: 200 },
    }
}

pub fn compress_log(text: &str, opts: &Options) -> Outcome {
    util::precheck(text, util::MIN_LINES)?;
    if util::looks_binary(text) {
        return Err(Skip::new("binary content"));
    }
    if opts.profile == Profile::Safe {
        return dedup_only(text, opts);
    }
    let b = budget(opts.profile);
    let raw = util::split_lines(text);
    let clean: Vec<Cow<str>> = raw.iter().map(|l| util::strip_ansi(util::last_redraw(l))).collect();
    let lines: Vec<&str> = clean.iter().map(|c| c.as_ref()).collect();
    let classes: Vec<Class> = lines.iter().map(|l| classify(l)).collect();
    let templates = template::mine(&lines);
    let mut query = opts.question().clone();
    query.retain_rare_idents(&lines, (lines.len() / 100).max(20));
    // Lower-cased lines only when the question has words to look for.
    let lower: Vec<String> = if query.words.is_empty() && query.parts.is_empty() { Vec::new() } else { lines.iter().map(|l| l.to_lowercase()).collect() };
    let rare_words = query.rare_words(&lower);

    let n = lines.len();
    let passes = classes.iter().filter(|c| **c == Class::Pass).count();
    let nonblank = classes.iter().filter(|c| **c != Class::Blank).count().max(1);
    // In test-runner output the spec tree (suite names between passing tests) is noise once the
    // failures and summary are kept, so ordinary lines lose their first-occurrence right.
    let test_mode = passes >= 20 && passes * 10 >= nonblank * 3;

    let mut keep = vec![false; n];
    let mut seen = vec![0usize; templates.len()];
    // Errors and warnings are counted apart from the rest of their template: an error line that merged
    // into a mostly-INFO template (`task 6 failed` among `task 5 finished`) still gets its own quota.
    let mut seen_severe = vec![0usize; templates.len()];
    let mut note_context = false;
    let mut section_left = 0usize;
    let mut trace_left = 0usize;
    let mut query_kept = 0usize;
    let mut asked_seen = vec![0usize; templates.len()];
    let mut by_rule: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // Each line's rule code, once; and the findings (lines with one) per file, the location's path.
    let rules: Vec<Option<&str>> = lines.iter().map(|l| rule_of(l)).collect();
    let mut per_file: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (l, r) in lines.iter().zip(&rules) {
        if r.is_some() {
            *per_file.entry(finding_file(l)).or_default() += 1;
        }
    }
    let findings_in = |l: &str| per_file.get(finding_file(l)).copied();
    for i in 0..n {
        let class = classes[i];
        let g = templates.group_of[i];
        let first = g != usize::MAX && seen[g] == 0;
        if g != usize::MAX {
            seen[g] += 1;
            if matches!(class, Class::Error | Class::Warn) {
                seen_severe[g] += 1;
            }
        }
        let line = lines[i];
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if class == Class::Note {
            note_context = true;
        } else if !(indented && class != Class::Blank) {
            note_context = false;
        }
        // A linter's or compiler's findings group by rule, not by message text (each names its own
        // variable); the errors of a file with only a few findings all stay, so the user's own file is
        // not crowded out by hundreds of the same rule in a vendored one.
        let rule_seen = rules[i].map(|r| {
            let c = by_rule.entry(r).or_default();
            *c += 1;
            if class == Class::Error && findings_in(line).is_some_and(|n| n <= FEW_FINDINGS) {
                1
            } else {
                *c
            }
        });
        let severe_seen = rule_seen.unwrap_or(if g != usize::MAX { seen_severe[g] } else { usize::MAX });
        let mut k = match class {
            Class::Fail | Class::Summary | Class::ErrorContext => true,
            Class::Error => severe_seen <= b.errors_per_template,
            Class::Warn => severe_seen <= b.warns_per_template,
            Class::Pass | Class::Note | Class::Blank => false,
            Class::Normal if rule_seen.is_some() => severe_seen <= b.warns_per_template,
            // Indented excerpts and frames belong to the line above them: kept with a kept error's
            // trace, not for being new (every source excerpt in a lint run is).
            Class::Normal => first && !test_mode && !note_context && !is_continuation(line),
        };
        if section_left > 0 {
            section_left -= 1;
            // A passing suite after a failure block (jest) is not part of the failure details.
            k |= class != Class::Pass;
        }
        if trace_left > 0 {
            if continues_trace(&lines, i) && class != Class::Pass {
                trace_left -= 1;
                k = true;
            } else {
                trace_left = 0;
            }
        }
        // A word of the question keeps a few lines of each template it occurs in (the template then
        // counts the rest), passing tests aside; an identifier keeps every line it is on.
        let worded = g != usize::MAX && class != Class::Pass && asked_seen[g] < WORD_LINES_PER_TEMPLATE && rare_words.iter().any(|w| lower[i].contains(w));
        if !k && query_kept < b.query_lines && (query.hits_ident(line) || worded) {
            query_kept += 1;
            if worded {
                asked_seen[g] += 1;
            }
            k = true;
        }
        // A warning keeps its location (`--> src/x.rs:4:5`), not its source excerpt and hints: lint runs
        // print hundreds, and the excerpts would outweigh everything else.
        if k && matches!(class, Class::Error | Class::Fail) {
            trace_left = b.trace_lines;
        } else if k && class == Class::Warn {
            trace_left = WARNING_TRACE;
        }
        if let Some(len) = section_start(line.trim()) {
            section_left = len.min(b.section_lines);
            k = true;
        }
        if class == Class::Blank && i > 0 && keep[i - 1] {
            k = true;
        }
        keep[i] = k;
    }
    for i in render::outliers(&lines, &templates).into_iter().chain(rare::rare_values(&lines, &templates)) {
        keep[i] = true;
    }
    // The last occurrence of every template too (outside test output): "when did it last happen" and
    // "what was the final value" are as common as "when did it start".
    if !test_mode {
        let mut last = vec![usize::MAX; templates.len()];
        for (i, &g) in templates.group_of.iter().enumerate() {
            // Timestamped records only (a digit in the first two tokens, not indented): in build output the
            // repeats are candidate lists and source excerpts, whose last copy says nothing new.
            let stamped = lines[i].split_whitespace().take(2).any(template::is_variable) && !lines[i].starts_with([' ', '\t']);
            if g != usize::MAX && stamped && templates.counts[g] >= 3 && classes[i] != Class::Pass && classes[i] != Class::Note {
                last[g] = i;
            }
        }
        for i in last.into_iter().filter(|&i| i != usize::MAX) {
            keep[i] = true;
        }
    }
    keep_preceding_output(&lines, &classes, &mut keep);
    if test_mode {
        keep_ancestors(&lines, &classes, &mut keep);
    }
    // Ordinary lines may be cut when huge (a minified payload logged at INFO); errors, failures, summaries
    // and query hits never are.
    let cuttable: Vec<bool> = (0..n).map(|i| classes[i] == Class::Normal && !query.hits_ident(lines[i])).collect();
    render::render(text, opts, &lines, &keep, &cuttable, &templates, if test_mode { "log:tests" } else { "log:templates" })
}

/// The safe profile's only step: byte-identical consecutive lines collapse into one marker with their
/// count; every line is otherwise passed through as printed (no ANSI stripping, no templates dropped).
pub(crate) fn dedup_only(text: &str, opts: &Options) -> Outcome {
    let raw = util::split_lines(text);
    let keep: Vec<bool> = (0..raw.len()).map(|i| i == 0 || raw[i] != raw[i - 1]).collect();
    if keep.iter().all(|k| *k) {
        return Err(Skip::new("safe profile: no repeated lines to collapse"));
    }
    let templates = template::mine(&raw);
    let cuttable = vec![false; raw.len()];
    render::render(text, opts, &raw, &keep, &cuttable, &templates, "log:dedup")
}

/// Whether line `i` still belongs to the error trace above it: a continuation line; a blank line
/// between two parts of one trace (Go's `panic:` block, then `goroutine N [running]:`; testify's
/// indented `Error:` / `Input:` sections); or an unindented frame whose indented location follows (Go
/// prints `pkg.func(...)` then `\t/path/file.go:818 +0xa29`).
pub(crate) fn continues_trace(lines: &[&str], i: usize) -> bool {
    let next_continues = lines.get(i + 1).is_some_and(|n| is_continuation(n));
    if lines[i].trim().is_empty() {
        return next_continues;
    }
    is_continuation(lines[i]) || (lines.get(i + 1).is_some_and(|n| n.starts_with('\t')) && !lines[i].starts_with(' '))
}

/// `go test -v` prints a failing test's messages (indented) *before* its `--- FAIL` line, after its
/// `=== RUN` line: keep them (bounded) so the assertion message is never dropped.
fn keep_preceding_output(lines: &[&str], classes: &[Class], keep: &mut [bool]) {
    for i in 0..lines.len() {
        if classes[i] != Class::Fail {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < 30 {
            j -= 1;
            let l = lines[j];
            if l.starts_with("=== RUN") || l.starts_with("=== CONT") {
                keep[j] = true;
                break;
            }
            if !(l.starts_with(' ') || l.starts_with('\t')) || classes[j] == Class::Pass || classes[j] == Class::Blank {
                break;
            }
            keep[j] = true;
        }
    }
}

/// Keeps the suite headers above each failing test (the lines with less indentation), so the failure
/// reads as `suite › test`. Bounded walk, no recursion.
fn keep_ancestors(lines: &[&str], classes: &[Class], keep: &mut [bool]) {
    for i in 0..lines.len() {
        if classes[i] != Class::Fail {
            continue;
        }
        let mut depth = indent(lines[i]);
        let mut j = i;
        let mut found = 0;
        while j > 0 && depth > 0 && found < 6 && i - j < 400 {
            j -= 1;
            if classes[j] == Class::Blank {
                continue;
            }
            let d = indent(lines[j]);
            if d < depth {
                keep[j] = true;
                depth = d;
                found += 1;
            }
        }
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}
