use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use headroom_code::Language as EngineLanguage;
use headroom_engine::router::ContentKind;
use headroom_engine::{compress_block as engine_compress, BlockRequest, BlockResult, Stop};
use headroom_marker::Options;
use napi::bindgen_prelude::{AbortSignal, AsyncTask};
use napi::{Env, Task};
use napi_derive::napi;

use crate::errors::{error, reject, ErrorCode, Result};
use crate::guard::guard;
use crate::names::{parse_profile, ContentType, Language};
use crate::tokenize::DEFAULT_MODEL;

#[napi(object)]
#[derive(Default)]
pub struct BindingCompressOptions {
    /// The user's question: matching items, lines and symbols are kept.
    pub query: Option<String>,
    /// @default 'balanced'
    #[napi(ts_type = "`${Profile}`")]
    pub profile: Option<String>,
    /// Skip detection.
    #[napi(ts_type = "`${ContentType}`")]
    pub content_type: Option<String>,
    /// For code: a `Language` or a file extension (`py`, `.rs`).
    pub language: Option<String>,
    /// Where the CCR store keeps originals as files; markers name `<ccrDir>/<key>`.
    pub ccr_dir: Option<String>,
    /// Also count the tokens of the input and the output (`tokensBefore`/`tokensAfter`) in the same
    /// call: for `compressBlock`, off the event loop.
    pub count_tokens: Option<bool>,
    /// The model whose tokenizer counts. @default 'gpt-4o'
    pub model: Option<String>,
    /// Give up once this many milliseconds have passed since the call (time waiting for a thread
    /// included): the engine stops at its next step, the block passes through uncounted and `stopped`
    /// is set. @default no limit
    pub budget_ms: Option<f64>,
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
    #[napi(ts_type = "`${ContentType}`")]
    pub content_type: ContentType,
    #[napi(ts_type = "`${Language}`")]
    pub language: Option<Language>,
    pub confidence: f64,
    /// Why the router chose `contentType`.
    pub reason: String,
    /// What was done, e.g. `json:columnar+select`; absent when the block passed through.
    pub transform: Option<String>,
    /// Why the block passed through, when it did.
    pub skipped: Option<String>,
    /// Originals to put in the CCR store, by key.
    pub stored: Vec<BindingStored>,
    /// Tokens of the input, with `countTokens`.
    pub tokens_before: Option<u32>,
    /// Tokens of `text`, with `countTokens`.
    pub tokens_after: Option<u32>,
    /// Milliseconds spent compressing (detection included, token counting not).
    pub engine_ms: f64,
    /// `budgetMs` ran out before the block was done: it passed through and was not counted.
    pub stopped: bool,
}

/// What a call computes: the engine's result and, when asked, its token counts.
pub struct Computed {
    result: BlockResult,
    tokens: Option<(u32, u32)>,
    engine_ms: f64,
}

struct Call {
    request: BlockRequest,
}

fn call(options: Option<BindingCompressOptions>) -> Result<Call> {
    let o = options.unwrap_or_default();
    let profile = parse_profile(o.profile.as_deref())?;
    let kind = match o.content_type.as_deref() {
        None => None,
        Some(t) => {
            Some(ContentType::parse(t).map(ContentKind::from).ok_or_else(|| error(ErrorCode::HeadroomInvalidArg, format!("unknown contentType `{t}`")))?)
        }
    };
    // A language Headroom has no grammar for is not an error: the code passes through, as detected code would.
    let language = o.language.as_deref().and_then(|l| Language::parse(l).map(EngineLanguage::from).or_else(|| EngineLanguage::from_extension(l)));
    let count_model = o.count_tokens.unwrap_or(false).then(|| o.model.unwrap_or_else(|| DEFAULT_MODEL.to_string()));
    let stop = match o.budget_ms {
        None => Stop::never(),
        Some(ms) if ms.is_nan() => return Err(error(ErrorCode::HeadroomInvalidArg, "budgetMs must be a number of milliseconds")),
        Some(ms) if ms.is_infinite() && ms > 0.0 => Stop::never(),
        Some(ms) => Stop::after(Duration::from_secs_f64(ms.clamp(0.0, 1e12) / 1000.0)),
    };
    let request = BlockRequest { options: Options::new(o.query, profile, o.ccr_dir), kind, language, count_model, stop };
    Ok(Call { request })
}

fn compute(text: &str, call: &Call) -> Computed {
    let started = Instant::now();
    let result = engine_compress(text, &call.request);
    // The engine counts tokens as it goes (never-larger needs them): its own time excludes that.
    let engine_ms = started.elapsed().as_secs_f64() * 1000.0 - result.counting_ms;
    let tokens = result.tokens.map(|(b, a)| (b as u32, a as u32));
    Computed { result, tokens, engine_ms }
}

fn to_binding(c: Computed) -> BindingBlockResult {
    let r = c.result;
    BindingBlockResult {
        text: r.text,
        content_type: r.detection.kind.into(),
        language: r.detection.language.map(Language::from),
        confidence: f64::from(r.detection.confidence),
        reason: r.detection.reason,
        transform: r.transform,
        skipped: r.skipped,
        stored: r.stored.into_iter().map(|s| BindingStored { key: s.key, content: s.content }).collect(),
        tokens_before: c.tokens.map(|t| t.0),
        tokens_after: c.tokens.map(|t| t.1),
        engine_ms: c.engine_ms,
        stopped: r.stopped,
    }
}

/// Compresses one block of tool output on the calling thread.
#[napi]
pub fn compress_block_sync(text: String, options: Option<BindingCompressOptions>) -> Result<BindingBlockResult> {
    guard(|| Ok(to_binding(compute(&text, &call(options)?))))
}

pub struct CompressTask {
    text: String,
    call: Call,
}

impl Task for CompressTask {
    type Output = Result<Computed>;
    type JsValue = BindingBlockResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        // compress_block contains compressor panics itself; this catches anything around it, because a
        // panic on a libuv worker thread would abort the process.
        Ok(guard(|| Ok(compute(&self.text, &self.call))))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map(to_binding).map_err(|e| reject(env, e))
    }
}

/// Compresses one block of tool output on the libuv thread pool, off the event loop. Once `signal`
/// aborts, a call still waiting for a thread rejects with an AbortError and a running one stops at the
/// engine's next step (the block passes through, `stopped` set), so the thread is free again.
#[napi(ts_return_type = "Promise<BindingBlockResult>")]
pub fn compress_block(text: String, options: Option<BindingCompressOptions>, signal: Option<AbortSignal>) -> Result<AsyncTask<CompressTask>> {
    guard(|| {
        let mut call = call(options)?;
        if let Some(signal) = &signal {
            let flag = Arc::new(AtomicBool::new(false));
            let raised = flag.clone();
            signal.on_abort(move || raised.store(true, Ordering::Relaxed));
            call.request.stop = call.request.stop.clone().or_when(flag);
        }
        Ok(AsyncTask::with_optional_signal(CompressTask { text, call }, signal))
    })
}
