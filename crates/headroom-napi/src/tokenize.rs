use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;

use crate::errors::{reject, Result};
use crate::guard::guard;

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

pub struct CountTask {
    texts: Vec<String>,
    model: Option<String>,
}

impl Task for CountTask {
    type Output = Result<Vec<u32>>;
    type JsValue = Vec<u32>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        // A panic on a libuv worker thread would abort the process.
        Ok(guard(|| {
            let counts = headroom_tokenizer::count_tokens_batch(&self.texts, self.model.as_deref().unwrap_or(DEFAULT_MODEL));
            Ok(counts.into_iter().map(|c| c.tokens as u32).collect())
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|e| reject(env, e))
    }
}

/// Counts many texts for one model on the libuv thread pool, off the event loop: for figures that are
/// reported after the fact (a proxy's ledger), so counting never delays a request.
#[napi(ts_return_type = "Promise<Array<number>>")]
pub fn count_tokens_batch_async(texts: Vec<String>, model: Option<String>) -> AsyncTask<CountTask> {
    AsyncTask::new(CountTask { texts, model })
}

pub(crate) const DEFAULT_MODEL: &str = "gpt-4o";
