use crate::Query;
use std::sync::OnceLock;

/// How far a compressor may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Lossless transformations only (minify, columnar tables, dedup with counts).
    Safe,
    /// Lossless first, then selection with every omission announced.
    #[default]
    Balanced,
    /// Smaller budgets, fewer kept context items; errors and query matches are still always kept.
    Aggressive,
}

impl Profile {
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "safe" => Some(Profile::Safe),
            "balanced" => Some(Profile::Balanced),
            "aggressive" => Some(Profile::Aggressive),
            _ => None,
        }
    }
}

/// Options every compressor receives.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The user's question; items that match it are kept.
    pub query: Option<String>,
    pub profile: Profile,
    /// Where the store materialises originals as files, named in markers (`file=`).
    pub ccr_dir: Option<String>,
    /// The question, parsed once for every compressor that looks at this block: filled by
    /// [`Options::question`] on first use (leave it to `..Default::default()`).
    pub parsed: OnceLock<Query>,
}

impl Options {
    pub fn new(query: Option<String>, profile: Profile, ccr_dir: Option<String>) -> Options {
        Options { query, profile, ccr_dir, parsed: OnceLock::new() }
    }

    /// The question as every compressor reads it: parsed on first use, then shared by the router's
    /// candidates, the fallback and the engine's checks.
    pub fn question(&self) -> &Query {
        self.parsed.get_or_init(|| Query::parse(self.query.as_deref()))
    }
}
