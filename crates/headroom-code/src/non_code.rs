//! Lines that only tool output and documents have: compiler and linter diagnostics, test-runner
//! reports, reStructuredText and Markdown structure. They carry code-looking fragments (a type in a
//! tsc message, `std::` in a g++ note, a `def` line in a pytest traceback, Python in a `.. code-block::`)
//! that would otherwise vote for a language; `detect` lets such lines not vote, and gives up when they
//! are a large part of the text.

/// True when `line` (untrimmed) is a diagnostic, test-report or document-structure line. `prev` is the
/// previous line, for reStructuredText title underlines. Document structure counts only at column 0:
/// indented, it is a docstring's (`Parameters` over `----------`, `.. note::`) inside real code.
pub(crate) fn is_non_code(line: &str, prev: &str) -> bool {
    let l = line.trim();
    diagnostic(l)
        || test_report(l)
        || (line.len() == line.trim_start().len() && document(l, prev.trim()))
}

/// True when `line` is a compiler diagnostic or a test-runner line: what build and test logs are made of.
/// Document structure does not count here, because real modules open with long docstrings.
pub(crate) fn is_tool_line(line: &str) -> bool {
    let l = line.trim();
    diagnostic(l) || test_report(l)
}

/// `path:12:5: error: …`, `path:12: warning: …`, `file.ts(12,5): error TS2322: …`, and what g++ and
/// clang print around them (include chains, `required from here`, the `12 |` source excerpt rows).
fn diagnostic(l: &str) -> bool {
    const KINDS: &[&str] = &[
        "error",
        "fatal error",
        "warning",
        "note",
        "In function",
        "In member function",
        "In instantiation",
        "In substitution",
        "required from",
        "At global scope",
    ];
    let located = |rest: &str| KINDS.iter().any(|k| rest.trim_start().starts_with(k));
    // `path:line[:col]: kind`, or `path: In function …`; the path has no spaces.
    let colon_form = l.split_once(": ").is_some_and(|(head, rest)| {
        let (path, pos) = head.split_once(':').unwrap_or((head, ""));
        let numeric = !pos.is_empty()
            && pos
                .split(':')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        !path.is_empty()
            && !path.contains(' ')
            && located(rest)
            && (numeric || rest.trim_start().starts_with("In "))
    });
    // `file.ts(12,5): error TS…`
    let paren_form = l.split_once("): ").is_some_and(|(head, rest)| {
        head.split_once('(').is_some_and(|(path, pos)| {
            !path.contains(' ') && pos.bytes().all(|b| b.is_ascii_digit() || b == b',')
        }) && located(rest)
    });
    let excerpt = l
        .split_once(" |")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    colon_form
        || paren_form
        || excerpt
        || l.starts_with("In file included from ")
        || l.contains(":   required from ")
}

/// pytest, go test, cargo test, mocha/jest lines.
fn test_report(l: &str) -> bool {
    let banner = |c: char| l.len() >= 10 && l.starts_with(c) && l.ends_with(c) && l.contains(' ');
    let progress = l
        .rsplit_once(" [")
        .is_some_and(|(_, pct)| pct.trim_end_matches(']').trim().ends_with('%'));
    banner('=')
        || banner('_')
        || progress
        || l.starts_with("FAILED ")
        || l.starts_with("PASSED ")
        || l.starts_with("ERROR ")
        || l.starts_with("E   ")
        || l.starts_with("collected ") && l.ends_with(" items")
        || l.starts_with("rootdir: ")
        || l.starts_with("platform ") && l.contains("pytest")
        || l.starts_with("--- FAIL: ")
        || l.starts_with("--- PASS: ")
        || l.starts_with("=== RUN ")
        || l.starts_with("test ") && (l.ends_with(" ... ok") || l.ends_with(" ... FAILED"))
        || l.starts_with("test result: ")
        || l.starts_with('✓')
        || l.starts_with('✔')
        || l.starts_with('✗')
        || l.ends_with(" passing") && l.contains('(')
}

/// reStructuredText directives (`.. code-block:: python`), targets (`.. _label:`), field lists
/// (`:Author: …`), RFC 822 style headers of PEPs (`Title: …`), title underlines, Markdown fences.
fn document(l: &str, prev: &str) -> bool {
    let directive =
        l.starts_with(".. ") && (l.contains(":: ") || l.ends_with("::") || l.starts_with(".. _"));
    let field = l.starts_with(':')
        && l[1..].split_once(": ").is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        });
    let header = l.split_once(": ").is_some_and(|(name, value)| {
        name.len() >= 3
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            && !value.is_empty()
            && !value.ends_with([';', '{', ',', '('])
    });
    let underline = l.len() >= 4
        && l.chars().all(|c| c == l.chars().next().unwrap_or(' '))
        && l.starts_with(['=', '-', '~', '^', '*', '+', '"'])
        && !prev.is_empty()
        && prev.len() <= l.len();
    directive || field || header || underline || l.starts_with("```")
}

#[cfg(test)]
mod tests {
    use super::is_non_code;

    #[test]
    fn diagnostics_reports_and_document_structure_are_not_code() {
        for line in [
            "bad.c:8:18: error: expected ‘;’ before ‘p’",
            "bad.ts(9,14): error TS2322: Type 'string' is not assignable to type 'number'.",
            "   10 |     return undeclared_total + n;",
            "FAILED test_pool.py::test_timeout_default - assert 30 == 60",
            "=========================== short test summary info ============================",
            ".. code-block:: python",
            ":Author: A. M. Kuchling",
            "Title: Marking Python base environments as “externally managed”",
        ] {
            assert!(is_non_code(line, ""), "{line}");
        }
        assert!(is_non_code("^^^^^^^^^^^^^^^^", "List objects"));
    }

    #[test]
    fn code_lines_are_code() {
        for line in [
            "std::map<std::string, int> m;",
            "    x: number;",
            "def take(pool, n):",
            "    .. code-block:: python",
            "case 'a': return 1;",
            "default: break;",
            "Foo::Bar(baz);",
            "label: for (;;) {",
        ] {
            assert!(!is_non_code(line, "x = 1;"), "{line}");
        }
    }
}
