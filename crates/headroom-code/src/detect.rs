//! Cheap language detection from text alone (no parsing): shebangs and line-start keywords that only one
//! language uses. It answers `None` when unsure, because a wrong guess makes the fold fail to parse and
//! the block pass through anyway — guessing costs a parse and buys nothing.

use crate::non_code::{is_non_code, is_tool_line};
use crate::Language;

/// How many lines are sampled: enough to see past a licence header, cheap on megabyte inputs.
const SAMPLE_LINES: usize = 400;
/// Text with at least this many diagnostic, test-report or document-structure lines, and at least as
/// many of them as code-looking ones, is not source code.
const MIN_NON_CODE_LINES: usize = 3;
/// The winner needs this many points and a clear lead over the runner-up.
const MIN_SCORE: u32 = 3;

pub fn detect_language(text: &str) -> Option<Language> {
    let first = text.lines().next().unwrap_or("");
    if let Some(lang) = shebang(first) {
        return Some(lang);
    }
    let Sample {
        mut scores,
        voting,
        non_code,
        ..
    } = sample(text);
    // Diagnostics quoting code, a test report with tracebacks, a document with code examples.
    if non_code >= MIN_NON_CODE_LINES && non_code >= voting {
        return None;
    }
    // TypeScript is JavaScript plus types: JS-looking lines count for TS once TS-only syntax shows up.
    let (js, ts) = (index(Language::JavaScript), index(Language::TypeScript));
    if scores[ts] >= 2 {
        scores[ts] += scores[js];
        scores[js] = 0;
    }
    // C++ is C plus classes and templates: once C++-only syntax shows up, the shared lines count for it.
    let (c, cpp) = (index(Language::C), index(Language::Cpp));
    if scores[cpp] >= 2 {
        scores[cpp] += scores[c];
        scores[c] = 0;
    }
    let mut ranked: Vec<(u32, Language)> = Language::ALL
        .iter()
        .map(|&l| (scores[index(l)], l))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, lang) = ranked[0];
    let second = ranked[1].0;
    (best >= MIN_SCORE && best > second * 2).then_some(lang)
}

struct Sample {
    /// Points per language, in `Language::ALL` order.
    scores: [u32; Language::ALL.len()],
    /// Lines that voted for some language.
    voting: usize,
    /// Diagnostic, test-report and document-structure lines.
    non_code: usize,
    /// Of those, diagnostic and test-report lines.
    tool: usize,
}

fn sample(text: &str) -> Sample {
    let mut scores = [0u32; Language::ALL.len()];
    let (mut non_code, mut tool, mut voting, mut prev) = (0usize, 0usize, 0usize, "");
    for line in text.lines().take(SAMPLE_LINES) {
        let l = line.trim_start();
        if is_non_code(line, prev) {
            non_code += 1;
            tool += usize::from(is_tool_line(line));
        } else {
            let votes = line_votes(l, line.len() - l.len());
            voting += usize::from(!votes.is_empty());
            for (lang, points) in votes {
                scores[index(lang)] += points;
            }
        }
        prev = line;
    }
    Sample {
        scores,
        voting,
        non_code,
        tool,
    }
}

/// True when the first lines of `text` are mostly compiler diagnostics, test-runner output or document
/// structure: such text is not parsed as code even when a caller names a language, because a grammar
/// spends most of its time recovering from errors on it (an 18 KB compiler log costs ~100 ms as
/// TypeScript) only to be rejected.
pub(crate) fn is_tool_output(text: &str) -> bool {
    let s = sample(text);
    s.tool >= MIN_NON_CODE_LINES && s.tool >= s.voting
}

fn index(lang: Language) -> usize {
    Language::ALL.iter().position(|&l| l == lang).unwrap_or(0)
}

fn shebang(first: &str) -> Option<Language> {
    if first.starts_with("<?php") {
        return Some(Language::Php);
    }
    if !first.starts_with("#!") {
        return None;
    }
    if first.contains("python") {
        Some(Language::Python)
    } else if first.contains("ruby") {
        Some(Language::Ruby)
    } else if first.contains("perl") {
        Some(Language::Perl)
    } else if first.contains("lua") {
        Some(Language::Lua)
    } else if first.contains("php") {
        Some(Language::Php)
    } else if ["/sh", "bash", "/dash", "/ksh", " sh"]
        .iter()
        .any(|s| first.contains(s))
    {
        Some(Language::Bash)
    } else if first.contains("node") || first.contains("deno") || first.contains("bun") {
        Some(Language::JavaScript)
    } else if first.contains("ts-node") || first.contains("tsx") {
        Some(Language::TypeScript)
    } else {
        None
    }
}

/// Points a single (left-trimmed) line gives each language. `indent` helps tell Python's `def` inside a
/// class from nothing at all; every rule is a line *start*, so prose mentioning a keyword does not vote.
fn line_votes(l: &str, indent: usize) -> Vec<(Language, u32)> {
    use Language::*;
    let mut v = Vec::new();
    let starts = |p: &str| l.starts_with(p);
    if starts("package ") && l.contains("::") {
        v.push((Perl, 3));
    } else if starts("package ") && l.trim_end().ends_with(';') {
        v.push((Java, 3));
    } else if starts("package ") {
        v.push((Go, 3));
    }
    if starts("func ") || starts("import (") {
        v.push((Go, 3));
    }
    if (starts("def ") || starts("async def ") || starts("class ")) && l.trim_end().ends_with(':') {
        v.push((Python, 3));
    }
    if starts("from ") && l.contains(" import ")
        || (starts("import ")
            && indent == 0
            && !l.contains(';')
            && !l.contains(" from ")
            && !l.contains('"')
            && !l.contains('\'')
            && !l.contains('('))
    {
        v.push((Python, 2));
    }
    if starts("if __name__ ==") || starts("elif ") && l.trim_end().ends_with(':') || starts("self.")
    {
        v.push((Python, 3));
    }
    if starts("fn ")
        || starts("pub fn ")
        || starts("pub(crate) ")
        || starts("impl ")
        || starts("impl<")
        || starts("use ") && l.contains("::") && l[4..].starts_with(|c: char| c.is_lowercase())
        || starts("#[")
        || starts("let mut ")
        || starts("mod ") && l.ends_with(';')
        || starts("pub struct ")
        || starts("pub enum ")
    {
        v.push((Rust, 3));
    }
    if starts("#include") || starts("#define ") || starts("#ifndef ") || starts("#pragma ") {
        v.push((C, 1));
    }
    if starts("namespace ") && !l.contains('\\')
        || starts("template<")
        || starts("template <")
        || starts("std::")
        || l.contains("std::")
        || starts("#include <iostream>")
        || starts("using namespace")
        || starts("class ") && l.ends_with('{') && !l.contains("extends")
        || matches!(l.trim_end(), "public:" | "private:" | "protected:")
        || starts("virtual ")
        || starts("explicit ")
        || starts("constexpr ")
        || l.contains("static_cast<")
        || l.contains("nullptr")
    {
        v.push((Cpp, 2));
    }
    if starts("typedef struct")
        || starts("static int ")
        || starts("static void ")
        || starts("int main(")
    {
        v.push((C, 2));
    }
    if starts("public class ")
        || starts("public final class ")
        || starts("public interface ")
        || starts("public abstract class ")
        || starts("@Override")
        || starts("import java.")
        || starts("private static final ")
    {
        v.push((Java, 3));
    }
    if starts("import ") && (l.contains(" from '") || l.contains(" from \""))
        || starts("export ") && !shell_assignment(&l[7..])
        || starts("module.exports")
        || starts("const ") && l.contains("require(")
        || (starts("function ") || starts("async function ")) && l.contains('{')
    {
        v.push((JavaScript, 2));
    }
    if starts("interface ")
        || starts("export interface ")
        || starts("export type ")
        || starts("type ") && l.contains(" = ")
        || starts("import type ")
        || l.contains(": string")
        || l.contains(": number")
        || l.contains(": boolean")
        || starts("declare ")
    {
        v.push((TypeScript, 2));
    }
    v.extend(script_votes(l, indent));
    v
}

/// The scripting languages, whose keyword lines rarely look like anything above: Ruby's `def` without a
/// colon and `@ivar =`, PHP's `$this->` and visibility keywords, Lua's `local function` and
/// `if … then` on one line, Perl's sigils and `sub`, the shell's block closers.
fn script_votes(l: &str, indent: usize) -> Vec<(Language, u32)> {
    use Language::*;
    let mut v = Vec::new();
    let starts = |p: &str| l.starts_with(p);
    let t = l.trim_end();
    if starts("def ") && !t.ends_with([':', '(', ',']) && !t.contains('{')
        || starts("module ") && !t.ends_with([';', '{'])
        || starts("class ") && t.contains(" < ")
        || starts("require '")
        || starts("require \"")
        || starts("require_relative ")
        || starts("attr_reader ")
        || starts("attr_accessor ")
        || starts("@")
            && l[1..].starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && t.contains(" = ")
        || matches!(t, "begin" | "ensure")
        || starts("rescue ")
    {
        v.push((Ruby, 2));
    }
    if starts("namespace ") && t.ends_with(';') && l.contains('\\')
        || starts("use ") && l.contains('\\') && t.ends_with(';')
        || ["public ", "private ", "protected "]
            .iter()
            .any(|p| starts(p) && (l[p.len()..].starts_with('$') || l.contains("function ")))
        || l.contains("$this->")
    {
        v.push((Php, 3));
    }
    if starts("local function ")
        || starts("local ") && l.contains(" = require")
        || starts("function ") && !t.contains('{') && t.ends_with(')')
        || starts("if ") && t.ends_with(" then")
        || starts("elseif ")
    {
        v.push((Lua, 2));
    }
    if starts("use strict;")
        || starts("use warnings;")
        || starts("use ") && l[4..].starts_with(|c: char| c.is_uppercase()) && l.contains("::")
        || starts("sub ") && (t.ends_with('{') || !t.contains('('))
        || ["my $", "my @", "my %", "my (", "our $", "our @", "our %"]
            .iter()
            .any(|p| starts(p))
    {
        v.push((Perl, 3));
    }
    if matches!(t, "fi" | "done" | "esac" | ";;" | "then" | "do")
        || starts("if [")
        || starts("elif [")
        || starts("while [")
        || starts("case $")
        || starts("case \"$")
        || starts("export ") && shell_assignment(&l[7..])
        || indent == 0 && t.ends_with("()") && !t.contains(' ')
    {
        v.push((Bash, 2));
    }
    v
}

/// `NAME=value`: a shell assignment, as after `export ` (JavaScript's `export` is followed by a keyword
/// or a brace).
fn shell_assignment(s: &str) -> bool {
    s.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_language_from_typical_lines() {
        assert_eq!(
            detect_language("#!/usr/bin/env python3\nprint(1)\n"),
            Some(Language::Python)
        );
        assert_eq!(
            detect_language("import os\n\ndef main():\n    pass\n"),
            Some(Language::Python)
        );
        assert_eq!(
            detect_language("package main\n\nimport \"fmt\"\n\nfunc main() {\n}\n"),
            Some(Language::Go)
        );
        assert_eq!(
            detect_language("use std::io;\n\nfn main() {\n    let mut x = 1;\n}\n"),
            Some(Language::Rust)
        );
        assert_eq!(
            detect_language("package a.b;\n\nimport java.util.List;\n\npublic class A {\n}\n"),
            Some(Language::Java)
        );
        assert_eq!(
            detect_language("#include <stdio.h>\n\nint main(void) {\n  return 0;\n}\n"),
            Some(Language::C)
        );
        assert_eq!(
            detect_language("#include <vector>\nnamespace x {\ntemplate <typename T> T f();\n}\n"),
            Some(Language::Cpp)
        );
        assert_eq!(
            detect_language("import { a } from './a';\nexport function f() {}\nfunction g() {}\n"),
            Some(Language::JavaScript)
        );
        assert_eq!(
            detect_language(
                "export interface A {\n  x: number;\n}\nexport type B = A;\ninterface C {}\n"
            ),
            Some(Language::TypeScript)
        );
    }

    #[test]
    fn recognises_the_scripting_languages_and_keeps_their_lines_from_voting_elsewhere() {
        // Lines from the wide corpus files (net/http.rb, Monolog's Logger.php, pl/utils.lua,
        // HTTP/Tiny.pm, bash_completion).
        let ruby = "module Net
  class HTTP < Protocol
    def initialize(address, port = nil)
      @address = address
      @open_timeout = 60
    end
  end
end
";
        assert_eq!(detect_language(ruby), Some(Language::Ruby));
        let php = "<?php declare(strict_types=1);
namespace Monolog;
";
        assert_eq!(detect_language(php), Some(Language::Php));
        let lua = "local utils = {}
local function raise(msg)
end
function utils.split(s, re, plain, n)
    if not re then re = '%s+' end
end
";
        assert_eq!(detect_language(lua), Some(Language::Lua));
        let perl = "package HTTP::Tiny;
use strict;
use warnings;
sub new {
    my($class, %args) = @_;
}
";
        assert_eq!(detect_language(perl), Some(Language::Perl));
        let bash = "_upvar()
{
    if ((${#FUNCNAME[@]} > 1)); then
        return 1
    fi
}
export COMP_WORDBREAKS=x
";
        assert_eq!(detect_language(bash), Some(Language::Bash));
        // A diff hunk header is not a Ruby instance variable.
        assert_eq!(
            detect_language(
                "@@ -62,11 +59,29 @@ var x = '@@symbol';
@@ -1 +1 @@ y = 2
"
            ),
            None
        );
    }

    #[test]
    fn prose_and_logs_are_not_code() {
        assert_eq!(
            detect_language("The function returns a value.\nUse it wisely.\n"),
            None
        );
        assert_eq!(
            detect_language("2024-01-01 INFO started\n2024-01-01 WARN slow\n"),
            None
        );
        assert_eq!(detect_language(""), None);
    }
}
