//! Which encoding a model name uses.

/// A tokenizer Headroom can count with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// GPT-4o, GPT-4.1, GPT-4.5, GPT-5, the o-series, gpt-oss.
    O200kBase,
    /// GPT-4, GPT-3.5-turbo and the OpenAI embedding models.
    Cl100kBase,
    /// Claude models: `o200k_base` × [`CLAUDE_ESTIMATE_FACTOR`], rounded up.
    ClaudeEstimate,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::Cl100kBase => "cl100k_base",
            Encoding::ClaudeEstimate => "claude_estimate",
        }
    }
}

/// Claude's tokenizer produces more tokens than `o200k_base` for the same English text and code. This
/// factor is a documented, deliberately conservative estimate (it over- rather than under-states Claude
/// counts, so savings are never inflated by it); it is not a measurement of Claude's tokenizer, which is
/// not public. Figures computed with it are labelled `exact: false`.
pub const CLAUDE_ESTIMATE_FACTOR: f64 = 1.2;

/// Maps a model name (as sent in a provider request) to its encoding. Provider prefixes such as
/// `openai/` or `anthropic.` and dated suffixes are tolerated. Unknown models use `o200k_base`, the
/// encoding of every current OpenAI model.
pub fn encoding_for_model(model: &str) -> Encoding {
    let m = model.trim().to_ascii_lowercase();
    let m = m.rsplit('/').next().unwrap_or(&m);
    let m = m.strip_prefix("anthropic.").unwrap_or(m);
    if m.starts_with("claude") {
        return Encoding::ClaudeEstimate;
    }
    const CL100K: [&str; 5] = ["gpt-4-", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002"];
    // `gpt-4o` and `gpt-4.1` never match: the cl100k GPT-4 names are `gpt-4` or start with `gpt-4-`.
    if m == "gpt-4" || CL100K.iter().any(|p| m.starts_with(p)) {
        return Encoding::Cl100kBase;
    }
    Encoding::O200kBase
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_maps_model_families() {
        for m in [
            "gpt-4o",
            "gpt-4o-mini-2024-07-18",
            "gpt-4.1",
            "gpt-4.1-nano",
            "gpt-5",
            "gpt-5-codex",
            "o1",
            "o3-mini",
            "o4-mini",
            "openai/gpt-5",
            "gpt-oss-120b",
            "some-new-model",
        ] {
            assert_eq!(encoding_for_model(m), Encoding::O200kBase, "{m}");
        }
        for m in ["gpt-4", "gpt-4-turbo", "gpt-4-0613", "gpt-3.5-turbo", "text-embedding-3-small", "text-embedding-ada-002"] {
            assert_eq!(encoding_for_model(m), Encoding::Cl100kBase, "{m}");
        }
        for m in ["claude-sonnet-4-5", "claude-3-5-haiku-20241022", "anthropic.claude-opus-4-1", "Claude-Opus-4"] {
            assert_eq!(encoding_for_model(m), Encoding::ClaudeEstimate, "{m}");
        }
    }
}
