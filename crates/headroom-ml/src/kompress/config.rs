//! The model's `config.json`: the few facts Kompress needs, read leniently so a Hugging Face
//! transformers config works as is.
//!
//! - `max_seq_len` (ours) or `max_position_embeddings` (transformers): the window, capped at 512.
//! - `keep_label` (ours) or the `id2label` entry named like "keep"/"preserve"/"1"/"LABEL_1": which logit
//!   column means *keep* when the model outputs `[batch, seq, labels]`. Default 1.
//! - `keep_score` (ours): `"probability"` (default) or `"logit"` for models that output one score per
//!   token `[batch, seq]`; a logit goes through a sigmoid.

use serde_json::Value;

/// Longest window we ever feed: attention cost grows with the square of it, and BERT-class models are
/// trained at 512.
pub const MAX_WINDOW: usize = 512;

#[derive(Debug, Clone, PartialEq)]
pub struct KompressConfig {
    pub max_seq_len: usize,
    pub keep_label: usize,
    pub score_is_logit: bool,
}

impl Default for KompressConfig {
    fn default() -> Self {
        KompressConfig { max_seq_len: MAX_WINDOW, keep_label: 1, score_is_logit: false }
    }
}

impl KompressConfig {
    /// Parses `config.json`; a missing or unreadable field falls back to its default.
    pub fn parse(json: &str) -> Result<KompressConfig, String> {
        let v: Value = serde_json::from_str(json).map_err(|e| format!("config.json: {e}"))?;
        let mut c = KompressConfig::default();
        let window = v.get("max_seq_len").or_else(|| v.get("max_position_embeddings")).and_then(Value::as_u64);
        if let Some(w) = window {
            // Below 3 no word fits next to the special tokens.
            c.max_seq_len = (w as usize).clamp(3, MAX_WINDOW);
        }
        if let Some(k) = v.get("keep_label").and_then(Value::as_u64) {
            c.keep_label = k as usize;
        } else if let Some(map) = v.get("id2label").and_then(Value::as_object) {
            let keep = map.iter().find(|(_, name)| {
                let n = name.as_str().unwrap_or("").to_ascii_lowercase();
                n == "keep" || n == "preserve" || n == "1" || n == "label_1"
            });
            if let Some(id) = keep.and_then(|(id, _)| id.parse::<usize>().ok()) {
                c.keep_label = id;
            }
        }
        c.score_is_logit = v.get("keep_score").and_then(Value::as_str) == Some("logit");
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ours_and_transformers_fields() {
        let c = KompressConfig::parse(r#"{"max_seq_len": 16, "keep_label": 0, "keep_score": "logit"}"#).unwrap();
        assert_eq!(c, KompressConfig { max_seq_len: 16, keep_label: 0, score_is_logit: true });
        let c = KompressConfig::parse(r#"{"max_position_embeddings": 514, "id2label": {"0": "drop", "1": "keep"}}"#).unwrap();
        assert_eq!(c, KompressConfig { max_seq_len: 512, keep_label: 1, score_is_logit: false });
        assert_eq!(KompressConfig::parse("{}").unwrap(), KompressConfig::default());
        assert!(KompressConfig::parse("not json").is_err());
    }
}
