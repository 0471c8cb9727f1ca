//! One block in, one block out: rank what the block may be, run the compressors in that order, fall back
//! to the universal line compressor, and fail open. The never-larger rule lives here, for every
//! compressor at once: an output that does not have fewer tokens than its input is not used.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use headroom_code::Language;
use headroom_marker::{Compressed, Options, Outcome, Query, Skip, Stored};

use crate::router::{rank, ContentKind, Detection, MIN_CONFIDENCE};
use crate::Stop;

/// How many detections are tried before the fallback: the winner and the runner-up. A third guess is
/// rarely right, and each failed try costs a full pass (a tree-sitter parse for code).
const TRIES: usize = 2;
/// A text compressor that saves less than this share of the bytes lets the others try too.
const POOR_SAVING: f64 = 0.1;
/// When the output has fewer than this share of the input's bytes, it has fewer tokens too (markers
/// cost at most ~2.5 bytes per token, text at least ~1), so counting can be skipped.
const SURELY_SMALLER: f64 = 0.4;

/// What the caller knows about a block besides its text.
#[derive(Debug, Clone, Default)]
pub struct BlockRequest {
    pub options: Options,
    /// Skip detection: the caller knows the type (e.g. `compressText(text, { contentType })`).
    pub kind: Option<ContentKind>,
    /// For `ContentKind::Code`, when the caller knows the language (from a file extension).
    pub language: Option<Language>,
    /// Count the input's and the output's tokens for this model (they decide never-larger exactly and
    /// come back in `BlockResult::tokens`). Without it, never-larger is judged with `gpt-4o`'s tokenizer.
    pub count_model: Option<String>,
    /// Give up (pass the block through, uncounted) at the first step past this point.
    pub stop: Stop,
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
    /// Tokens of the input and of `text`, when `count_model` was given.
    pub tokens: Option<(usize, usize)>,
    /// Time the compressors spent counting tokens or waiting for the input's count, so callers can
    /// report the compressors' own time apart.
    pub counting_ms: f64,
    /// The request's `stop` came before the block was done: it passed through and was not counted.
    pub stopped: bool,
}

/// The tokenizer that judges never-larger when the caller names no model.
const JUDGE_MODEL: &str = "gpt-4o";

/// Compresses one block. Never panics and never returns something with as many tokens as the input: a
/// compressor that fails, panics, saves nothing or drops an identifier the question names leaves the
/// block to the next candidate, then to the line fallback, then as it was, with the reasons in `skipped`.
pub fn compress_block(text: &str, req: &BlockRequest) -> BlockResult {
    let input = OnceLock::new();
    match req.count_model.as_deref() {
        // The input's count is wanted whatever happens: it is taken on another core while the
        // compressors run (the judge waits for it only if it needs it first).
        Some(model) if !req.stop.reached() => {
            let (_, result) = rayon::join(
                || {
                    input.get_or_init(|| tokens(text, model));
                },
                || compress_block_judged(text, req, &input),
            );
            result
        }
        _ => compress_block_judged(text, req, &input),
    }
}

fn compress_block_judged(text: &str, req: &BlockRequest, input: &OnceLock<usize>) -> BlockResult {
    let candidates = match req.kind {
        Some(kind) => vec![Detection::new(kind, 1.0, "given by the caller")],
        None => rank(text, headroom_code::detect_language),
    };
    let with_language = |d: &Detection| {
        let mut d = d.clone();
        if let Some(language) = req.language {
            d.language = Some(language);
        }
        d
    };
    // The question's names this block contains: every text compressor's output must keep them.
    let named = req.options.question().idents_in(text);
    let mut judge = Judge { text, model: req.count_model.as_deref().unwrap_or(JUDGE_MODEL), input, ms: 0.0 };
    let mut reasons: Vec<String> = Vec::new();
    // An output that drops something the question names, or that a text compressor barely shrank (a
    // document whose every line looked like a heading), is held back while another compressor may do
    // better; in the end the one that dropped the fewest names, then the smallest, is used.
    let mut held: Option<(usize, usize, Compressed, Option<usize>, Detection)> = None;
    let tried = candidates.iter().enumerate().filter(|(i, d)| *i == 0 || d.confidence >= MIN_CONFIDENCE).take(TRIES);
    // The line fallback goes last, under the winner's detection.
    let attempts = tried.map(|(_, d)| (with_language(d), false)).chain(std::iter::once((with_language(&candidates[0]), true)));
    for (detection, fallback) in attempts {
        if req.stop.reached() {
            let skipped = Some("the caller's time budget ran out".to_string());
            return BlockResult {
                text: text.to_string(),
                detection: with_language(&candidates[0]),
                transform: None,
                skipped,
                stored: Vec::new(),
                tokens: None,
                counting_ms: judge.ms,
                stopped: true,
            };
        }
        let outcome = if fallback { guarded(|| headroom_text::compress_lines(text, &req.options)) } else { guarded(|| run(text, &detection, req)) };
        let name = if fallback { "lines" } else { detection.kind.name() };
        match judge.accept(outcome) {
            Ok((c, after)) => {
                // Structured compressors match the question against their own units (symbols, rows,
                // records) and keep names in a different shape, and their lossless steps are the
                // point even when they save little; text compressors must keep the names.
                let structured = !fallback && matches!(detection.kind, ContentKind::Code | ContentKind::Json | ContentKind::JsonLines | ContentKind::Table);
                let lost = if structured { Vec::new() } else { Query::lost_idents(&named, &c.text) };
                // A diff's changed lines are all facts: its small saving is not a misreading.
                let faithful = structured || (!fallback && detection.kind == ContentKind::Diff);
                let poor = !faithful && (c.text.len() as f64) > text.len() as f64 * (1.0 - POOR_SAVING);
                if lost.is_empty() && !poor {
                    return judge.done(c, detection, after, req);
                }
                if !lost.is_empty() {
                    reasons.push(format!("{name}: it would drop {} named in the question", lost.join(", ")));
                }
                if held.as_ref().is_none_or(|h| (lost.len(), c.text.len()) < (h.0, h.1)) {
                    held = Some((lost.len(), c.text.len(), c, after, detection));
                }
            }
            Err(reason) => reasons.push(format!("{name}: {reason}")),
        }
    }
    if let Some((_, _, c, after, detection)) = held {
        return judge.done(c, detection, after, req);
    }
    let winner = with_language(&candidates[0]);
    let tokens = req.count_model.as_ref().map(|_| {
        let b = judge.input_tokens();
        (b, b)
    });
    BlockResult {
        text: text.to_string(),
        detection: winner,
        transform: None,
        skipped: Some(reasons.join("; ")),
        stored: Vec::new(),
        tokens,
        counting_ms: judge.ms,
        stopped: false,
    }
}

fn guarded(f: impl FnOnce() -> Outcome) -> Outcome {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(Skip::new("internal error in the compressor (a Rust panic)")))
}

/// Applies the never-larger rule with one tokenizer, counting the input at most once however many
/// compressors are tried (or taking the count another thread is making), and timing the counting so
/// callers can report it apart.
struct Judge<'a> {
    text: &'a str,
    model: &'a str,
    input: &'a OnceLock<usize>,
    ms: f64,
}

fn tokens(text: &str, model: &str) -> usize {
    headroom_tokenizer::count_tokens(text, model).tokens
}

impl Judge<'_> {
    /// Runs `f` (a count, or a wait for one) and adds its time to what is reported as counting.
    fn timed(&mut self, f: impl FnOnce() -> usize) -> usize {
        let started = std::time::Instant::now();
        let n = f();
        self.ms += started.elapsed().as_secs_f64() * 1000.0;
        n
    }

    fn count(&mut self, text: &str) -> usize {
        let model = self.model;
        self.timed(|| tokens(text, model))
    }

    fn input_tokens(&mut self) -> usize {
        let (text, model, input) = (self.text, self.model, self.input);
        self.timed(|| *input.get_or_init(|| tokens(text, model)))
    }

    /// The output must have fewer bytes and fewer tokens than the input. Returns the output's token
    /// count when it was counted.
    fn accept(&mut self, outcome: Outcome) -> Result<(Compressed, Option<usize>), String> {
        let c = outcome.map_err(|s| s.reason)?;
        if c.text.len() >= self.text.len() {
            return Err("compression would not make it smaller".into());
        }
        if (c.text.len() as f64) < self.text.len() as f64 * SURELY_SMALLER {
            return Ok((c, None));
        }
        let before = self.input_tokens();
        let after = self.count(&c.text);
        if after >= before {
            return Err(format!("compressed text would have {after} tokens, the input has {before}"));
        }
        Ok((c, Some(after)))
    }

    fn done(mut self, c: Compressed, detection: Detection, after: Option<usize>, req: &BlockRequest) -> BlockResult {
        let tokens = req.count_model.as_ref().map(|_| {
            let after = after.unwrap_or_else(|| self.count(&c.text));
            (self.input_tokens(), after)
        });
        BlockResult { text: c.text, detection, transform: Some(c.transform), skipped: None, stored: c.stored, tokens, counting_ms: self.ms, stopped: false }
    }
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
        ContentKind::Code => match req.language.or(detection.language) {
            Some(language) => headroom_code::compress_code(text, language, o),
            None => Err(Skip::new("source code in a language Headroom cannot parse")),
        },
        ContentKind::Unknown => Err(Skip::new(format!("no specialised compressor ({})", detection.reason))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge<'a>(text: &'a str, input: &'a OnceLock<usize>) -> Judge<'a> {
        Judge { text, model: JUDGE_MODEL, input, ms: 0.0 }
    }

    #[test]
    fn an_output_with_fewer_bytes_but_more_tokens_is_refused() {
        let text = "the quick brown fox jumps over the lazy dog\n".repeat(40);
        // Hex digits cost several tokens per word where English costs one.
        let hex: String = (0..text.len() * 9 / 10).map(|i| char::from(b"0123456789abcdef"[(i * 7 + i / 3) % 16])).collect();
        assert!(hex.len() < text.len());
        let out = Ok(Compressed { text: hex, transform: "x".into(), stored: Vec::new() });
        let err = judge(&text, &OnceLock::new()).accept(out).unwrap_err();
        assert!(err.contains("tokens"), "{err}");
    }

    #[test]
    fn a_much_smaller_output_is_accepted_without_counting() {
        let text = "line of ordinary output\n".repeat(100);
        let input = OnceLock::new();
        let mut j = judge(&text, &input);
        let (c, after) = j.accept(Ok(Compressed { text: "short".into(), transform: "x".into(), stored: Vec::new() })).unwrap();
        assert_eq!((c.text.as_str(), after, j.input.get()), ("short", None, None));
    }

    #[test]
    fn a_block_whose_budget_has_run_out_passes_through_uncounted() {
        let text: String = (0..200).map(|i| format!("worker {i} finished batch in {} ms\n", 10 + i % 7)).collect();
        let req = BlockRequest { count_model: Some("gpt-4o".into()), stop: Stop::after(std::time::Duration::ZERO), ..Default::default() };
        let r = compress_block(&text, &req);
        assert!(r.stopped);
        assert_eq!((r.text.as_str(), r.tokens, r.transform), (text.as_str(), None, None));
        let r = compress_block(&text, &BlockRequest { stop: Stop::never(), ..req.clone() });
        assert!(!r.stopped && r.transform.is_some());
    }

    #[test]
    fn a_given_kind_whose_compressor_skips_still_reaches_the_fallback() {
        // Not JSON at all, though the caller said so: the JSON compressor skips and the line fallback
        // compresses the repeated lines.
        let text: String = (0..200).map(|i| format!("worker {i} finished batch in {} ms\n", 10 + i % 7)).collect();
        let req = BlockRequest { kind: Some(ContentKind::Json), count_model: Some("gpt-4o".into()), ..Default::default() };
        let r = compress_block(&text, &req);
        assert_eq!(r.transform.as_deref(), Some("lines:templates"), "{:?}", r.skipped);
        let (before, after) = r.tokens.unwrap();
        assert!(after < before);
        assert_eq!(r.stored.len(), 1);
        assert_eq!(r.stored[0].content, text);
    }
}
