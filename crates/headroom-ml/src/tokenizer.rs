//! A model's Hugging Face `tokenizer.json`, used on text that is already split into words.
//!
//! Kompress decides per *word* (whitespace-separated, so line breaks and indentation survive), while the
//! model sees sub-word tokens. Feeding the tokenizer pre-tokenized words makes it report, for every
//! token, the index of the word it came from (`word_ids`), which is how token scores go back to words.

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
    specials: usize,
}

impl WordTokenizer {
    pub fn from_file(path: &Path) -> Result<WordTokenizer, MlError> {
        let mut inner = Tokenizer::from_file(path).map_err(|e| MlError::Tokenizer(format!("{}: {e}", path.display())))?;
        // Published tokenizer.json files often enable truncation (512) and padding: chunking is ours, and
        // counting tokens over a whole document must not be cut short.
        let pad_id = inner.get_padding().map(|p| p.pad_id).or_else(|| ["[PAD]", "<pad>"].iter().find_map(|t| inner.token_to_id(t))).unwrap_or(0);
        inner.with_padding(None);
        inner.with_truncation(None).map_err(|e| MlError::Tokenizer(e.to_string()))?;
        let specials = inner.get_post_processor().map(|p| tokenizers::PostProcessor::added_tokens(p, false)).unwrap_or(0);
        Ok(WordTokenizer { inner, pad_id: i64::from(pad_id), specials })
    }

    /// The id a batch pads short rows with.
    pub fn pad_id(&self) -> i64 {
        self.pad_id
    }

    /// How many special tokens one sequence carries (they count against the model's window).
    pub fn special_tokens(&self) -> usize {
        self.specials
    }

    /// The number of tokens of each word (without special tokens). A word the vocabulary cannot
    /// represent at all counts 0.
    pub fn token_counts(&self, words: &[&str]) -> Result<Vec<usize>, MlError> {
        let mut counts = vec![0usize; words.len()];
        if words.is_empty() {
            return Ok(counts);
        }
        let enc = self.encode(words, false)?;
        for w in enc.word_ids.iter().flatten() {
            if let Some(c) = counts.get_mut(*w as usize) {
                *c += 1;
            }
        }
        Ok(counts)
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
