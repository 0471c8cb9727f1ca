//! Splits a markdown / reStructuredText / plain document into blocks without losing a byte: headings
//! (`#`, setext and rst under/overlines, man-page and `--help` section titles), fenced code, indented
//! literal blocks, and paragraphs (runs of non-blank lines). Blank lines belong to no block and are
//! re-emitted as they were.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Code,
    Paragraph,
    /// A term over its indented description (see [`super::entries`]); starts a unit.
    Entry,
    /// One entry of a long list paragraph; starts a unit, and goes whole when it answers nothing.
    Row,
}

#[derive(Debug)]
pub struct Block {
    pub kind: Kind,
    /// Line range `start..end`.
    pub start: usize,
    pub end: usize,
}

fn is_underline(l: &str) -> bool {
    let t = l.trim_end();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '=' | '-' | '~' | '^' | '"' | '\'' | '`' | '#' | '*' | '+')) && t.chars().all(|c| t.starts_with(c))
}

fn introduced(lines: &[&str], i: usize) -> bool {
    lines[..i].iter().rev().find(|l| !l.trim().is_empty()).is_some_and(|p| p.trim_end().ends_with(':'))
}

pub fn indent(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

/// A title of rendered plain text: a man page's `NAME` / `   Operation mode` (short, unpunctuated, at
/// most 3 columns in, its body indented further on the very next line), or a `--help` group such as
/// `Options:` (a few words at column 0 ending with a colon, over indented lines).
fn is_plain_title(lines: &[&str], i: usize) -> bool {
    let (l, t) = (lines[i], lines[i].trim());
    let Some(next) = lines.get(i + 1).filter(|n| !n.trim().is_empty()) else { return false };
    // A subsection title may follow its section's title directly (`SYNOPSIS` then `   Traditional usage`).
    let after_break = i == 0 || lines[i - 1].trim().is_empty() || (indent(lines[i - 1]) < indent(l) && is_plain_title(lines, i - 1));
    if !after_break || t.len() > 60 || !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let words = t.split_whitespace().count();
    if let Some(head) = t.strip_suffix(':') {
        return indent(l) == 0 && indent(next) >= 2 && words <= 4 && !head.contains(':');
    }
    let caps = indent(l) == 0 && !t.chars().any(|c| c.is_lowercase());
    let deeper = indent(next) >= indent(l) + if caps { 3 } else { 4 };
    indent(l) <= 3 && deeper && words <= 8 && !t.ends_with(['.', ',', ';', ')', '|'])
}

fn looks_like_code(t: &str) -> bool {
    t.ends_with(';') || t.ends_with('{') || t.ends_with(')') || t.contains(" = ") || t.starts_with("$ ") || t.starts_with(">>>")
}

pub fn split(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Indentation of the body text under the latest plain-text title (0 for markdown and rst).
    let mut base = 0;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim_start();
        if t.is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        if t.starts_with("```") || t.starts_with("~~~") {
            let fence = &t[..3];
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with(fence) {
                i += 1;
            }
            i = (i + 1).min(lines.len());
            blocks.push(Block { kind: Kind::Code, start, end: i });
            continue;
        }
        // An indented block after a blank line is literal code when the paragraph before introduces it
        // (rst `::`, a colon) or it reads like code; otherwise it is an indented paragraph (rst quote,
        // definition body). Indented means 4 columns past the text before it: a man page indents all its
        // prose by 7, and only its examples further.
        let deeper = indent(l) >= base + 4 || l.starts_with('\t');
        if deeper && (i == 0 || lines[i - 1].trim().is_empty()) && (introduced(lines, i) || looks_like_code(t)) {
            let inside = |n: &str| indent(n) > base + 1 || n.starts_with('\t');
            while i < lines.len() && (lines[i].trim().is_empty() || inside(lines[i])) {
                // Stop at a blank line followed by a line back at the body's indentation.
                if lines[i].trim().is_empty() && lines.get(i + 1).is_none_or(|n| !inside(n)) {
                    break;
                }
                i += 1;
            }
            blocks.push(Block { kind: Kind::Code, start, end: i });
            continue;
        }
        if is_plain_title(lines, i) {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 1 });
            base = indent(lines[i + 1]);
            i += 1;
            continue;
        }
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 1 });
            base = 0;
            i += 1;
            continue;
        }
        // rst overline + title + underline, or title + underline (also markdown setext).
        if is_underline(l) && lines.get(i + 2).is_some_and(|u| is_underline(u)) && !lines[i + 1].trim().is_empty() {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 3 });
            base = 0;
            i += 3;
            continue;
        }
        if lines.get(i + 1).is_some_and(|u| is_underline(u) && u.trim_end().len() + 1 >= l.trim_end().len()) && !is_underline(l) {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 2 });
            base = 0;
            i += 2;
            continue;
        }
        while i < lines.len() && !lines[i].trim().is_empty() {
            let lt = lines[i].trim_start();
            if i > start && (lt.starts_with("```") || lt.starts_with("~~~") || (lt.starts_with('#') && lt.trim_start_matches('#').starts_with(' '))) {
                break;
            }
            if i > start && lines.get(i + 1).is_some_and(|u| is_underline(u)) {
                break;
            }
            i += 1;
        }
        super::entries::push_paragraph(lines, start, i, &mut blocks);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_code_and_paragraphs() {
        let doc = "Title\n=====\n\nSome text\nmore text\n\n```java\nint x;\n```\n\n## Next\n\nExample:\n\n    literal\n    block\n\nEnd.";
        let lines: Vec<&str> = doc.lines().collect();
        let kinds: Vec<Kind> = split(&lines).iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![Kind::Heading, Kind::Paragraph, Kind::Code, Kind::Heading, Kind::Paragraph, Kind::Code, Kind::Paragraph]);
    }

    #[test]
    fn finds_man_page_and_help_titles() {
        let doc = "NAME\n       tar - an archiving utility\n\nSYNOPSIS\n   Traditional usage\n       tar {A|c}\n\n   Operation mode\n       -A, --catenate\n              Append archives.\n       Read it with:\n\n           info tar\n\n       Then more text.\n\nOptions:\n  -h, --help  show help\n";
        let lines: Vec<&str> = doc.lines().collect();
        let kinds: Vec<Kind> = split(&lines).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Heading,
                Kind::Paragraph,
                Kind::Heading,
                Kind::Heading,
                Kind::Paragraph,
                Kind::Heading,
                Kind::Paragraph,
                Kind::Code,
                Kind::Paragraph,
                Kind::Heading,
                Kind::Paragraph
            ]
        );
    }
}
