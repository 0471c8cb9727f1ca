//! Which words stay, given the model's scores and the force-keep rules.

use super::words::Word;

/// How many of the ordinary (not forced) words stay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selection {
    /// Keep words whose keep probability is above this value.
    Threshold(f32),
    /// Keep this fraction of all words: forced words first, then the best-scored others (earlier word
    /// first on equal scores, so the choice is deterministic).
    KeepFraction(f32),
}

/// One decision per word. A score that is not a number keeps its word (the model said nothing usable).
pub fn select(words: &[Word], scores: &[f32], selection: Selection) -> Vec<bool> {
    let score = |i: usize| scores.get(i).copied().filter(|s| s.is_finite()).unwrap_or(1.0);
    let mut keep: Vec<bool> = words.iter().map(|w| w.forced).collect();
    match selection {
        Selection::Threshold(t) => {
            for (i, k) in keep.iter_mut().enumerate() {
                *k = *k || score(i) > t;
            }
        }
        Selection::KeepFraction(f) => {
            let target = (f64::from(f.clamp(0.0, 1.0)) * words.len() as f64).round() as usize;
            let forced = keep.iter().filter(|k| **k).count();
            let mut rest: Vec<usize> = (0..words.len()).filter(|&i| !keep[i]).collect();
            rest.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
            for &i in rest.iter().take(target.saturating_sub(forced)) {
                keep[i] = true;
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(forced: bool) -> Word {
        Word { start: 0, end: 0, line: 0, forced }
    }

    #[test]
    fn threshold_and_fraction_respect_forced_words() {
        let words = [w(false), w(true), w(false), w(false), w(false)];
        let scores = [0.9, 0.1, 0.5, f32::NAN, 0.2];
        assert_eq!(select(&words, &scores, Selection::Threshold(0.5)), [true, true, false, true, false]);
        assert_eq!(select(&words, &scores, Selection::KeepFraction(0.6)), [true, true, false, true, false]);
        assert_eq!(select(&words, &scores, Selection::KeepFraction(0.2)), [false, true, false, false, false]);
        let tie = [w(false), w(false)];
        assert_eq!(select(&tie, &[0.5, 0.5], Selection::KeepFraction(0.5)), [true, false]);
    }
}
