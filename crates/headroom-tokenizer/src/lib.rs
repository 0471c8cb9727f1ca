//! Token counting for the models agents talk to.
//!
//! OpenAI counts are exact: tiktoken-rs embeds the `o200k_base` and `cl100k_base` vocabularies, so nothing
//! is downloaded. Claude's tokenizer (Claude 3 and later) is not public, so Claude counts are an
//! estimate derived from `o200k_base` and labelled as such (`exact: false`).

mod registry;

pub use registry::{encoding_for_model, Encoding, CLAUDE_ESTIMATE_FACTOR};

/// The result of counting one text for one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenCount {
    pub tokens: usize,
    pub encoding: Encoding,
    /// `false` when the figure is an estimate (Claude models, see [`CLAUDE_ESTIMATE_FACTOR`]).
    pub exact: bool,
}

/// Counts `text` as ordinary text: special-token strings such as `<|endoftext|>` inside tool output are
/// counted like any other characters, because that is how a provider sees user-supplied content.
pub fn count_tokens(text: &str, model: &str) -> TokenCount {
    let encoding = encoding_for_model(model);
    count_with(text, encoding)
}

/// Counts with an explicit encoding.
pub fn count_with(text: &str, encoding: Encoding) -> TokenCount {
    match encoding {
        Encoding::O200kBase => TokenCount { tokens: o200k(text), encoding, exact: true },
        Encoding::Cl100kBase => TokenCount { tokens: cl100k(text), encoding, exact: true },
        Encoding::ClaudeEstimate => TokenCount { tokens: claude_estimate(o200k(text)), encoding, exact: false },
    }
}

/// Counts many texts for one model; the registry lookup is done once.
pub fn count_tokens_batch<S: AsRef<str>>(texts: &[S], model: &str) -> Vec<TokenCount> {
    let encoding = encoding_for_model(model);
    texts.iter().map(|t| count_with(t.as_ref(), encoding)).collect()
}

fn o200k(text: &str) -> usize {
    tiktoken_rs::o200k_base_singleton().count_ordinary(text)
}

fn cl100k(text: &str) -> usize {
    tiktoken_rs::cl100k_base_singleton().count_ordinary(text)
}

fn claude_estimate(o200k_tokens: usize) -> usize {
    (o200k_tokens as f64 * CLAUDE_ESTIMATE_FACTOR).ceil() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_counts_for_both_encodings() {
        // Reference values from OpenAI's tiktoken for these exact strings.
        assert_eq!(count_with("hello world", Encoding::O200kBase).tokens, 2);
        assert_eq!(count_with("hello world", Encoding::Cl100kBase).tokens, 2);
        assert_eq!(count_with("", Encoding::O200kBase).tokens, 0);
    }

    #[test]
    fn special_token_text_is_counted_as_ordinary_text() {
        let c = count_tokens("<|endoftext|>", "gpt-4o");
        assert!(c.tokens > 1, "special-token text must not collapse to one token: {c:?}");
    }

    #[test]
    fn claude_counts_are_labelled_estimates() {
        let text = "fn main() { println!(\"hello\"); }\n".repeat(50);
        let claude = count_tokens(&text, "claude-sonnet-4-5");
        let exact = count_tokens(&text, "gpt-4o");
        assert!(!claude.exact);
        assert_eq!(claude.encoding, Encoding::ClaudeEstimate);
        assert_eq!(claude.tokens, (exact.tokens as f64 * CLAUDE_ESTIMATE_FACTOR).ceil() as usize);
    }

    #[test]
    fn batch_matches_single_calls() {
        let texts = ["a", "{\"k\": [1, 2, 3]}", "ünïcödé 😀 text", ""];
        let batch = count_tokens_batch(&texts, "gpt-4");
        let single: Vec<_> = texts.iter().map(|t| count_tokens(t, "gpt-4")).collect();
        assert_eq!(batch, single);
    }
}
