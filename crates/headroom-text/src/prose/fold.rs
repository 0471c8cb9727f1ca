//! What a folded unit keeps: its headings whole, and either the first sentence of each paragraph
//! ([`Detail::Sentences`]) or only that of its first paragraph ([`Detail::Lead`]; a man-page entry keeps
//! its term instead), or nothing ([`Detail::Drop`], a list row that answers nothing). Lines the question
//! names (see [`super::keys`]) stay whole at any detail; code blocks and the rest go behind the run's
//! marker. The blank lines before a kept block stay as they were.

use super::blocks::{Block, Kind};
use super::sentence;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Whole,
    Sentences,
    Lead,
    /// Nothing but headings: a row of a list that answers nothing.
    Drop,
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
    pub fn add(&mut self, lines: &[&'a str], blocks: &[Block], keys: &[bool], range: Range<usize>, detail: Detail, cursor: &mut usize) {
        let mut lead_taken = false;
        for b in &blocks[range] {
            let body = &lines[b.start..b.end];
            let key = &keys[b.start..b.end];
            let gap = &lines[(*cursor).min(b.start)..b.start];
            *cursor = b.end;
            self.first_line.get_or_insert(b.start);
            self.last_line = b.end;
            // How much of the block its detail keeps: whole lines before `.0`, then `.1` bytes of one more.
            let lead: (usize, usize) = match b.kind {
                Kind::Heading => (body.len(), 0),
                Kind::Code => (0, 0),
                // An entry's term is its title: the rest of a folded entry goes.
                Kind::Entry if detail == Detail::Lead => (super::entries::term_lines(body), 0),
                _ if detail == Detail::Drop || (detail == Detail::Lead && lead_taken) => (0, 0),
                _ => {
                    lead_taken = true;
                    sentence::first_end(body).unwrap_or((body.len(), 0))
                }
            };
            // Lines naming what the question names stay whole wherever they are.
            let kept: Vec<&'a str> = (0..body.len())
                .filter_map(|j| match j.cmp(&lead.0) {
                    _ if key[j] && b.kind != Kind::Code => Some(body[j]),
                    std::cmp::Ordering::Less => Some(body[j]),
                    std::cmp::Ordering::Equal if lead.1 > 0 => Some(&body[j][..lead.1]),
                    _ => None,
                })
                .collect();
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
        f.add(&lines, &blocks, &[false; 9], 0..blocks.len(), Detail::Lead, &mut cursor);
        assert_eq!(f.out, vec!["## Title", "", "First one."]);
        assert_eq!((f.blocks, f.shortened, f.dropped, f.dropped_code), (3, 1, 2, 1));
        let (mut cursor, mut f) = (0, Fold::default());
        f.add(&lines, &blocks, &[false; 9], 0..blocks.len(), Detail::Sentences, &mut cursor);
        assert_eq!(f.out, vec!["## Title", "", "First one.", "", "Another paragraph."]);
        assert_eq!((f.shortened, f.dropped), (2, 1));
    }
}
