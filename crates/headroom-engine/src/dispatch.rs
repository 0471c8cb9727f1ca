//! One block in, one block out: detect the kind, run its compressor, and fail open.

use std::panic::{catch_unwind, AssertUnwindSafe};

use headroom_code::Language;
use headroom_marker::{Options, Outcome, Skip, Stored};

use crate::router::{detect, ContentKind, Detection};

/// What the caller knows about a block besides its text.
#[derive(Debug, Clone, Default)]
pub struct BlockRequest {
    pub options: Options,
    /// Skip detection: the caller knows the type (e.g. `compressText(text, { contentType })`).
    pub kind: Option<ContentKind>,
    /// For `ContentKind::Code`, when the caller knows the language (from a file extension).
    pub language: Option<Language>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockResult {
    /// The compressed text, or the original when the block passed through.
    pub text: String,
    pub detection: Detection,
    /// What was done (`json:columnar+select`, …); `None` when the block passed through.
    pub transform: Option<String>,
    /// Why the block passed through, when it did.
    pub skipped: Option<String>,
    /// Originals the compressed text refers to by key; the caller puts them in the CCR store.
    pub stored: Vec<Stored>,
}

fn language_name(text: &str) -> Option<&'static str> {
    headroom_code::detect_language(text).map(Language::name)
}

/// Compresses one block. Never panics and never returns something longer than the input: a compressor
/// that fails, panics or saves nothing leaves the block as it was, with the reason in `skipped`.
pub fn compress_block(text: &str, req: &BlockRequest) -> BlockResult {
    let mut detection = match req.kind {
        Some(kind) => Detection::new(kind, 1.0, "given by the caller"),
        None => detect(text, language_name),
    };
    if let Some(language) = req.language {
        detection.language = Some(language.name());
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| run(text, &detection, req)))
        .unwrap_or_else(|_| Err(Skip::new("internal error in the compressor (a Rust panic); the block was left as it was")));
    match outcome {
        Ok(c) if c.text.len() < text.len() => {
            BlockResult { text: c.text, detection, transform: Some(c.transform), skipped: None, stored: c.stored }
        }
        Ok(_) => passed_through(text, detection, "compression would not make it smaller".into()),
        Err(skip) => passed_through(text, detection, skip.reason),
    }
}

fn passed_through(text: &str, detection: Detection, reason: String) -> BlockResult {
    BlockResult { text: text.to_string(), detection, transform: None, skipped: Some(reason), stored: Vec::new() }
}

fn run(text: &str, detection: &Detection, req: &BlockRequest) -> Outcome {
    let o = &req.options;
    match detection.kind {
        ContentKind::Json => headroom_json::compress_json(text, o),
        ContentKind::JsonLines => headroom_json::compress_jsonl(text, o),
        ContentKind::Table => headroom_json::compress_table(text, o),
        ContentKind::Log => headroom_text::compress_log(text, o),
        ContentKind::Search => headroom_text::compress_search(text, o),
        ContentKind::Diff => headroom_text::compress_diff(text, o),
        ContentKind::Listing => headroom_text::compress_listing(text, o),
        ContentKind::Html => headroom_text::compress_html(text, o),
        ContentKind::Prose => headroom_text::compress_prose(text, o),
        ContentKind::Code => {
            let language = req.language.or_else(|| detection.language.and_then(|name| Language::ALL.into_iter().find(|l| l.name() == name)));
            match language {
                Some(language) => headroom_code::compress_code(text, language, o),
                None => Err(Skip::new("source code in a language Headroom cannot parse")),
            }
        }
        ContentKind::Unknown => Err(Skip::new(format!("no compressor for this content ({})", detection.reason))),
    }
}
