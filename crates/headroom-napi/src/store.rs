//! The CCR store (`headroom_store`) for the TypeScript `SqliteStore`. Gets are synchronous: one short
//! SQLite transaction, cheaper than a hop to the libuv pool and back. A put also hashes the content and
//! writes its file (about 0.35 ms for 30 KB, 3 ms for 1 MiB): `putAsync` does that on the pool, so a
//! proxy's event loop keeps serving other requests meanwhile.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;

use crate::errors::{error, reject, store_error, ErrorCode, Result};
use crate::guard::guard;
use headroom_store::{Store, StoreConfig, DEFAULT_MAX_BYTES, DEFAULT_TTL_SECS};

#[napi(object)]
pub struct BindingStoreOptions {
    /// Seconds an original lives after its last put or get.
    /// @default 86400
    pub ttl_secs: Option<f64>,
    /// Upper bound on the total bytes of stored originals; least recently used entries are evicted past it.
    /// @default 536870912
    pub max_bytes: Option<f64>,
    /// Directory where originals are materialised as `<dir>/<key>`; omitted, they live only in the database.
    pub files_dir: Option<String>,
}

#[napi(object)]
pub struct BindingStoreStats {
    pub entries: f64,
    pub bytes: f64,
    pub max_bytes: f64,
    pub ttl_secs: f64,
    /// Entries this handle removed to stay under `maxBytes` since it was opened.
    pub evicted: f64,
    /// Entries this handle removed because they expired since it was opened.
    pub expired: f64,
}

/// A positive whole number from JavaScript, or the default when absent.
fn whole(value: Option<f64>, default: u64, name: &str) -> Result<u64> {
    match value {
        None => Ok(default),
        Some(v) if v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v <= 9.0e15 => Ok(v as u64),
        Some(v) => Err(error(ErrorCode::HeadroomInvalidArg, format!("{name} must be a whole number of at least 1, got {v}"))),
    }
}

/// An open CCR store: one SQLite file shared safely by every process that opens it.
#[napi]
pub struct BindingStore {
    /// `None` after `close()`, so the SQLite connection (and its WAL checkpoint) ends when the caller says,
    /// not whenever the garbage collector gets to the object. Shared with puts running on the pool.
    inner: Arc<Mutex<Option<Store>>>,
}

pub struct PutTask {
    inner: Arc<Mutex<Option<Store>>>,
    key: String,
    content: String,
}

impl Task for PutTask {
    type Output = Result<()>;
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<Self::Output> {
        // A panic on a libuv worker thread would abort the process.
        Ok(guard(|| with_store(&self.inner, |s| s.put(&self.key, &self.content).map_err(store_error))))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|e| reject(env, e))
    }
}

/// The store behind the lock. A put that panicked while holding it left no half-done transaction
/// (SQLite rolls back), so the store is still usable.
fn locked(inner: &Mutex<Option<Store>>) -> MutexGuard<'_, Option<Store>> {
    inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` on the open store, or fails with `STORE_CLOSED` after `close()`.
fn with_store<T>(inner: &Mutex<Option<Store>>, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    f(locked(inner).as_mut().ok_or_else(|| error(ErrorCode::StoreClosed, "this CCR store was closed"))?)
}

#[napi]
impl BindingStore {
    /// Opens (creating if needed) the store database at `path`.
    #[napi(factory)]
    pub fn open(path: String, options: Option<BindingStoreOptions>) -> Result<BindingStore> {
        guard(|| {
            if path.is_empty() {
                return Err(error(ErrorCode::HeadroomInvalidArg, "store path is empty"));
            }
            let options = options.unwrap_or(BindingStoreOptions { ttl_secs: None, max_bytes: None, files_dir: None });
            let config = StoreConfig {
                ttl_secs: whole(options.ttl_secs, DEFAULT_TTL_SECS, "ttlSecs")?,
                max_bytes: whole(options.max_bytes, DEFAULT_MAX_BYTES, "maxBytes")?,
                files_dir: options.files_dir.filter(|d| !d.is_empty()).map(PathBuf::from),
            };
            Store::open(&path, config).map(|inner| BindingStore { inner: Arc::new(Mutex::new(Some(inner))) }).map_err(store_error)
        })
    }

    /// Stores `content` under `key`, which must be its CCR key.
    #[napi]
    pub fn put(&mut self, key: String, content: String) -> Result<()> {
        guard(|| self.with(|s| s.put(&key, &content).map_err(store_error)))
    }

    /// Like `put`, on the libuv thread pool (it resolves once the original is stored).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn put_async(&self, key: String, content: String) -> AsyncTask<PutTask> {
        AsyncTask::new(PutTask { inner: self.inner.clone(), key, content })
    }

    /// The exact original, or `null` when the key is unknown, expired or evicted.
    #[napi]
    pub fn get(&mut self, key: String) -> Result<Option<String>> {
        guard(|| self.with(|s| s.get(&key).map_err(store_error)))
    }

    #[napi]
    pub fn stats(&mut self) -> Result<BindingStoreStats> {
        guard(|| {
            let s = self.with(|s| s.stats().map_err(store_error))?;
            Ok(BindingStoreStats {
                entries: s.entries as f64,
                bytes: s.bytes as f64,
                max_bytes: s.max_bytes as f64,
                ttl_secs: s.ttl_secs as f64,
                evicted: s.evicted as f64,
                expired: s.expired as f64,
            })
        })
    }

    /// Where the original of `key` is materialised, or `null` without a files directory or for a bad key.
    #[napi]
    pub fn file_path(&mut self, key: String) -> Result<Option<String>> {
        guard(|| self.with(|s| Ok(s.file_path(&key).map(|p| p.display().to_string()))))
    }

    /// Closes the database. Later calls fail with `STORE_CLOSED`; closing twice is fine.
    #[napi]
    pub fn close(&mut self) -> Result<()> {
        guard(|| {
            *locked(&self.inner) = None;
            Ok(())
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        with_store(&self.inner, f)
    }
}
