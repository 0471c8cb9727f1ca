//! Row ↔ byte bookkeeping. Tree-sitter rows count `\n`, so the folder works on whole lines split the same
//! way, each kept with its own terminator so kept lines come out byte for byte.

pub(crate) struct Lines<'s> {
    source: &'s str,
    /// Byte offset where each row starts; one extra entry at `source.len()`.
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    pub fn new(source: &'s str) -> Lines<'s> {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() != Some(&source.len()) {
            starts.push(source.len());
        }
        Lines { source, starts }
    }

    pub fn count(&self) -> usize {
        self.starts.len() - 1
    }

    /// The row including its terminator (`\n` or `\r\n`, none on a last line without one).
    pub fn full(&self, row: usize) -> &'s str {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&a), Some(&b)) => &self.source[a..b],
            _ => "",
        }
    }

    /// The row without its terminator.
    pub fn text(&self, row: usize) -> &'s str {
        self.full(row).trim_end_matches(['\n', '\r'])
    }

    /// Rows `first..=last` with their terminators.
    pub fn span(&self, first: usize, last: usize) -> &'s str {
        match (self.starts.get(first), self.starts.get(last + 1)) {
            (Some(&a), Some(&b)) => &self.source[a..b],
            _ => "",
        }
    }

    pub fn terminator(&self, row: usize) -> &'s str {
        let full = self.full(row);
        &full[self.text(row).len()..]
    }

    pub fn indent(&self, row: usize) -> &'s str {
        let text = self.text(row);
        &text[..text.len() - text.trim_start().len()]
    }

    pub fn is_blank(&self, row: usize) -> bool {
        self.text(row).trim().is_empty()
    }

    /// The text of `row` before byte `column` (a tree-sitter column is a byte offset within the row).
    pub fn before(&self, row: usize, column: usize) -> &'s str {
        self.text(row).get(..column).unwrap_or("")
    }

    pub fn after(&self, row: usize, column: usize) -> &'s str {
        self.text(row).get(column..).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_terminators() {
        let l = Lines::new("a\r\n  b\nc");
        assert_eq!(l.count(), 3);
        assert_eq!(l.full(0), "a\r\n");
        assert_eq!(l.text(0), "a");
        assert_eq!(l.terminator(1), "\n");
        assert_eq!(l.indent(1), "  ");
        assert_eq!(l.full(2), "c");
        assert_eq!(l.full(3), "");
        assert_eq!(Lines::new("x\n").count(), 1);
    }
}
