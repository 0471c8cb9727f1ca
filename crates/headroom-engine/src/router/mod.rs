//! ContentRouter: fast, ML-free detection of what a block of tool output is.
//!
//! Detection looks at a bounded sample (the first [`SAMPLE_LINES`] lines, at most [`SAMPLE_BYTES`]
//! bytes) plus the end of the text, so its cost does not grow with the input. Checks run from the most
//! to the least specific format: a diff is also text, a compiler error also looks like grep output.

use headroom_code::Language;

mod lines;
mod markup;
mod structured;

pub const SAMPLE_LINES: usize = 200;
/// Candidates below this confidence are not tried, but for the winner: the fallback serves them better
/// than a weak guess.
pub(crate) const MIN_CONFIDENCE: f32 = 0.5;
pub const SAMPLE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentKind {
    Json,
    JsonLines,
    /// Logs and build/test output: line-oriented, timestamped or tool-diagnostic text.
    Log,
    /// grep / ripgrep results: `path:line:text`, or ripgrep's heading layout.
    Search,
    Diff,
    Code,
    Html,
    /// Markdown, reStructuredText and plain prose.
    Prose,
    /// CSV, TSV and markdown tables.
    Table,
    /// Tree-like listings: `npm ls`, `tree`, `ls -laR`, `find`.
    Listing,
    /// Nothing recognisable (binary garbage, very short text): passes through.
    Unknown,
}

impl ContentKind {
    pub fn name(self) -> &'static str {
        match self {
            ContentKind::Json => "json",
            ContentKind::JsonLines => "jsonl",
            ContentKind::Log => "log",
            ContentKind::Search => "search",
            ContentKind::Diff => "diff",
            ContentKind::Code => "code",
            ContentKind::Html => "html",
            ContentKind::Prose => "prose",
            ContentKind::Table => "table",
            ContentKind::Listing => "listing",
            ContentKind::Unknown => "unknown",
        }
    }

    pub fn parse(name: &str) -> Option<ContentKind> {
        ALL.iter().copied().find(|k| k.name() == name)
    }
}

const ALL: [ContentKind; 11] = [
    ContentKind::Json,
    ContentKind::JsonLines,
    ContentKind::Log,
    ContentKind::Search,
    ContentKind::Diff,
    ContentKind::Code,
    ContentKind::Html,
    ContentKind::Prose,
    ContentKind::Table,
    ContentKind::Listing,
    ContentKind::Unknown,
];

#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub kind: ContentKind,
    /// The language for `ContentKind::Code`.
    pub language: Option<Language>,
    /// 0.0–1.0: how strongly the evidence points at `kind`.
    pub confidence: f32,
    /// Why, in words: the evidence that decided it.
    pub reason: String,
}

impl Detection {
    pub(crate) fn new(kind: ContentKind, confidence: f32, reason: impl Into<String>) -> Detection {
        Detection { kind, language: None, confidence, reason: reason.into() }
    }
}

/// The sampled view of a text that every check works on.
pub(crate) struct Sample<'a> {
    pub text: &'a str,
    /// The sampled prefix (cut on a character boundary).
    pub head: &'a str,
    /// Non-empty lines of the sample, without trailing `\r`.
    pub lines: Vec<&'a str>,
}

impl<'a> Sample<'a> {
    fn new(text: &'a str) -> Sample<'a> {
        let end = floor_char_boundary(text, SAMPLE_BYTES);
        let lines = text[..end].lines().map(|l| l.strip_suffix('\r').unwrap_or(l)).filter(|l| !l.trim().is_empty()).take(SAMPLE_LINES).collect();
        Sample { text, head: &text[..end], lines }
    }

    /// Share of sampled lines for which `pred` holds.
    pub fn share(&self, pred: impl Fn(&str) -> bool) -> f32 {
        if self.lines.is_empty() {
            return 0.0;
        }
        self.lines.iter().filter(|l| pred(l)).count() as f32 / self.lines.len() as f32
    }
}

/// Detects the kind of `text`: the best of [`rank`].
pub fn detect(text: &str, code_language: impl Fn(&str) -> Option<Language>) -> Detection {
    rank(text, code_language).swap_remove(0)
}

/// Every detector scores the sample and the candidates come back best first (never empty). Detection is
/// a competition, not a first match: build output quotes source lines, test output has `#` lines, a
/// document contains code blocks, so several detectors fire on the same text and the strongest evidence
/// wins. The caller tries the runner-up when the winner's compressor cannot help. Ties go to the more
/// specific format (earlier in the list).
pub fn rank(text: &str, code_language: impl Fn(&str) -> Option<Language>) -> Vec<Detection> {
    if text.trim().is_empty() {
        return vec![Detection::new(ContentKind::Unknown, 1.0, "empty or whitespace-only")];
    }
    if looks_binary(text) {
        return vec![Detection::new(ContentKind::Unknown, 0.9, "control characters: binary data")];
    }
    // Colour codes would hide `error TS2345` and `file:line` from every detector: detect on the text as
    // a terminal shows it.
    let head = &text[..floor_char_boundary(text, SAMPLE_BYTES)];
    let plain;
    let sample = if head.contains('\u{1b}') {
        plain = headroom_text::strip_ansi(head).into_owned();
        Sample::new(&plain)
    } else {
        Sample::new(text)
    };
    let checks: [fn(&Sample) -> Option<Detection>; 11] = [
        structured::json,
        structured::diff,
        markup::html,
        lines::listing,
        lines::diagnostics,
        lines::search,
        lines::test_output,
        lines::log,
        lines::table,
        markup::config,
        markup::prose,
    ];
    let mut found: Vec<Detection> = checks.iter().filter_map(|check| check(&sample)).collect();
    // Guessing the language reads every sampled line against nine grammars' keywords. A code guess too
    // weak to be tried (below MIN_CONFIDENCE) that another detection already outranks would never be
    // used, so it is not made: a log's detection no longer pays for it.
    let confidence = code_confidence(&sample);
    let outranked = found.iter().any(|d| d.confidence >= confidence);
    if !(confidence < MIN_CONFIDENCE && outranked) {
        if let Some(language) = code_language(sample.head) {
            let mut d = Detection::new(ContentKind::Code, confidence, format!("{} source by its keywords and layout", language.name()));
            d.language = Some(language);
            found.push(d);
        }
    }
    // Stable: equal scores keep the list order above.
    found.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    if found.is_empty() {
        found.push(Detection::new(ContentKind::Unknown, 0.5, "no known structure"));
    }
    found
}

/// Source code scores by how much of the sample is code-shaped: lines ending in `{`, `}`, `;`, `:` or
/// `)`, or indented under such a line. A document that quotes a few snippets, or a build log that quotes
/// source lines between diagnostics, scores low; a real file scores high.
fn code_confidence(s: &Sample) -> f32 {
    let shaped = s.share(|l| {
        let t = l.trim_end();
        t.ends_with(['{', '}', ';', ')', ':', ',', '(', '[', ']'])
            || t.trim_start().starts_with(['}', ')', ']', '#', '@'])
            || t.trim_start().starts_with("//")
            || t.trim_start().starts_with("/*")
            || t.trim_start().starts_with('*')
            || l.starts_with("    ")
            || l.starts_with('\t')
    });
    0.45 + 0.45 * shaped
}

/// The largest char boundary of `text` at or below `max`.
fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn looks_binary(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(4096)];
    let control = head.iter().filter(|&&b| b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)).count();
    control * 20 > head.len()
}

#[cfg(test)]
mod tests;
