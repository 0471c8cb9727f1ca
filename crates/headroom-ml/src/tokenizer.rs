//! A model's Hugging Face `tokenizer.json`, used on text that is already split into words.
//!
//! Kompress decides per *word* (whitespace-separated, so line breaks and indentation survive), while the
//! model sees sub-word tokens. Feeding the tokenizer pre-tokenized words makes it report, for every
//! token, the index of the word it came from (`word_ids`), which is how token scores go back to words.

use std::collections::HashMap;
use std::path::Path;

use tokenizers::{EncodeInput, InputSequence, Tokenizer};

use crate::MlError;

/// The tokens of a run of words, with the model's special tokens (`[CLS]`/`[SEP]`, `<s>`/`</s>`) added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedWords {
    pub ids: Vec<i64>,
    /// For each token, the index (within the words given) of the word it belongs to; `None` for special
    /// tokens.
    pub word_ids: Vec<Option<u32>>,
}

pub struct WordTokenizer {
    inner: Tokenizer,
    pad_id: i64,
    /// The special tokens the model expects around one sequence (`[CLS]` … `[SEP]`, `<s>` … `</s>`).
    prefix: Vec<i64>,
    suffix: Vec<i64>,
}

impl WordTokenizer {
    pub fn from_file(path: &Path) -> Result<WordTokenizer, MlError> {
        let mut inner = Tokenizer::from_file(path).map_err(|e| MlError::Tokenizer(format!("{}: {e}", path.display())))?;
        // Published tokenizer.json files often enable truncation (512) and padding: chunking is ours, and
        // counting tokens over a whole document must not be cut short.
        let pad_id = inner.get_padding().map(|p| p.pad_id).or_else(|| ["[PAD]", "<pad>"].iter().find_map(|t| inner.token_to_id(t))).unwrap_or(0);
        inner.with_padding(None);
        inner.with_truncation(None).map_err(|e| MlError::Tokenizer(e.to_string()))?;
        let mut t = WordTokenizer { inner, pad_id: i64::from(pad_id), prefix: Vec::new(), suffix: Vec::new() };
        // Learn where the post-processor puts its special tokens from one word encoded with and without
        // them: then a window's ids are prefix + its words' ids + suffix, and a document is tokenized
        // once instead of once more per window.
        let with = t.encode(&["a"], true)?;
        let without = t.encode(&["a"], false)?;
        let n = without.ids.len();
        if let Some(p) = (0..=with.ids.len().saturating_sub(n)).find(|&p| with.ids[p..p + n] == without.ids[..]) {
            t.prefix = with.ids[..p].to_vec();
            t.suffix = with.ids[p + n..].to_vec();
        }
        Ok(t)
    }

    /// Tokenizes `words` without special tokens (see [`WordTokenizer::window`]). Pre-tokenized words are
    /// tokenized independently of each other, so each distinct word is tokenized once: prose repeats
    /// its words, and the tokenizer's per-word cost (microseconds) dominates a block's time otherwise.
    pub fn encode_plain(&self, words: &[&str]) -> Result<EncodedWords, MlError> {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(words.len() / 4);
        let mut unique: Vec<&str> = Vec::new();
        let which: Vec<usize> = words
            .iter()
            .map(|w| {
                *index.entry(w).or_insert_with(|| {
                    unique.push(w);
                    unique.len() - 1
                })
            })
            .collect();
        if unique.is_empty() {
            return Ok(EncodedWords { ids: Vec::new(), word_ids: Vec::new() });
        }
        let enc = self.encode(&unique, false)?;
        let mut per_word: Vec<Vec<i64>> = vec![Vec::new(); unique.len()];
        for (id, w) in enc.ids.iter().zip(&enc.word_ids) {
            if let Some(list) = w.and_then(|w| per_word.get_mut(w as usize)) {
                list.push(*id);
            }
        }
        let mut out = EncodedWords { ids: Vec::with_capacity(enc.ids.len() * 4), word_ids: Vec::with_capacity(enc.ids.len() * 4) };
        for (wi, &u) in which.iter().enumerate() {
            for &id in &per_word[u] {
                out.ids.push(id);
                out.word_ids.push(Some(wi as u32));
            }
        }
        Ok(out)
    }

    /// The model input for tokens `[from, to)` of a plain encoding, with the special tokens around them,
    /// cut to `max_len` tokens (the suffix stays). Word indices are made relative to `first_word`.
    pub fn window(&self, plain: &EncodedWords, from: usize, to: usize, first_word: usize, max_len: usize) -> EncodedWords {
        let room = max_len.saturating_sub(self.prefix.len() + self.suffix.len());
        let to = to.min(from + room);
        let mut ids = Vec::with_capacity(self.prefix.len() + (to - from) + self.suffix.len());
        let mut word_ids = Vec::with_capacity(ids.capacity());
        ids.extend_from_slice(&self.prefix);
        word_ids.extend(std::iter::repeat_n(None, self.prefix.len()));
        ids.extend_from_slice(&plain.ids[from..to]);
        word_ids.extend(plain.word_ids[from..to].iter().map(|w| w.and_then(|w| (w as usize).checked_sub(first_word)).map(|w| w as u32)));
        ids.extend_from_slice(&self.suffix);
        word_ids.extend(std::iter::repeat_n(None, self.suffix.len()));
        EncodedWords { ids, word_ids }
    }

    /// The id a batch pads short rows with.
    pub fn pad_id(&self) -> i64 {
        self.pad_id
    }

    /// How many special tokens one sequence carries (they count against the model's window).
    pub fn special_tokens(&self) -> usize {
        self.prefix.len() + self.suffix.len()
    }

    /// The number of tokens of each word (without special tokens). A word the vocabulary cannot
    /// represent at all counts 0.
    pub fn token_counts(&self, words: &[&str]) -> Result<Vec<usize>, MlError> {
        Ok(counts_of(&self.encode_plain(words)?, words.len()))
    }

    /// Tokenizes `words` as one sequence with the model's special tokens.
    pub fn encode_words(&self, words: &[&str]) -> Result<EncodedWords, MlError> {
        self.encode(words, true)
    }

    fn encode(&self, words: &[&str], special: bool) -> Result<EncodedWords, MlError> {
        let input = EncodeInput::Single(InputSequence::from(words));
        let enc = self.inner.encode(input, special).map_err(|e| MlError::Tokenizer(e.to_string()))?;
        Ok(EncodedWords { ids: enc.get_ids().iter().map(|&i| i64::from(i)).collect(), word_ids: enc.get_word_ids().to_vec() })
    }
}

/// Tokens per word of a plain encoding of `words` words.
pub fn counts_of(enc: &EncodedWords, words: usize) -> Vec<usize> {
    let mut counts = vec![0usize; words];
    for w in enc.word_ids.iter().flatten() {
        if let Some(c) = counts.get_mut(*w as usize) {
            *c += 1;
        }
    }
    counts
}
