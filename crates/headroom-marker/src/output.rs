/// An original the compressed text refers to by key. The caller puts it in the CCR store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub content: String,
}

/// The result of compressing one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compressed {
    pub text: String,
    /// What was done, as `kind:step[+step]`, e.g. `json:columnar+select` or `log:templates`.
    pub transform: String,
    pub stored: Vec<Stored>,
}

impl Compressed {
    /// Stores `original` and returns its key, so a compressor can write the key into its marker.
    pub fn store(stored: &mut Vec<Stored>, original: &str) -> String {
        let key = crate::ccr_key(original.as_bytes());
        if !stored.iter().any(|s| s.key == key) {
            stored.push(Stored { key: key.clone(), content: original.to_string() });
        }
        key
    }
}

/// Why a compressor passed a block through untouched (reported as a diagnostic, never an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub reason: String,
}

impl Skip {
    pub fn new(reason: impl Into<String>) -> Skip {
        Skip { reason: reason.into() }
    }
}

/// What every compressor returns: the compressed block, or why it left the block alone.
pub type Outcome = Result<Compressed, Skip>;
