//! Kompress: word-level ML compression of long prose-like blocks with a token-classification model
//! (the LLMLingua-2 / Kompress-v2 class: a BERT-like encoder with a per-token keep probability).
//!
//! The model only ranks ordinary words. Facts (identifiers, numbers, paths, URLs, code, error codes) and
//! whole error, heading and query lines are kept by rule; lines, indentation and line endings are
//! rebuilt from the original bytes; one marker at the top announces how many words went and holds the
//! key of the whole original. When the model is slow, fails, or would not save enough, the block passes
//! through (a `Skip` with the reason).

mod chunk;
mod config;
mod locate;
mod render;
mod scorer;
mod select;
#[cfg(feature = "test-support")]
pub mod tiny;
mod words;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use headroom_marker::{Options, Outcome, Profile, Skip};

pub use chunk::{plan as plan_chunks, Chunk};
pub use config::{KompressConfig, MAX_WINDOW};
pub use locate::{default_model_name, headroom_home, model_dir, DEFAULT_MODEL};
pub use scorer::{keep_probabilities, Kompressor, ScoreError};
pub use select::Selection;
pub use words::{is_fact, split_lines, split_words, Line, Word};

/// Why inference stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupt {
    Budget,
    Cancelled,
}

/// How one call runs. `Default` is the Balanced profile's setting.
#[derive(Debug, Clone)]
pub struct KompressSettings {
    pub selection: Selection,
    /// Words shared by consecutive windows.
    pub overlap_words: usize,
    /// Windows per model call.
    pub batch_size: usize,
    /// Blocks with fewer words pass through (the marker would cost more than it saves).
    pub min_words: usize,
    /// Below this share of bytes saved the block passes through: the marker and the lost words are not
    /// worth it.
    pub min_saving: f64,
    /// After this much time the block passes through.
    pub budget: Option<Duration>,
    /// Set from another thread to stop between batches (the block then passes through).
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for KompressSettings {
    fn default() -> Self {
        KompressSettings { selection: Selection::Threshold(0.5), overlap_words: 16, batch_size: 8, min_words: 40, min_saving: 0.10, budget: None, cancel: None }
    }
}

impl KompressSettings {
    /// Balanced keeps words the model scores above 0.5; Aggressive keeps the best third.
    pub fn for_profile(profile: Profile) -> KompressSettings {
        let mut s = KompressSettings::default();
        if profile == Profile::Aggressive {
            s.selection = Selection::KeepFraction(0.33);
        }
        s
    }
}

/// Compresses `text` with the model. Deterministic for a given model, text and settings (a budget or a
/// cancellation can only turn a result into a pass-through).
pub fn compress(k: &Kompressor, text: &str, opts: &Options, settings: &KompressSettings) -> Outcome {
    let started = Instant::now();
    if opts.profile == Profile::Safe {
        return Err(Skip::new("safe profile: kompress drops words"));
    }
    if text.contains('\0') {
        return Err(Skip::new("binary content"));
    }
    let lines = split_lines(text);
    let query = words::query_terms(opts.question());
    let words = split_words(text, &lines, &query);
    if words.len() < settings.min_words {
        return Err(Skip::new(format!("only {} words (kompress needs {})", words.len(), settings.min_words)));
    }
    let strs: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
    let deadline = settings.budget.map(|b| started + b);
    let interrupt = || {
        if settings.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
            Some(Interrupt::Cancelled)
        } else if scorer::deadline_passed(deadline) {
            Some(Interrupt::Budget)
        } else {
            None
        }
    };
    let scores = match k.word_scores(&strs, settings.overlap_words, settings.batch_size, &interrupt) {
        Ok(s) => s,
        Err(ScoreError::Interrupted(Interrupt::Cancelled)) => return Err(Skip::new("cancelled")),
        Err(ScoreError::Interrupted(Interrupt::Budget)) => {
            let ms = settings.budget.map(|b| b.as_millis()).unwrap_or(0);
            return Err(Skip::new(format!("time budget of {ms} ms exceeded")));
        }
        Err(ScoreError::Ml(e)) => return Err(Skip::new(format!("model failed: {e}"))),
    };
    let keep = select::select(&words, &scores, settings.selection);
    let out = render::render(text, opts, &lines, &words, &keep)?;
    if out.text.len() as f64 > text.len() as f64 * (1.0 - settings.min_saving) {
        return Err(Skip::new(format!("would save under {}% of the bytes", (settings.min_saving * 100.0).round())));
    }
    Ok(out)
}
