use std::fmt;

/// Errors of the store. `code()` is stable and reaches JavaScript as `err.code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The key is not `hr_` + 24 lowercase hex digits. Checked before any disk access, so a key can never
    /// name a path outside the files directory.
    InvalidKey(String),
    /// The content does not hash to the key: storing it would make the key retrieve something else.
    KeyMismatch(String),
    /// One original is larger than the whole store (`max_bytes`); the caller should not omit it.
    TooLarge(String),
    /// The database could not be opened or created (bad path, permissions, not a SQLite file).
    Open(String),
    /// Other processes held the database lock through every retry.
    Busy(String),
    /// SQLite failed (disk full, I/O error, corruption).
    Database(String),
    /// Reading or writing a materialised file failed.
    Io(String),
    /// A stored value is not valid UTF-8 (the database was modified outside Headroom).
    Corrupt(String),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::InvalidKey(_) => "STORE_INVALID_KEY",
            StoreError::KeyMismatch(_) => "STORE_KEY_MISMATCH",
            StoreError::TooLarge(_) => "STORE_ENTRY_TOO_LARGE",
            StoreError::Open(_) => "STORE_OPEN_FAILED",
            StoreError::Busy(_) => "STORE_BUSY",
            StoreError::Database(_) => "STORE_DB_ERROR",
            StoreError::Io(_) => "STORE_IO_ERROR",
            StoreError::Corrupt(_) => "STORE_CORRUPT",
        }
    }

    /// What went wrong, without the code (which JavaScript gets in `err.code`).
    pub fn detail(&self) -> &str {
        match self {
            StoreError::InvalidKey(s)
            | StoreError::KeyMismatch(s)
            | StoreError::TooLarge(s)
            | StoreError::Open(s)
            | StoreError::Busy(s)
            | StoreError::Database(s)
            | StoreError::Io(s)
            | StoreError::Corrupt(s) => s,
        }
    }

    /// Maps a SQLite error, keeping lock contention apart so callers (and the retry loop) can tell it from
    /// real failures.
    pub(crate) fn from_sqlite(e: rusqlite::Error) -> StoreError {
        if is_busy(&e) {
            StoreError::Busy(format!("the CCR database stayed locked by other processes: {e}"))
        } else {
            StoreError::Database(e.to_string())
        }
    }
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked))
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.detail())
    }
}

impl std::error::Error for StoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_leads_with_the_stable_code() {
        let e = StoreError::InvalidKey("`../x` is not a CCR key".into());
        assert_eq!(e.code(), "STORE_INVALID_KEY");
        assert_eq!(e.to_string(), "STORE_INVALID_KEY: `../x` is not a CCR key");
    }
}
