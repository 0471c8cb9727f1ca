use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Originals stay at least a day after their last use: long enough for an agent to come back to a marker
/// in a long session or the next morning.
pub const DEFAULT_TTL_SECS: u64 = 24 * 60 * 60;

/// 512 MiB of original content: weeks of heavy tool output, small next to a developer's disk.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Milliseconds since the Unix epoch. Injected so tests can move time instead of sleeping.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub(crate) fn system_clock() -> Clock {
    Arc::new(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// Seconds an entry lives after its last put or get.
    pub ttl_secs: u64,
    /// Upper bound on the total size of stored originals (UTF-8 bytes of content, not counting SQLite's
    /// own overhead); least recently used entries are evicted past it.
    pub max_bytes: u64,
    /// Where originals are materialised as `<dir>/<key>`; `None` keeps them in the database only.
    pub files_dir: Option<PathBuf>,
}

impl Default for StoreConfig {
    fn default() -> StoreConfig {
        StoreConfig { ttl_secs: DEFAULT_TTL_SECS, max_bytes: DEFAULT_MAX_BYTES, files_dir: None }
    }
}

/// A snapshot of the store (other processes may change it right after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStats {
    pub entries: u64,
    /// Total UTF-8 bytes of the stored originals.
    pub bytes: u64,
    pub max_bytes: u64,
    pub ttl_secs: u64,
    /// Entries removed by expiry or eviction through this handle since it was opened.
    pub evicted: u64,
    pub expired: u64,
}
