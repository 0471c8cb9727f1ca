//! What a render changed, in the terms tree-sitter's incremental parser takes: each replaced stretch of
//! the input as an `InputEdit`, in the coordinates of the text as it stands after the edits before it.
//! The input's tree, told about them, parses the output again reading only around the edits.

use crate::Language;
use tree_sitter::{InputEdit, Point, Tree};

pub(crate) struct Edits {
    list: Vec<InputEdit>,
    /// The end of the last edit in the output: byte and point.
    byte: usize,
    point: Point,
}

fn advance(mut p: Point, text: &str) -> Point {
    match text.rfind('\n') {
        Some(last) => {
            p.row += text.matches('\n').count();
            p.column = text.len() - last - 1;
        }
        None => p.column += text.len(),
    }
    p
}

impl Edits {
    pub fn new() -> Edits {
        Edits {
            list: Vec::new(),
            byte: 0,
            point: Point::new(0, 0),
        }
    }

    /// Records that `out[start..]`, just written, replaced `old` of the input.
    pub fn replaced(&mut self, out: &str, start: usize, old: &str) {
        let start_position = advance(self.point, &out[self.byte..start]);
        let new_end_position = advance(start_position, &out[start..]);
        self.list.push(InputEdit {
            start_byte: start,
            old_end_byte: start + old.len(),
            new_end_byte: out.len(),
            start_position,
            old_end_position: advance(start_position, old),
            new_end_position,
        });
        self.byte = out.len();
        self.point = new_end_position;
    }

    /// Parses `text` (the input after these edits) reusing `tree`, the input's tree.
    pub fn reparse(&self, tree: &Tree, text: &str, language: Language) -> Option<Tree> {
        let mut old = tree.clone();
        for edit in &self.list {
            old.edit(edit);
        }
        crate::parse_with(text, language, Some(&old))
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
