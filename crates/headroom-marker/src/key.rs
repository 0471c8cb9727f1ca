//! CCR keys: `hr_` followed by the first 24 hex digits (96 bits) of the SHA-256 of the original bytes.
//! Content-addressed, so the same original always gets the same key in every process and store, and a
//! marker stays byte-identical across turns (prompt-cache safe).

use sha2::{Digest, Sha256};

pub const KEY_PREFIX: &str = "hr_";
const HEX_DIGITS: usize = 24;

pub fn ccr_key(original: &[u8]) -> String {
    let digest = Sha256::digest(original);
    let mut key = String::with_capacity(KEY_PREFIX.len() + HEX_DIGITS);
    key.push_str(KEY_PREFIX);
    for byte in &digest[..HEX_DIGITS / 2] {
        key.push_str(&format!("{byte:02x}"));
    }
    key
}

/// True for a well-formed key (used to validate retrieval requests before touching a store).
pub fn is_ccr_key(s: &str) -> bool {
    s.len() == KEY_PREFIX.len() + HEX_DIGITS && s.starts_with(KEY_PREFIX) && s[KEY_PREFIX.len()..].bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_the_truncated_sha256() {
        // sha256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        assert_eq!(ccr_key(b""), "hr_e3b0c44298fc1c149afbf4c8");
        assert!(is_ccr_key(&ccr_key(b"anything")));
        assert!(!is_ccr_key("hr_E3B0C44298FC1C149AFBF4C8"));
        assert!(!is_ccr_key("hr_e3b0"));
    }
}
