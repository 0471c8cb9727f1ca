//! Originals materialised as plain files `<dir>/<key>`, so a marker's `file=` path can be read by any
//! agent's own file tool. The database stays the source of truth: a missing file is re-created on the next
//! put or get, and a leftover file is harmless (its name is the hash of its content).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::StoreError;

pub(crate) struct FilesDir {
    dir: PathBuf,
}

impl FilesDir {
    pub(crate) fn create(dir: PathBuf) -> Result<FilesDir, StoreError> {
        fs::create_dir_all(&dir).map_err(|e| StoreError::Open(format!("cannot create {}: {e}", dir.display())))?;
        restrict(&dir, 0o700);
        Ok(FilesDir { dir })
    }

    /// `key` must already be validated with `is_ccr_key` (the store does it first): that is what keeps
    /// the path inside `dir`.
    pub(crate) fn path(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// Writes the file unless it already exists. Written to a temporary name and renamed, so another
    /// process never reads a half-written original.
    pub(crate) fn ensure(&self, key: &str, content: &str) -> Result<(), StoreError> {
        let path = self.path(key);
        if path.is_file() {
            return Ok(());
        }
        let tmp = self.dir.join(format!(".{key}.{}.tmp", std::process::id()));
        let io = |e: std::io::Error| StoreError::Io(format!("cannot write {}: {e}", path.display()));
        let mut file = fs::File::create(&tmp).map_err(io)?;
        restrict(&tmp, 0o600);
        if let Err(e) = file.write_all(content.as_bytes()) {
            let _ = fs::remove_file(&tmp);
            return Err(io(e));
        }
        drop(file);
        fs::rename(&tmp, &path).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io(e)
        })
    }

    /// Removes the file of an evicted or expired entry. A file that is already gone is not an error.
    pub(crate) fn remove(&self, key: &str) {
        let _ = fs::remove_file(self.path(key));
    }
}

/// Originals can hold anything a tool printed (tokens, customer data): only the owner may read them.
#[cfg(unix)]
fn restrict(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) {}
