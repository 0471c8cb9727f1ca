//! What a folded unit keeps: its headings whole, and either the first sentence of each paragraph
//! ([`Detail::Sentences`]) or only that of its first paragraph ([`Detail::Lead`]); code blocks and the
//! rest go behind the run's marker. The blank lines before a kept block stay as they were.

use super::blocks::{Block, Kind};
use super::sentence;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Whole,
    Sentences,
    Lead,
}

/// The kept lines of a run of folded units (a kept paragraph's last line may be cut after its first
/// sentence) and the counts its marker reports.
#[derive(Default)]
pub struct Fold<'a> {
    pub out: Vec<&'a str>,
    /// Non-heading blocks in the run.
    pub blocks: usize,
    /// Paragraphs cut to their first sentence.
    pub shortened: usize,
    /// Paragraphs and code blocks dropped entirely.
    pub dropped: usize,
    pub dropped_code: usize,
    pub dropped_bytes: usize,
    /// Line range of the run, for the marker.
    pub first_line: Option<usize>,
    pub last_line: usize,
}

impl<'a> Fold<'a> {
    /// Folds the blocks `range` of a unit; `cursor` is the line after the previous block.
    pub fn add(&mut self, lines: &[&'a str], blocks: &[Block], range: Range<usize>, detail: Detail, cursor: &mut usize) {
        let mut lead_taken = false;
        for b in &blocks[range] {
            let body = &lines[b.start..b.end];
            let gap = &lines[(*cursor).min(b.start)..b.start];
            *cursor = b.end;
            self.first_line.get_or_insert(b.start);
            self.last_line = b.end;
            let kept: Vec<&'a str> = match b.kind {
                Kind::Heading => body.to_vec(),
                Kind::Code => Vec::new(),
                Kind::Paragraph if detail == Detail::Lead && lead_taken => Vec::new(),
                Kind::Paragraph => {
                    lead_taken = true;
                    match sentence::first_end(body) {
                        Some((li, byte)) => body[..li].iter().copied().chain(std::iter::once(&body[li][..byte])).collect(),
                        None => body.to_vec(),
                    }
                }
            };
            if b.kind != Kind::Heading {
                self.blocks += 1;
            }
            let full: usize = body.iter().map(|l| l.len() + 1).sum();
            let part: usize = kept.iter().map(|l| l.len() + 1).sum();
            if part < full {
                self.dropped_bytes += full - part;
                match (kept.is_empty(), b.kind) {
                    (false, _) => self.shortened += 1,
                    (true, Kind::Code) => {
                        self.dropped += 1;
                        self.dropped_code += 1;
                    }
                    (true, _) => self.dropped += 1,
                }
            }
            if !kept.is_empty() {
                self.out.extend_from_slice(gap);
                self.out.extend(kept);
            }
        }
    }

    pub fn omitted(&self) -> usize {
        self.shortened + self.dropped
    }

    /// Bytes of the non-blank kept lines (what the skeleton budget pays for).
    pub fn kept_bytes(&self) -> usize {
        self.out.iter().map(|l| l.len() + 1).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_keeps_only_the_first_paragraphs_first_sentence() {
        let lines = ["## Title", "", "First one. Second one.", "", "Another paragraph. More.", "", "```", "code", "```"];
        let blocks = super::super::blocks::split(&lines);
        let mut cursor = 0;
        let mut f = Fold::default();
        f.add(&lines, &blocks, 0..blocks.len(), Detail::Lead, &mut cursor);
        assert_eq!(f.out, vec!["## Title", "", "First one."]);
        assert_eq!((f.blocks, f.shortened, f.dropped, f.dropped_code), (3, 1, 2, 1));
        let (mut cursor, mut f) = (0, Fold::default());
        f.add(&lines, &blocks, 0..blocks.len(), Detail::Sentences, &mut cursor);
        assert_eq!(f.out, vec!["## Title", "", "First one.", "", "Another paragraph."]);
        assert_eq!((f.shortened, f.dropped), (2, 1));
    }
}
