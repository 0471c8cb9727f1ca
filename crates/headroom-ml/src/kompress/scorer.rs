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
use crate::tokenizer::{counts_of, EncodedWords, WordTokenizer};
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
        let plain = self.tokenizer.encode_plain(words)?;
        Ok(self.plan_encoded(&plain, words.len(), overlap))
    }

    fn plan_encoded(&self, plain: &EncodedWords, words: usize, overlap: usize) -> (Vec<usize>, Vec<Chunk>) {
        let counts = counts_of(plain, words);
        let capacity = self.config.max_seq_len.saturating_sub(self.tokenizer.special_tokens());
        let chunks = plan(&counts, capacity, overlap);
        (counts, chunks)
    }

    /// One keep probability in `[0, 1]` per word. A word without tokens scores 1 (kept: the model never
    /// saw it, so it has no grounds to drop it). `interrupt` is asked before every batch.
    pub fn word_scores(&self, words: &[&str], overlap: usize, batch: usize, interrupt: &dyn Fn() -> Option<Interrupt>) -> Result<Vec<f32>, ScoreError> {
        // One tokenization for the whole block; windows are slices of it.
        let plain = self.tokenizer.encode_plain(words)?;
        let (counts_per_word, chunks) = self.plan_encoded(&plain, words.len(), overlap);
        // Token offset of each word (word_ids are in word order for pre-tokenized input).
        let mut first_token = Vec::with_capacity(words.len() + 1);
        let mut t = 0;
        for c in &counts_per_word {
            first_token.push(t);
            t += c;
        }
        first_token.push(t.min(plain.ids.len()));
        let mut sums = vec![0f32; words.len()];
        let mut counts = vec![0u32; words.len()];
        for group in chunks.chunks(batch.max(1)) {
            if let Some(why) = interrupt() {
                return Err(ScoreError::Interrupted(why));
            }
            let rows: Vec<EncodedWords> = group
                .iter()
                .map(|c| {
                    self.tokenizer.window(
                        &plain,
                        first_token[c.start].min(plain.ids.len()),
                        first_token[c.end].min(plain.ids.len()),
                        c.start,
                        self.config.max_seq_len,
                    )
                })
                .collect();
            self.score_batch(rows, group, &mut sums, &mut counts)?;
        }
        Ok(sums.iter().zip(&counts).map(|(&s, &c)| if c == 0 { 1.0 } else { s / c as f32 }).collect())
    }

    /// Runs one batch of windows (a window longer than the model's is a single long word, already cut
    /// by `window`: the model sees its first tokens).
    fn score_batch(&self, rows: Vec<EncodedWords>, group: &[Chunk], sums: &mut [f32], counts: &mut [u32]) -> Result<(), MlError> {
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
        [b, s] if *b == batch && *s == seq => {
            Ok(out.data.iter().map(|&v| if config.score_is_logit { 1.0 / (1.0 + (-v).exp()) } else { v.clamp(0.0, 1.0) }).collect())
        }
        _ => Err(MlError::Inference(format!("model output shape {:?} is neither [{batch}, {seq}, labels] nor [{batch}, {seq}]", out.shape))),
    }
}

/// The time an operation may still take, checked between batches.
pub fn deadline_passed(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}
