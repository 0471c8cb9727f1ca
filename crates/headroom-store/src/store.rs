use std::path::{Path, PathBuf};

use headroom_marker::{ccr_key, is_ccr_key};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::config::{system_clock, Clock, StoreConfig, StoreStats};
use crate::error::StoreError;
use crate::files::FilesDir;
use crate::schema::{self, retry};

/// One handle on a store file. Several handles (in one process or many) may share a file; each write is
/// one transaction that holds SQLite's write lock, and the materialised files are only touched while that
/// lock is held, so files and rows change in the same order for every process.
pub struct Store {
    conn: Connection,
    config: StoreConfig,
    files: Option<FilesDir>,
    clock: Clock,
    path: PathBuf,
    evicted: u64,
    expired: u64,
}

/// What a get found, decided inside the transaction.
enum Found {
    Missing,
    Expired,
    Live(Vec<u8>),
}

impl Store {
    /// Opens (creating if needed) the store at `path`, and `config.files_dir` when given.
    pub fn open(path: impl AsRef<Path>, config: StoreConfig) -> Result<Store, StoreError> {
        Store::open_with_clock(path, config, system_clock())
    }

    /// Like [`Store::open`] with an injected clock (milliseconds since the epoch), for tests of expiry.
    pub fn open_with_clock(path: impl AsRef<Path>, config: StoreConfig, clock: Clock) -> Result<Store, StoreError> {
        if config.ttl_secs == 0 || config.max_bytes == 0 {
            return Err(StoreError::Open("ttl_secs and max_bytes must be at least 1".into()));
        }
        let path = path.as_ref().to_path_buf();
        let conn = schema::open(&path)?;
        let files = config.files_dir.clone().map(FilesDir::create).transpose()?;
        Ok(Store { conn, config, files, clock, path, evicted: 0, expired: 0 })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn config(&self) -> &StoreConfig {
        &self.config
    }

    /// Stores `content` under `key` (which must be `ccr_key(content)`), or refreshes it if present, then
    /// drops expired entries and evicts the least recently used ones until the total fits `max_bytes`.
    pub fn put(&mut self, key: &str, content: &str) -> Result<(), StoreError> {
        validate(key)?;
        if ccr_key(content.as_bytes()) != key {
            return Err(StoreError::KeyMismatch(format!("{key} is not the key of this content (keys are content hashes: use headroom_marker::ccr_key)")));
        }
        let bytes = content.len() as u64;
        if bytes > self.config.max_bytes {
            return Err(StoreError::TooLarge(format!(
                "the original under {key} is {bytes} bytes, more than the whole store may hold ({} bytes); \
                 leave this block uncompressed or raise max_bytes",
                self.config.max_bytes
            )));
        }
        let now = (self.clock)();
        let cutoff = now.saturating_sub(self.ttl_ms());
        let max_bytes = i64::try_from(self.config.max_bytes).unwrap_or(i64::MAX);
        let files = self.files.as_ref();
        let (expired, evicted) = retry(|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let expired = delete_keys(&tx, "DELETE FROM originals WHERE accessed_ms <= ?1 RETURNING key", cutoff)?;
            // Re-storing an original every turn is the common case: refresh it without sending the
            // content to SQLite again (a 1 MiB original costs ~3 ms through the INSERT, ~0.1 ms here).
            let refreshed = tx.execute("UPDATE originals SET accessed_ms = MAX(accessed_ms, ?2) WHERE key = ?1", params![key, now])?;
            if refreshed == 0 {
                tx.execute(
                    "INSERT INTO originals (key, content, bytes, created_ms, accessed_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![key, content.as_bytes(), bytes as i64, now],
                )?;
            }
            let evicted = evict(&tx, key, max_bytes)?;
            if let Some(files) = files {
                for k in expired.iter().chain(&evicted) {
                    files.remove(k);
                }
                files.ensure(key, content).map_err(to_sqlite)?;
            }
            tx.commit()?;
            Ok((expired.len() as u64, evicted.len() as u64))
        })
        .map_err(from_sqlite)?;
        self.expired += expired;
        self.evicted += evicted;
        Ok(())
    }

    /// The exact original stored under `key`, or `None` when it was never stored, expired or was
    /// evicted. A hit refreshes the entry's recency and expiry.
    pub fn get(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        validate(key)?;
        let now = (self.clock)();
        let cutoff = now.saturating_sub(self.ttl_ms());
        let files = self.files.as_ref();
        let found = retry(|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row: Option<(Vec<u8>, i64)> =
                tx.query_row("SELECT content, accessed_ms FROM originals WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let found = match row {
                None => Found::Missing,
                Some((_, accessed)) if accessed <= cutoff => {
                    tx.execute("DELETE FROM originals WHERE key = ?1", [key])?;
                    if let Some(files) = files {
                        files.remove(key);
                    }
                    Found::Expired
                }
                Some((content, _)) => {
                    tx.execute("UPDATE originals SET accessed_ms = MAX(accessed_ms, ?2) WHERE key = ?1", params![key, now])?;
                    Found::Live(content)
                }
            };
            tx.commit()?;
            Ok(found)
        })
        .map_err(from_sqlite)?;
        match found {
            Found::Missing => Ok(None),
            Found::Expired => {
                self.expired += 1;
                Ok(None)
            }
            Found::Live(bytes) => {
                let content = String::from_utf8(bytes).map_err(|_| StoreError::Corrupt(format!("the original under {key} is not valid UTF-8")))?;
                // Heal a file removed by hand or lost to a race with another process's eviction; outside the
                // transaction because a failure here must not hide the original the caller asked for.
                if let Some(files) = &self.files {
                    let _ = files.ensure(key, &content);
                }
                Ok(Some(content))
            }
        }
    }

    /// Where the original of `key` is materialised, if this store writes files (the marker's `file=`).
    pub fn file_path(&self, key: &str) -> Option<PathBuf> {
        if !is_ccr_key(key) {
            return None;
        }
        self.files.as_ref().map(|f| f.path(key))
    }

    pub fn stats(&mut self) -> Result<StoreStats, StoreError> {
        let (bytes, entries): (i64, i64) =
            retry(|| self.conn.query_row("SELECT bytes, entries FROM totals WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))).map_err(from_sqlite)?;
        Ok(StoreStats {
            entries: entries.max(0) as u64,
            bytes: bytes.max(0) as u64,
            max_bytes: self.config.max_bytes,
            ttl_secs: self.config.ttl_secs,
            evicted: self.evicted,
            expired: self.expired,
        })
    }

    fn ttl_ms(&self) -> i64 {
        i64::try_from(self.config.ttl_secs.saturating_mul(1000)).unwrap_or(i64::MAX)
    }
}

fn validate(key: &str) -> Result<(), StoreError> {
    if is_ccr_key(key) {
        Ok(())
    } else {
        let shown: String = key.chars().take(40).collect();
        Err(StoreError::InvalidKey(format!("`{shown}` is not a Headroom key (expected `hr_` followed by 24 lowercase hex digits, as in a marker's key=)")))
    }
}

fn delete_keys(tx: &rusqlite::Transaction<'_>, sql: &str, arg: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare(sql)?;
    let keys = stmt.query_map([arg], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(keys)
}

/// Deletes least recently used entries (never `keep`, the one just stored) until the total fits.
fn evict(tx: &rusqlite::Transaction<'_>, keep: &str, max_bytes: i64) -> rusqlite::Result<Vec<String>> {
    let total: i64 = tx.query_row("SELECT bytes FROM totals WHERE id = 1", [], |r| r.get(0))?;
    let mut excess = total - max_bytes;
    if excess <= 0 {
        return Ok(Vec::new());
    }
    let mut victims = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT key, bytes FROM originals WHERE key != ?1 ORDER BY accessed_ms, key")?;
        let mut rows = stmt.query([keep])?;
        while let Some(row) = rows.next()? {
            if excess <= 0 {
                break;
            }
            let bytes: i64 = row.get(1)?;
            excess -= bytes;
            victims.push(row.get::<_, String>(0)?);
        }
    }
    let mut delete = tx.prepare("DELETE FROM originals WHERE key = ?1")?;
    for key in &victims {
        delete.execute([key])?;
    }
    Ok(victims)
}

/// File errors inside a transaction travel through rusqlite's error type so the transaction rolls back
/// and the retry loop sees them; `from_sqlite` turns them back into `StoreError::Io`.
fn to_sqlite(e: StoreError) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn from_sqlite(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::ToSqlConversionFailure(inner) => match inner.downcast::<StoreError>() {
            Ok(store_error) => *store_error,
            Err(other) => StoreError::Database(other.to_string()),
        },
        other => StoreError::from_sqlite(other),
    }
}
