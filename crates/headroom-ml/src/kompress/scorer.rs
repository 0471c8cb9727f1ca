//! Keep-probabilities per word from a token-classification model.
//!
//! Words are tokenized once to plan windows (see `chunk`), each window is tokenized again with the
//! model's special tokens, windows run in padded batches, and each word's score is the mean keep
//! probability of its tokens in the window that owns it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::chunk::{plan, Chunk};
use super::config::KompressConfig;
use super::Interrupt;
use crate::tokenizer::WordTokenizer;
use crate::{MlError, Model, TensorF32, TensorI64};

/// A model directory loaded once and reused: `model.onnx`, `tokenizer.json`, `config.json` (optional).
pub struct Kompressor {
    model: Model,
    tokenizer: WordTokenizer,
    config: KompressConfig,
    dir: PathBuf,
}

/// Why scoring stopped early.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreError {
    Ml(MlError),
    Interrupted(Interrupt),
}

impl From<MlError> for ScoreError {
    fn from(e: MlError) -> Self {
        ScoreError::Ml(e)
    }
}

impl Kompressor {
    pub fn load(dir: &Path, intra_threads: Option<usize>) -> Result<Kompressor, MlError> {
        let config = match std::fs::read_to_string(dir.join("config.json")) {
            Ok(s) => KompressConfig::parse(&s).map_err(MlError::ModelLoad)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => KompressConfig::default(),
            Err(e) => return Err(MlError::ModelLoad(format!("{}: {e}", dir.join("config.json").display()))),
        };
        let tokenizer = WordTokenizer::from_file(&dir.join("tokenizer.json"))?;
        let model = Model::load_with_threads(&dir.join("model.onnx"), intra_threads)?;
        if !model.input_names().iter().any(|n| n == "input_ids") {
            return Err(MlError::ModelLoad(format!("{}: the model has no `input_ids` input", dir.display())));
        }
        Ok(Kompressor { model, tokenizer, config, dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn config(&self) -> &KompressConfig {
        &self.config
    }

    /// Token counts of the words and the windows they are cut into.
    pub fn plan(&self, words: &[&str], overlap: usize) -> Result<(Vec<usize>, Vec<Chunk>), MlError> {
        let counts = self.tokenizer.token_counts(words)?;
        let capacity = self.config.max_seq_len.saturating_sub(self.tokenizer.special_tokens());
        let chunks = plan(&counts, capacity, overlap);
        Ok((counts, chunks))
    }

    /// One keep probability in `[0, 1]` per word. A word without tokens scores 1 (kept: the model never
    /// saw it, so it has no grounds to drop it). `interrupt` is asked before every batch.
    pub fn word_scores(&self, words: &[&str], overlap: usize, batch: usize, interrupt: &dyn Fn() -> Option<Interrupt>) -> Result<Vec<f32>, ScoreError> {
        let (_, chunks) = self.plan(words, overlap)?;
        let mut sums = vec![0f32; words.len()];
        let mut counts = vec![0u32; words.len()];
        for group in chunks.chunks(batch.max(1)) {
            if let Some(why) = interrupt() {
                return Err(ScoreError::Interrupted(why));
            }
            self.score_batch(words, group, &mut sums, &mut counts)?;
        }
        Ok(sums.iter().zip(&counts).map(|(&s, &c)| if c == 0 { 1.0 } else { s / c as f32 }).collect())
    }

    fn score_batch(&self, words: &[&str], group: &[Chunk], sums: &mut [f32], counts: &mut [u32]) -> Result<(), MlError> {
        let mut rows = Vec::with_capacity(group.len());
        for c in group {
            let mut enc = self.tokenizer.encode_words(&words[c.start..c.end])?;
            // Only a single word longer than the window gets here; the model sees its first tokens.
            enc.ids.truncate(self.config.max_seq_len);
            enc.word_ids.truncate(self.config.max_seq_len);
            rows.push(enc);
        }
        let seq = rows.iter().map(|r| r.ids.len()).max().unwrap_or(0);
        if seq == 0 {
            return Ok(());
        }
        let shape = vec![rows.len() as i64, seq as i64];
        let mut ids = Vec::with_capacity(rows.len() * seq);
        let mut mask = Vec::with_capacity(rows.len() * seq);
        for r in &rows {
            ids.extend_from_slice(&r.ids);
            ids.extend(std::iter::repeat_n(self.tokenizer.pad_id(), seq - r.ids.len()));
            mask.extend(std::iter::repeat_n(1i64, r.ids.len()));
            mask.extend(std::iter::repeat_n(0i64, seq - r.ids.len()));
        }
        let ids = TensorI64 { shape: shape.clone(), data: ids };
        let mask = TensorI64 { shape: shape.clone(), data: mask };
        let types = TensorI64 { shape: shape.clone(), data: vec![0; rows.len() * seq] };
        let mut inputs: Vec<(&str, &TensorI64)> = Vec::new();
        for name in self.model.input_names() {
            match name.as_str() {
                "input_ids" => inputs.push(("input_ids", &ids)),
                "attention_mask" => inputs.push(("attention_mask", &mask)),
                "token_type_ids" => inputs.push(("token_type_ids", &types)),
                other => return Err(MlError::BadInput(format!("unsupported model input `{other}`"))),
            }
        }
        let out = self.model.run_i64(&inputs)?;
        let probs = keep_probabilities(&out, rows.len(), seq, &self.config)?;
        for (b, (r, c)) in rows.iter().zip(group).enumerate() {
            for (t, w) in r.word_ids.iter().enumerate() {
                let Some(w) = w else { continue };
                let word = c.start + *w as usize;
                if word >= c.own_start && word < c.own_end {
                    sums[word] += probs[b * seq + t];
                    counts[word] += 1;
                }
            }
        }
        Ok(())
    }
}

/// Turns the model output into one keep probability per token, for both conventions: logits
/// `[batch, seq, labels]` (softmax, column `keep_label`) or one score `[batch, seq]`.
pub fn keep_probabilities(out: &TensorF32, batch: usize, seq: usize, config: &KompressConfig) -> Result<Vec<f32>, MlError> {
    let dims: Vec<usize> = out.shape.iter().map(|&d| d.max(0) as usize).collect();
    match dims.as_slice() {
        [b, s, labels] if *b == batch && *s == seq && *labels >= 2 && config.keep_label < *labels => Ok(out
            .data
            .chunks(*labels)
            .map(|row| {
                let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let total: f32 = row.iter().map(|v| (v - max).exp()).sum();
                (row[config.keep_label] - max).exp() / total
            })
            .collect()),
        [b, s] if *b == batch && *s == seq => Ok(out
            .data
            .iter()
            .map(|&v| if config.score_is_logit { 1.0 / (1.0 + (-v).exp()) } else { v.clamp(0.0, 1.0) })
            .collect()),
        _ => Err(MlError::Inference(format!("model output shape {:?} is neither [{batch}, {seq}, labels] nor [{batch}, {seq}]", out.shape))),
    }
}

/// The time an operation may still take, checked between batches.
pub fn deadline_passed(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}
