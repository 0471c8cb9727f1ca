//! Cutting a long block into windows the model can read.
//!
//! Windows are runs of whole words whose tokens fit the model's sequence length. Consecutive windows
//! overlap by a few words so that a word near a cut still sees context on both sides; each word's score
//! is taken from exactly one window (the one that *owns* it: the overlap is split in the middle), so a
//! word is never scored twice and results do not depend on averaging.

/// A window over words `[start, end)`, owning `[own_start, own_end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub own_start: usize,
    pub own_end: usize,
}

/// Plans windows over words with the given token counts. `capacity` is the model window minus its
/// special tokens; `overlap` is in words. A single word longer than the window gets a window of its own
/// (the model sees its first tokens only).
pub fn plan(token_counts: &[usize], capacity: usize, overlap: usize) -> Vec<Chunk> {
    let n = token_counts.len();
    let capacity = capacity.max(1);
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start;
        let mut used = 0;
        while end < n && (end == start || used + token_counts[end] <= capacity) {
            used += token_counts[end];
            end += 1;
        }
        chunks.push(Chunk { start, end, own_start: start, own_end: end });
        if end >= n {
            break;
        }
        // Step back `overlap` words, but always move forward (a window of fewer words than the overlap
        // would otherwise repeat forever).
        start = if end - start > overlap { end - overlap } else { end };
    }
    for i in 1..chunks.len() {
        let boundary = (chunks[i].start + chunks[i - 1].end).div_ceil(2);
        chunks[i - 1].own_end = boundary;
        chunks[i].own_start = boundary;
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_fit_capacity_overlap_and_split_ownership() {
        let chunks = plan(&[1; 10], 4, 2);
        let ranges: Vec<(usize, usize, usize, usize)> = chunks.iter().map(|c| (c.start, c.end, c.own_start, c.own_end)).collect();
        assert_eq!(ranges, vec![(0, 4, 0, 3), (2, 6, 3, 5), (4, 8, 5, 7), (6, 10, 7, 10)]);
    }

    #[test]
    fn long_words_get_their_own_window_and_planning_always_ends() {
        let chunks = plan(&[2, 9, 2, 2], 4, 3);
        let ranges: Vec<(usize, usize)> = chunks.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(ranges, vec![(0, 1), (1, 2), (2, 4)]);
        assert!(plan(&[], 4, 2).is_empty());
        assert_eq!(plan(&[0, 0, 0], 1, 5).len(), 1);
    }
}
