//! Splits a markdown / reStructuredText / plain document into blocks without losing a byte: headings
//! (`#`, setext and rst underlines), fenced code, indented literal blocks, and paragraphs (runs of
//! non-blank lines). Blank lines belong to no block and are re-emitted as they were.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Code,
    Paragraph,
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

fn looks_like_code(t: &str) -> bool {
    t.ends_with(';') || t.ends_with('{') || t.ends_with(')') || t.contains(" = ") || t.starts_with("$ ") || t.starts_with(">>>")
}

pub fn split(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
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
        // definition body).
        if (l.starts_with("    ") || l.starts_with('\t')) && (i == 0 || lines[i - 1].trim().is_empty()) && (introduced(lines, i) || looks_like_code(t)) {
            while i < lines.len() && (lines[i].trim().is_empty() || lines[i].starts_with("    ") || lines[i].starts_with('\t') || lines[i].starts_with("  ")) {
                // Stop at a blank line followed by a non-indented line.
                if lines[i].trim().is_empty() && lines.get(i + 1).is_none_or(|n| !(n.starts_with(' ') || n.starts_with('\t'))) {
                    break;
                }
                i += 1;
            }
            blocks.push(Block { kind: Kind::Code, start, end: i });
            continue;
        }
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 1 });
            i += 1;
            continue;
        }
        // rst overline + title + underline, or title + underline (also markdown setext).
        if is_underline(l) && lines.get(i + 2).is_some_and(|u| is_underline(u)) && !lines[i + 1].trim().is_empty() {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 3 });
            i += 3;
            continue;
        }
        if lines.get(i + 1).is_some_and(|u| is_underline(u) && u.trim_end().len() + 1 >= l.trim_end().len()) && !is_underline(l) {
            blocks.push(Block { kind: Kind::Heading, start, end: i + 2 });
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
        blocks.push(Block { kind: Kind::Paragraph, start, end: i });
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
}
