//! Opening the database: pragmas for several writer processes, the schema, and the retry loop every write
//! goes through.

use std::path::Path;
use std::thread::sleep;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{is_busy, StoreError};

/// How long one statement waits for another process's lock before SQLite reports BUSY. Writes are short
/// (one entry plus a few evictions), so a wait this long means something is stuck rather than busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Retries on top of the busy timeout. `BEGIN IMMEDIATE` takes the write lock up front, so BUSY can still
/// surface when the WAL is being checkpointed or the schema is being created by another process at the
/// same moment; those windows are short, so a few backed-off retries clear them.
const RETRIES: u32 = 8;

/// Bumped when the table layout changes; an older layout is migrated (or, for a cache, dropped) on open.
const SCHEMA_VERSION: i64 = 1;

// `total` is kept by triggers so stats and eviction never scan the table, and so it stays right no matter
// which process or statement inserted or deleted a row. Content is a BLOB so the exact bytes (NULs
// included) round-trip without any text-encoding conversion by SQLite.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS originals (
    key         TEXT PRIMARY KEY NOT NULL,
    content     BLOB NOT NULL,
    bytes       INTEGER NOT NULL,
    created_ms  INTEGER NOT NULL,
    accessed_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS originals_by_access ON originals (accessed_ms);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL, entries INTEGER NOT NULL);
INSERT OR IGNORE INTO totals (id, bytes, entries) VALUES (1, 0, 0);
CREATE TRIGGER IF NOT EXISTS originals_insert AFTER INSERT ON originals BEGIN
    UPDATE totals SET bytes = bytes + NEW.bytes, entries = entries + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS originals_delete AFTER DELETE ON originals BEGIN
    UPDATE totals SET bytes = bytes - OLD.bytes, entries = entries - 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS originals_resize AFTER UPDATE OF bytes ON originals BEGIN
    UPDATE totals SET bytes = bytes - OLD.bytes + NEW.bytes WHERE id = 1;
END;
";

pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir_all(parent).map_err(|e| StoreError::Open(format!("cannot create {}: {e}", parent.display())))?;
    }
    // The database holds every original: only the owner may read it. SQLite gives the -wal and -shm
    // files it creates the mode of the database file, so creating that one 0600 covers all three.
    create_private_file(path).map_err(|e| StoreError::Open(format!("cannot create {}: {e}", path.display())))?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open(format!("cannot open {}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(path, e))?;
    // WAL lets readers and one writer work at the same time across processes; NORMAL sync is durable
    // against a crash of any process (only a power loss may lose the last commits, which for a cache of
    // re-creatable originals is the right trade against an fsync per put).
    retry(|| {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        Ok(mode)
    })
    .map_err(|e| open_error(path, e))?;
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;").map_err(|e| open_error(path, e))?;
    retry(|| {
        // IMMEDIATE: two processes creating the schema at once must not both read version 0 and then
        // deadlock upgrading to a write lock (SQLite reports that as BUSY without waiting).
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            if version > SCHEMA_VERSION {
                // A newer Headroom wrote this file; leave its layout alone and let queries fail loudly.
                return Ok(());
            }
            tx.execute_batch(SCHEMA)?;
            tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
        }
        tx.commit()
    })
    .map_err(|e| open_error(path, e))?;
    // A database (and its -wal / -shm) created by an older version, or under a looser umask, is tightened.
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        restrict_file(Path::new(&p));
    }
    Ok(conn)
}

/// `create_dir_all`, with the directories it creates readable by the owner only (0700 on Unix).
fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates `path` empty with mode 0600 unless it exists (an empty file is a valid new SQLite database).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets a file we own to 0600 when it is looser; a missing file or a failure (not our file) is left alone.
#[cfg(unix)]
fn restrict_file(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
}

#[cfg(not(unix))]
fn restrict_file(_path: &Path) {}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match StoreError::from_sqlite(e) {
        StoreError::Busy(s) => StoreError::Busy(s),
        other => StoreError::Open(format!("cannot use {} as the CCR store: {other}", path.display())),
    }
}

/// Runs `f` again while SQLite reports the database busy or locked, with a growing pause.
pub(crate) fn retry<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut attempt = 0;
    loop {
        match f() {
            Err(e) if is_busy(&e) && attempt < RETRIES => {
                attempt += 1;
                sleep(Duration::from_millis(10 << attempt.min(6)));
            }
            other => return other,
        }
    }
}
