use napi_derive::napi;

use crate::guard::{guard, Result};

#[napi(object)]
pub struct BindingTokenCount {
    pub tokens: u32,
    /// `o200k_base`, `cl100k_base` or `claude_estimate`.
    pub encoding: String,
    /// False when the count is an estimate (Claude models).
    pub exact: bool,
}

/// Counts the tokens of `text` for `model` (default `gpt-4o`).
#[napi]
pub fn count_tokens(text: String, model: Option<String>) -> Result<BindingTokenCount> {
    guard(|| {
        let c = headroom_tokenizer::count_tokens(&text, model.as_deref().unwrap_or(DEFAULT_MODEL));
        Ok(BindingTokenCount { tokens: c.tokens as u32, encoding: c.encoding.name().to_string(), exact: c.exact })
    })
}

/// Counts many texts for one model in a single boundary crossing.
#[napi]
pub fn count_tokens_batch(texts: Vec<String>, model: Option<String>) -> Result<Vec<u32>> {
    guard(|| {
        let counts = headroom_tokenizer::count_tokens_batch(&texts, model.as_deref().unwrap_or(DEFAULT_MODEL));
        Ok(counts.into_iter().map(|c| c.tokens as u32).collect())
    })
}

pub(crate) const DEFAULT_MODEL: &str = "gpt-4o";
