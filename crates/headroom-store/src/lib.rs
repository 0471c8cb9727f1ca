//! The CCR store: where the original behind every omission marker lives, keyed by
//! [`headroom_marker::ccr_key`].
//!
//! - Embedded and persistent: one SQLite file (WAL mode), no server, survives restarts.
//! - Safe with several processes writing at once (proxies, CLI, MCP server on one machine): every write is
//!   one `BEGIN IMMEDIATE` transaction, with a busy timeout and bounded retries on top.
//! - Bounded: entries expire `ttl_secs` after their last use (put or get), and the least recently used
//!   entries are evicted when the total content size passes `max_bytes`.
//! - Originals are also materialised as plain files `<files_dir>/<key>`, so the `file=` path of a marker
//!   works with any agent's own file tool; they are removed with their entry.

mod config;
mod error;
mod files;
mod schema;
mod store;

pub use config::{Clock, StoreConfig, StoreStats, DEFAULT_MAX_BYTES, DEFAULT_TTL_SECS};
pub use error::StoreError;
pub use store::Store;
