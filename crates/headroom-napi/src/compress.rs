use std::panic::{catch_unwind, AssertUnwindSafe};

use headroom_code::Language;
use headroom_engine::router::ContentKind;
use headroom_engine::{compress_block as engine_compress, BlockRequest, BlockResult};
use headroom_marker::{Options, Profile};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;

use crate::guard::{error, guard, Result, INVALID_ARG};

#[napi(object)]
#[derive(Default)]
pub struct BindingCompressOptions {
    /// The user's question: matching items, lines and symbols are kept.
    pub query: Option<String>,
    /// `safe` (lossless only), `balanced` or `aggressive`. @default 'balanced'
    pub profile: Option<String>,
    /// Skip detection: `json`, `jsonl`, `log`, `search`, `diff`, `code`, `html`, `prose`, `table`, `listing`.
    pub content_type: Option<String>,
    /// For code: a language name (`python`, `tsx`, …) or a file extension (`py`, `.rs`).
    pub language: Option<String>,
    /// Where the CCR store keeps originals as files; markers name `<ccrDir>/<key>`.
    pub ccr_dir: Option<String>,
}

#[napi(object)]
pub struct BindingStored {
    pub key: String,
    pub content: String,
}

#[napi(object)]
pub struct BindingBlockResult {
    /// The compressed text, or the original when the block passed through.
    pub text: String,
    pub content_type: String,
    pub language: Option<String>,
    pub confidence: f64,
    /// Why the router chose `contentType`.
    pub reason: String,
    /// What was done, e.g. `json:columnar+select`; absent when the block passed through.
    pub transform: Option<String>,
    /// Why the block passed through, when it did.
    pub skipped: Option<String>,
    /// Originals to put in the CCR store, by key.
    pub stored: Vec<BindingStored>,
}

fn request(options: Option<BindingCompressOptions>) -> Result<BlockRequest> {
    let o = options.unwrap_or_default();
    let profile = match o.profile.as_deref() {
        None => Profile::default(),
        Some(p) => Profile::parse(p).ok_or_else(|| error(INVALID_ARG, format!("unknown profile `{p}`: use safe, balanced or aggressive")))?,
    };
    let kind = match o.content_type.as_deref() {
        None => None,
        Some(t) => Some(ContentKind::parse(t).ok_or_else(|| error(INVALID_ARG, format!("unknown contentType `{t}`")))?),
    };
    let language = o.language.as_deref().and_then(|l| Language::ALL.into_iter().find(|x| x.name() == l).or_else(|| Language::from_extension(l)));
    Ok(BlockRequest { options: Options { query: o.query, profile, ccr_dir: o.ccr_dir }, kind, language })
}

fn to_binding(r: BlockResult) -> BindingBlockResult {
    BindingBlockResult {
        text: r.text,
        content_type: r.detection.kind.name().to_string(),
        language: r.detection.language.map(str::to_string),
        confidence: f64::from(r.detection.confidence),
        reason: r.detection.reason,
        transform: r.transform,
        skipped: r.skipped,
        stored: r.stored.into_iter().map(|s| BindingStored { key: s.key, content: s.content }).collect(),
    }
}

/// Compresses one block of tool output on the calling thread.
#[napi]
pub fn compress_block_sync(text: String, options: Option<BindingCompressOptions>) -> Result<BindingBlockResult> {
    guard(|| Ok(to_binding(engine_compress(&text, &request(options)?))))
}

pub struct CompressTask {
    text: String,
    request: BlockRequest,
}

impl Task for CompressTask {
    type Output = BlockResult;
    type JsValue = BindingBlockResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        // compress_block contains compressor panics itself; this catches anything around it, because a
        // panic on a libuv worker thread would abort the process.
        catch_unwind(AssertUnwindSafe(|| engine_compress(&self.text, &self.request)))
            .map_err(|_| napi::Error::from_reason("HEADROOM_PANIC: internal error in the native engine"))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(to_binding(output))
    }
}

/// Compresses one block of tool output on the libuv thread pool, off the event loop.
#[napi(ts_return_type = "Promise<BindingBlockResult>")]
pub fn compress_block(text: String, options: Option<BindingCompressOptions>) -> Result<AsyncTask<CompressTask>> {
    guard(|| Ok(AsyncTask::new(CompressTask { text, request: request(options)? })))
}
