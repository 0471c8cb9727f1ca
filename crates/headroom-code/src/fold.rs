//! Finds what could be folded: function bodies and long comments/docstrings, each as a range of whole
//! rows that can be replaced by one marker line without breaking the syntax. Which of them actually fold
//! is decided by `compress` (query, size, profile).

use crate::lines::Lines;
use crate::syntax::{body_of, name_of, BodyStyle};
use crate::Language;
use tree_sitter::{Node, Tree};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A function or method body; `name` when the function has one.
    Body { name: Option<String> },
    /// Rows inside a block comment or docstring; the marker is plain text inside it.
    CommentInside { prefix: String },
    /// Trailing rows of a run of line comments (`//`, `///`, `#`); the marker is one more such line.
    CommentRun { prefix: String },
}

#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: Kind,
    /// Rows replaced by the marker line (0-based, inclusive).
    pub first: usize,
    pub last: usize,
    /// Indentation of the marker line.
    pub indent: String,
    /// Bytes searched for the query (the body, or the comment).
    pub span: std::ops::Range<usize>,
    /// Every row of the comment (opening and closing rows too) or of the folded body rows: what a
    /// focused fold hides. Python docstrings keep their quote rows here too.
    pub whole: (usize, usize),
}

impl Candidate {
    /// Rows a marker would replace; 0 for a comment too short to fold on its own.
    pub fn rows(&self) -> usize {
        (self.last + 1).saturating_sub(self.first)
    }
}

/// One pass over the tree (a cursor, no recursion) collecting candidates in document order. Where the
/// parse failed, nothing is a candidate: not inside an ERROR node (how the parser recovered there could
/// change once rows around it become a marker) and not a function with an error anywhere in it.
pub(crate) fn candidates(tree: &Tree, source: &str, lang: Language) -> Vec<Candidate> {
    let lines = Lines::new(source);
    let mut out = Vec::new();
    let mut line_comments: Vec<Node> = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.is_error() {
            // Not a candidate, nor anything under it: the walk below does not descend.
        } else if lang.is_function(node.kind()) && !node.has_error() {
            if let Some(c) = body_candidate(node, source, &lines, lang) {
                out.push(c);
            }
        } else if lang.is_comment(node.kind()) {
            if last_row(node) == node.start_position().row {
                line_comments.push(node);
            } else if let Some(c) = inside_candidate(node, &lines, lang, false) {
                out.push(c);
            }
        } else if lang == Language::Python && is_docstring(node) {
            if let Some(c) = inside_candidate(node, &lines, lang, true) {
                out.push(c);
            }
        }
        if (!node.is_error() && cursor.goto_first_child()) || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                out.extend(comment_runs(&line_comments, source, &lines));
                out.sort_by_key(|c| (c.whole.0, std::cmp::Reverse(c.whole.1)));
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

fn body_candidate(node: Node, source: &str, lines: &Lines, lang: Language) -> Option<Candidate> {
    let body = body_of(lang, node)?;
    let (open, close) = (body.start_position(), body.end_position());
    let name = name_of(node, source).map(str::to_string);
    let (first, last) = match lang.body_style() {
        BodyStyle::Indented => {
            // The block must start on its own row (not `def f(): return 1`) and end a row.
            if !lines.before(open.row, open.column).trim().is_empty()
                || !ends_row(lines, close.row, close.column, lang.line_comment())
            {
                return None;
            }
            let mut first = open.row;
            let mut walk = body.walk();
            let mut stmts = body.named_children(&mut walk);
            if let (Some(doc), Some(_)) = (stmts.next(), stmts.next()) {
                // A one-line docstring says what the function does: keep it.
                if lang == Language::Python
                    && is_docstring(doc)
                    && doc.start_position().row == doc.end_position().row
                {
                    first = doc.end_position().row + 1;
                }
            }
            (first, close.row)
        }
        BodyStyle::Braced => {
            if !source[body.byte_range()].ends_with('}')
                || !lines
                    .before(close.row, close.column.saturating_sub(1))
                    .trim()
                    .is_empty()
            {
                return None;
            }
            let mut cursor = body.walk();
            for child in body.named_children(&mut cursor) {
                let (s, e) = (child.start_position().row, last_row(child));
                let inside = s > open.row && e < close.row;
                let trailing_comment =
                    lang.is_comment(child.kind()) && s == open.row && e == open.row;
                if !inside && !trailing_comment {
                    return None;
                }
            }
            (open.row + 1, close.row.checked_sub(1)?)
        }
    };
    if first > last {
        return None;
    }
    let indent = (first..=last)
        .find(|&r| !lines.is_blank(r))
        .map(|r| lines.indent(r).to_string())?;
    Some(Candidate {
        kind: Kind::Body { name },
        first,
        last,
        indent,
        span: body.byte_range(),
        whole: (first, last),
    })
}

/// The last row a node covers: some grammars end a line comment at column 0 of the next row.
fn last_row(node: Node) -> usize {
    let (start, end) = (node.start_position(), node.end_position());
    if end.column == 0 && end.row > start.row {
        end.row - 1
    } else {
        end.row
    }
}

/// True when nothing but whitespace or a comment follows `column` on `row`.
fn ends_row(lines: &Lines, row: usize, column: usize, comment: &str) -> bool {
    let rest = lines.after(row, column).trim();
    rest.is_empty() || rest.starts_with(comment)
}

/// A Python docstring: a statement that is only a plain string (no f-string interpolation).
fn is_docstring(node: Node) -> bool {
    if node.kind() != "expression_statement" || node.named_child_count() != 1 {
        return false;
    }
    let Some(s) = node.named_child(0) else {
        return false;
    };
    s.kind() == "string"
        && !s
            .named_children(&mut s.walk())
            .any(|c| c.kind() == "interpolation")
}

/// The inner rows of a multi-row block comment or docstring: keep the opening row (and the first text
/// row when the opening row is only `/**` or `"""`) and the closing row; the rows between can go.
fn inside_candidate(
    node: Node,
    lines: &Lines,
    lang: Language,
    docstring: bool,
) -> Option<Candidate> {
    let (start, end) = (node.start_position(), node.end_position());
    // Only own-line comments: code before the comment on its row would make the row mixed. A node
    // ending at column 0 ended with its last row's line break (a Perl POD block does).
    let ends_at_break = end.column == 0 && end.row > start.row;
    if !lines.before(start.row, start.column).trim().is_empty()
        || !(ends_at_break || ends_row(lines, end.row, end.column, lang.line_comment()))
    {
        return None;
    }
    let opener = lines.text(start.row).trim();
    let bare = matches!(opener, "/*" | "/**" | "/*!" | "\"\"\"" | "'''" | "r\"\"\"");
    let end_row = last_row(node);
    let first = start.row + if bare { 2 } else { 1 };
    let last = end_row.saturating_sub(1);
    let row = (first..=last)
        .find(|&r| !lines.is_blank(r))
        .unwrap_or(start.row);
    let text = lines.text(row);
    let indent = lines.indent(row).to_string();
    let prefix = if !docstring && text.trim_start().starts_with('*') {
        "* "
    } else {
        ""
    };
    // A docstring is a statement: hiding all of it could leave a class with an empty body.
    let whole = if docstring {
        (first, last)
    } else {
        (start.row, end_row)
    };
    Some(Candidate {
        kind: Kind::CommentInside {
            prefix: prefix.to_string(),
        },
        first,
        last,
        indent,
        span: node.byte_range(),
        whole,
    })
}

/// Runs of own-line `//`, `///`, `//!` or `#` comments on consecutive rows at the same column: the
/// first row stays, the rest can fold into one more comment line of the same kind.
fn comment_runs(comments: &[Node], source: &str, lines: &Lines) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < comments.len() {
        let head = comments[i];
        let Some(prefix) = own_line_prefix(head, source, lines) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < comments.len() {
            let (prev, next) = (comments[j - 1], comments[j]);
            let same = own_line_prefix(next, source, lines) == Some(prefix)
                && next.start_position().row == prev.start_position().row + 1
                && next.start_position().column == head.start_position().column;
            if !same {
                break;
            }
            j += 1;
        }
        // A single comment has no rows to fold on its own (first > last) but a focused fold hides it.
        let (head_row, last) = (
            head.start_position().row,
            comments[j - 1].start_position().row,
        );
        let indent = lines.indent(head_row).to_string();
        let span = head.start_byte()..comments[j - 1].end_byte();
        let kind = Kind::CommentRun {
            prefix: prefix.to_string(),
        };
        out.push(Candidate {
            kind,
            first: head_row + 1,
            last,
            indent,
            span,
            whole: (head_row, last),
        });
        i = j;
    }
    out
}

fn own_line_prefix(node: Node, source: &str, lines: &Lines) -> Option<&'static str> {
    let start = node.start_position();
    if !lines.before(start.row, start.column).trim().is_empty() {
        return None;
    }
    let text = source.get(node.byte_range())?;
    // `/* … */` on one row runs too; its marker never folds (no inner rows), only a focused fold hides it.
    ["///", "//!", "//", "/*", "#", "--"]
        .into_iter()
        .find(|p| text.starts_with(p) && !text.starts_with("#!"))
}
