//! Kompress (ML word-level compression) for JavaScript: always off the event loop, cancellable through
//! an `AbortSignal`, with a per-call time budget. Models are loaded once per directory and thread count
//! and shared by later calls (loading parses the whole ONNX file).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use headroom_marker::Options;
use headroom_ml::kompress::{compress, KompressSettings, Kompressor, Selection};
use headroom_ml::MlError;
use napi::bindgen_prelude::{AbortSignal, AsyncTask};
use napi::{Env, Task};
use napi_derive::napi;

use crate::compress::BindingStored;
use crate::errors::{error, ml_error, reject, ErrorCode, Result};
use crate::guard::guard;
use crate::names::parse_profile;

#[napi(object)]
#[derive(Default)]
pub struct BindingKompressOptions {
    /// The model directory (`model.onnx`, `tokenizer.json`, optional `config.json`).
    pub model_dir: String,
    /// The user's question: lines that match it are kept whole.
    pub query: Option<String>,
    /// `safe` (passes through), `balanced` (threshold 0.5) or `aggressive` (keep a third). @default 'balanced'
    #[napi(ts_type = "`${Profile}`")]
    pub profile: Option<String>,
    /// Where the CCR store keeps originals as files; the marker names `<ccrDir>/<key>`.
    pub ccr_dir: Option<String>,
    /// Keep words whose keep probability is above this (overrides the profile).
    pub threshold: Option<f64>,
    /// Keep this fraction of the words (overrides the profile and `threshold`).
    pub keep_fraction: Option<f64>,
    /// ONNX Runtime threads per operator. @default 1
    pub threads: Option<u32>,
    /// Model windows per inference call. @default 8
    pub batch_size: Option<u32>,
    /// Words shared by consecutive windows. @default 16
    pub overlap_words: Option<u32>,
    /// Blocks with fewer words pass through. @default 40
    pub min_words: Option<u32>,
    /// After this many milliseconds the block passes through (`skipped` says so).
    pub budget_ms: Option<u32>,
}

#[napi(object)]
pub struct BindingKompressResult {
    /// The compressed text, or the original when the block passed through.
    pub text: String,
    /// `prose:kompress` when compressed.
    pub transform: Option<String>,
    /// Why the block passed through, when it did.
    pub skipped: Option<String>,
    /// Originals to put in the CCR store, by key.
    pub stored: Vec<BindingStored>,
}

#[napi(object)]
pub struct BindingKompressModelInfo {
    pub dir: String,
    /// Tokens per model window.
    pub max_seq_len: u32,
    /// The logit column meaning "keep" for `[batch, seq, labels]` outputs.
    pub keep_label: u32,
}

type Cache = Mutex<HashMap<(PathBuf, usize), Arc<Kompressor>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn load(dir: &Path, threads: usize) -> std::result::Result<Arc<Kompressor>, MlError> {
    let key = (dir.to_path_buf(), threads);
    if let Some(k) = cache().lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(k.clone());
    }
    // Loaded outside the lock: two first calls may both load, one copy wins; no call waits on another.
    let k = Arc::new(Kompressor::load(dir, Some(threads))?);
    cache().lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_insert(k.clone());
    Ok(k)
}

struct Call {
    text: String,
    dir: PathBuf,
    threads: usize,
    options: Options,
    settings: KompressSettings,
}

fn call(text: String, o: BindingKompressOptions) -> Result<Call> {
    if o.model_dir.is_empty() {
        return Err(error(ErrorCode::HeadroomInvalidArg, "modelDir is empty"));
    }
    let profile = parse_profile(o.profile.as_deref())?;
    let mut settings = KompressSettings::for_profile(profile);
    let unit = |name: &str, v: f64| {
        if (0.0..=1.0).contains(&v) {
            Ok(v as f32)
        } else {
            Err(error(ErrorCode::HeadroomInvalidArg, format!("{name} must be between 0 and 1, got {v}")))
        }
    };
    if let Some(t) = o.threshold {
        settings.selection = Selection::Threshold(unit("threshold", t)?);
    }
    if let Some(f) = o.keep_fraction {
        settings.selection = Selection::KeepFraction(unit("keepFraction", f)?);
    }
    if let Some(b) = o.batch_size {
        settings.batch_size = b.max(1) as usize;
    }
    if let Some(w) = o.overlap_words {
        settings.overlap_words = w as usize;
    }
    if let Some(m) = o.min_words {
        settings.min_words = m as usize;
    }
    settings.budget = o.budget_ms.map(|ms| Duration::from_millis(u64::from(ms)));
    let options = Options::new(o.query, profile, o.ccr_dir);
    Ok(Call { text, dir: PathBuf::from(o.model_dir), threads: o.threads.unwrap_or(1).max(1) as usize, options, settings })
}

fn run(c: &Call) -> std::result::Result<BindingKompressResult, MlError> {
    let k = load(&c.dir, c.threads)?;
    Ok(match compress(&k, &c.text, &c.options, &c.settings) {
        Ok(out) => BindingKompressResult {
            text: out.text,
            transform: Some(out.transform),
            skipped: None,
            stored: out.stored.into_iter().map(|s| BindingStored { key: s.key, content: s.content }).collect(),
        },
        Err(skip) => BindingKompressResult { text: c.text.clone(), transform: None, skipped: Some(skip.reason), stored: Vec::new() },
    })
}

/// Compresses prose with a Kompress model on the calling thread (tests, scripts; servers use `kompress`).
#[napi]
pub fn kompress_sync(text: String, options: BindingKompressOptions) -> Result<BindingKompressResult> {
    guard(|| run(&call(text, options)?).map_err(ml_error))
}

pub struct KompressTask {
    call: Call,
}

impl Task for KompressTask {
    type Output = Result<BindingKompressResult>;
    type JsValue = BindingKompressResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        // A panic on a libuv worker thread would abort the process.
        Ok(guard(|| run(&self.call).map_err(ml_error)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|e| reject(env, e))
    }
}

/// Compresses prose with a Kompress model on the libuv thread pool. Aborting `signal` stops the work
/// between two model batches (the result then says `skipped: 'cancelled'`; a call that had not started
/// yet rejects with an AbortError).
#[napi(ts_return_type = "Promise<BindingKompressResult>")]
pub fn kompress(text: String, options: BindingKompressOptions, signal: Option<AbortSignal>) -> Result<AsyncTask<KompressTask>> {
    guard(|| {
        let mut call = call(text, options)?;
        if let Some(s) = &signal {
            let flag = Arc::new(AtomicBool::new(false));
            let f = flag.clone();
            s.on_abort(move || f.store(true, Ordering::Relaxed));
            call.settings.cancel = Some(flag);
        }
        Ok(AsyncTask::with_optional_signal(KompressTask { call }, signal))
    })
}

/// Loads (and caches) a model directory, validating it: ONNX Runtime must be initialised first.
#[napi]
pub fn kompress_load_model(model_dir: String, threads: Option<u32>) -> Result<BindingKompressModelInfo> {
    guard(|| {
        let k = load(Path::new(&model_dir), threads.unwrap_or(1).max(1) as usize).map_err(ml_error)?;
        let c = k.config();
        Ok(BindingKompressModelInfo { dir: k.dir().display().to_string(), max_seq_len: c.max_seq_len as u32, keep_label: c.keep_label as u32 })
    })
}
