//! Loading ONNX Runtime once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::MlError;

static RUNTIME: OnceLock<Result<PathBuf, MlError>> = OnceLock::new();

/// Loads ONNX Runtime from `dylib`. Only the first call in a process takes effect (ONNX Runtime cannot be
/// unloaded or swapped); later calls return the outcome of the first, so a caller learns which library is
/// in use.
pub fn init_runtime(dylib: &Path) -> Result<PathBuf, MlError> {
    RUNTIME.get_or_init(|| load(dylib)).clone()
}

/// The library in use, if a runtime was initialised successfully.
pub fn runtime_path() -> Option<PathBuf> {
    RUNTIME.get().and_then(|r| r.as_ref().ok().cloned())
}

pub(crate) fn ensure_runtime() -> Result<(), MlError> {
    match RUNTIME.get() {
        Some(Ok(_)) => Ok(()),
        Some(Err(e)) => Err(e.clone()),
        None => Err(MlError::RuntimeNotFound("ONNX Runtime was not initialised: call init_runtime(path) first".into())),
    }
}

fn load(dylib: &Path) -> Result<PathBuf, MlError> {
    if !dylib.is_file() {
        return Err(MlError::RuntimeNotFound(format!("no ONNX Runtime library at {}", dylib.display())));
    }
    let builder = ort::init_from(dylib).map_err(|e| MlError::RuntimeLoad(format!("{}: {e}", dylib.display())))?;
    builder.with_name("headroom").commit();
    Ok(dylib.to_path_buf())
}
