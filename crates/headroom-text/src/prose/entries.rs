//! Paragraphs that are really lists of entries. A man page's `--timeout=SECONDS` line over its indented
//! description, or an environment variable over its own, is an entry: a term and what it means. A
//! `--help --verbose` dump or a `name  value` table has no blank lines at all, so it arrives as one
//! paragraph of thousands of lines; each of its lines at the outer indentation (with the deeper lines
//! and the line after a colon that continue it) is a row. Entries and rows are units of their own, so a
//! question about one option keeps that option's entry whole instead of a whole `OPTIONS` section.

use super::blocks::{indent, Block, Kind};

/// Below this many lines a paragraph is read as prose even when its lines look like a list: splitting
/// a short paragraph saves nothing and loses the sentence that ties it together.
const MIN_LIST_LINES: usize = 24;

/// A term (one to this many lines, each short) above a deeper-indented description.
const MAX_TERM_LINES: usize = 3;
const MAX_TERM_BYTES: usize = 100;

/// Pushes the paragraph `start..end` as a row per entry of a list, as one entry, or as one paragraph.
pub fn push_paragraph(lines: &[&str], start: usize, end: usize, out: &mut Vec<Block>) {
    if end - start >= MIN_LIST_LINES && is_list(&lines[start..end]) {
        let outer = lines[start..end].iter().map(|l| indent(l)).min().unwrap_or(0);
        let mut row = start;
        for i in start + 1..end {
            let continues = indent(lines[i]) > outer || lines[i - 1].trim_end().ends_with(':');
            if !continues {
                out.push(Block { kind: Kind::Row, start: row, end: i });
                row = i;
            }
        }
        out.push(Block { kind: Kind::Row, start: row, end });
        return;
    }
    let kind = if is_entry(&lines[start..end]) { Kind::Entry } else { Kind::Paragraph };
    out.push(Block { kind, start, end });
}

/// The number of term lines of an entry: those before its description.
pub fn term_lines(p: &[&str]) -> usize {
    p.iter().position(|l| indent(l) > indent(p[0]) + 1).unwrap_or(p.len())
}

/// A term of at most [`MAX_TERM_LINES`] short lines at one indentation, neither a list item (whose
/// wrapped lines hang under its text) nor a sentence, then its description indented deeper.
fn is_entry(p: &[&str]) -> bool {
    let term_indent = indent(p[0]);
    let body = term_lines(p);
    if body == p.len() {
        return false;
    }
    let term = &p[..body];
    body <= MAX_TERM_LINES
        && term.iter().all(|l| indent(l) == term_indent && l.trim().len() <= MAX_TERM_BYTES && !l.contains(". ") && !l.contains("? "))
        && !super::sentence::starts_item(p[0].trim_start())
        && !term[body - 1].trim_end().ends_with(['.', ':'])
        && p[body..].iter().all(|l| indent(l) >= indent(p[body]))
}

/// Most lines at the paragraph's outer indentation start an entry: an option (`-a`, `--name`), a list
/// item, or a row whose columns line up (a gap of two or more spaces ending at the same column as most
/// others). Justified prose has double spaces too, but never at one column line after line.
fn is_list(p: &[&str]) -> bool {
    let outer = p.iter().map(|l| indent(l)).min().unwrap_or(0);
    let heads: Vec<&str> = p.iter().filter(|l| indent(l) == outer).map(|l| l.trim()).collect();
    let column = |l: &str| l.find("  ").map(|g| g + l[g..].len() - l[g..].trim_start().len());
    let mut columns: Vec<usize> = heads.iter().filter_map(|l| column(l)).collect();
    columns.sort_unstable();
    let modal = mode(&columns);
    let starts =
        heads.iter().filter(|l| is_option(l) || (l.starts_with(['*', '-', '+']) && l[1..].starts_with(' ')) || (modal.is_some() && column(l) == modal)).count();
    heads.len() >= MIN_LIST_LINES / 3 && starts * 3 >= heads.len() * 2
}

/// `-a`, `--name`: a command-line option.
fn is_option(t: &str) -> bool {
    let rest = t.strip_prefix("--").or_else(|| t.strip_prefix('-')).unwrap_or("");
    t.starts_with('-') && rest.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// The most frequent value of a sorted slice (the smallest on ties).
fn mode(sorted: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() > n) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &str) -> Vec<(Kind, usize, usize)> {
        let lines: Vec<&str> = doc.lines().collect();
        let mut out = Vec::new();
        push_paragraph(&lines, 0, lines.len(), &mut out);
        out.iter().map(|b| (b.kind, b.start, b.end)).collect()
    }

    #[test]
    fn a_term_over_an_indented_description_is_an_entry() {
        assert_eq!(kinds("       --timeout=SECONDS\n              This option sets a timeout.\n              The default is 0."), vec![(Kind::Entry, 0, 3)]);
        assert_eq!(kinds("       --diff-merges=on,\n       --no-diff-merges\n           Specify diff format."), vec![(Kind::Entry, 0, 3)]);
        assert_eq!(kinds("This paragraph is prose.\n    Its second line is indented."), vec![(Kind::Paragraph, 0, 2)]);
        assert_eq!(kinds("1. Is it running outside? It can determine\n   this by whether"), vec![(Kind::Paragraph, 0, 2)]);
    }

    #[test]
    fn a_long_list_paragraph_becomes_rows() {
        let mut doc = String::from("Default files, in order:\n/etc/my.cnf ~/.my.cnf\n");
        for i in 0..30 {
            doc.push_str(&format!("name-{i:<20}   {i}\n"));
        }
        let rows = kinds(&doc);
        assert_eq!(rows.len(), 31);
        assert_eq!(rows[0], (Kind::Row, 0, 2));
        let mut help = String::new();
        for i in 0..30 {
            help.push_str(&format!("  --option-{i}=#\n                      What it does.\n"));
        }
        assert_eq!(kinds(&help).len(), 30);
        let prose: String = (0..30).map(|i| format!("{}  justified  prose  line\n", "word ".repeat(i % 7))).collect();
        assert_eq!(kinds(&prose), vec![(Kind::Paragraph, 0, 30)]);
    }
}
