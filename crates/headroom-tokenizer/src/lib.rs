//! Token counting for the models agents talk to.
//!
//! OpenAI counts are exact: `bpe-openai` compiles the `o200k_base` and `cl100k_base` vocabularies into
//! the binary (nothing is downloaded) and counts each pre-tokenized piece in linear time without building
//! a token vector. Pieces are split by hand for ASCII (`pieces`) and counts of repeated pieces are
//! remembered per thread (`memo`). Claude's tokenizer (Claude 3 and later) is not public, so Claude counts are an
//! estimate derived from `o200k_base` and labelled as such (`exact: false`).

mod memo;
mod parallel;
mod pieces;
mod registry;

use pieces::Pattern;

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

/// Counts with an explicit encoding. A large text is cut at places where the pre-tokenizer splits anyway
/// and its parts are counted on all cores.
pub fn count_with(text: &str, encoding: Encoding) -> TokenCount {
    let tokens = parallel::sum_parts(text, |part| count_serial(part, encoding));
    labelled(tokens, encoding)
}

/// Counts many texts for one model on all cores; the registry lookup is done once.
pub fn count_tokens_batch<S: AsRef<str> + Sync>(texts: &[S], model: &str) -> Vec<TokenCount> {
    let encoding = encoding_for_model(model);
    parallel::map_texts(texts, |t| count_serial(t, encoding)).into_iter().map(|n| labelled(n, encoding)).collect()
}

/// Counts on the calling thread only: for callers that already run one block per core.
pub fn count_with_serial(text: &str, encoding: Encoding) -> TokenCount {
    labelled(count_serial(text, encoding), encoding)
}

fn count_serial(text: &str, encoding: Encoding) -> usize {
    let (tokenizer, pattern, table) = match encoding {
        Encoding::O200kBase | Encoding::ClaudeEstimate => (bpe_openai::o200k_base(), Pattern::O200k, 0),
        Encoding::Cl100kBase => (bpe_openai::cl100k_base(), Pattern::Cl100k, 1),
    };
    let bpe = |piece: &[u8]| tokenizer.bpe.count(piece);
    memo::with_memo(table, |lookup| {
        let mut total = 0;
        pieces::for_each_piece(text, pattern, tokenizer, |piece| total += lookup(piece.as_bytes(), &bpe));
        total
    })
}

fn labelled(exact_tokens: usize, encoding: Encoding) -> TokenCount {
    match encoding {
        Encoding::ClaudeEstimate => TokenCount { tokens: claude_estimate(exact_tokens), encoding, exact: false },
        _ => TokenCount { tokens: exact_tokens, encoding, exact: true },
    }
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

    /// Text that exercises every pre-tokenizer branch: contractions, case runs, digits, punctuation runs
    /// ending in line breaks and slashes, whitespace runs before words and at the end, non-Latin scripts.
    fn mixed(lines: usize) -> String {
        let kinds = [
            "2026-11-21T10:00:00.123Z ERROR [worker-3] connection reset (ECONNRESET) after 3 retries",
            "  fn handler_{i}(req: &Request) -> Result<(), Box<dyn Error>> {{ todo!() }}",
            "{{\"id\": {i}, \"status\": \"ok\", \"ratio\": 1e-7, \"tags\": [\"a\", \"b\"]}}",
            "He'll say they've DONE it, isn't it? CamelCaseWord HTTPServer's",
            "数据压缩 データ圧縮 сжатие ünïcödé 😀👍🏽 <|endoftext|>",
            "\t\tindented\r",
            "//// path/to/file.rs:{i}:7 --> ./src/",
            "    ",
            "",
        ];
        (0..lines).map(|i| kinds[i % kinds.len()].replace("{i}", &i.to_string()) + if i % 7 == 0 { "\n\n" } else { "\n" }).collect()
    }

    #[test]
    fn equals_tiktoken_on_mixed_text_for_both_encodings() {
        let o200k = tiktoken_rs::o200k_base_singleton();
        let cl100k = tiktoken_rs::cl100k_base_singleton();
        let text = mixed(60);
        // Every prefix end exercises the end-of-text rules (`\s+$`) at a different place.
        for end in (0..text.len()).step_by(37).filter(|&e| text.is_char_boundary(e)) {
            let t = &text[..end];
            assert_eq!(count_with(t, Encoding::O200kBase).tokens, o200k.count_ordinary(t), "o200k: {t:?}");
            assert_eq!(count_with(t, Encoding::Cl100kBase).tokens, cl100k.count_ordinary(t), "cl100k: {t:?}");
        }
    }

    #[test]
    fn counts_of_the_parts_a_text_is_cut_into_add_up_exactly() {
        let o200k = tiktoken_rs::o200k_base_singleton();
        let cl100k = tiktoken_rs::cl100k_base_singleton();
        let text = mixed(60);
        let (whole_o, whole_c) = (o200k.count_ordinary(&text), cl100k.count_ordinary(&text));
        for n in 2..12 {
            let parts = parallel::parts(&text, n);
            assert!(parts.len() > 1);
            assert_eq!(parts.iter().map(|p| o200k.count_ordinary(p)).sum::<usize>(), whole_o, "o200k, {n} parts");
            assert_eq!(parts.iter().map(|p| cl100k.count_ordinary(p)).sum::<usize>(), whole_c, "cl100k, {n} parts");
        }
        // Large enough to be counted on several threads (see parallel::MIN_PART).
        let times = 2 * 64 * 1024 / text.len() + 2;
        let big = text.repeat(times);
        assert_eq!(count_with(&big, Encoding::O200kBase).tokens, times * whole_o);
    }

    #[test]
    fn batch_matches_single_calls() {
        let texts = ["a", "{\"k\": [1, 2, 3]}", "ünïcödé 😀 text", ""];
        let batch = count_tokens_batch(&texts, "gpt-4");
        let single: Vec<_> = texts.iter().map(|t| count_tokens(t, "gpt-4")).collect();
        assert_eq!(batch, single);
        // A batch large enough to be spread over threads keeps its order.
        let big: Vec<String> = (0..100).map(|i| mixed(40 + i % 50)).collect();
        assert!(big.iter().map(String::len).sum::<usize>() > 2 * 64 * 1024);
        let counts = count_tokens_batch(&big, "gpt-4o");
        assert_eq!(counts, big.iter().map(|t| count_with_serial(t, Encoding::O200kBase)).collect::<Vec<_>>());
    }
}
