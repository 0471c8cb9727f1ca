use std::path::Path;

use napi_derive::napi;

use crate::errors::{ml_error, Result};
use crate::guard::guard;
use headroom_ml::init_runtime;

/// Loads ONNX Runtime from the given library file; returns the path in use (only the first successful
/// call in a process takes effect).
#[napi]
pub fn init_onnx_runtime(path: String) -> Result<String> {
    guard(|| init_runtime(Path::new(&path)).map(|p| p.display().to_string()).map_err(ml_error))
}
