//! Panic and error containment at the JS boundary.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::errors::{error, ErrorCode, Result};

/// Runs `f`, turning a panic into a `HEADROOM_PANIC` error. A panic unwinding into the napi C frames
/// would abort the process (Rust aborts on unwinding through `extern "C"`), taking a proxy down with it.
pub fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".into());
            Err(error(ErrorCode::HeadroomPanic, format!("internal error in the native engine (a Rust panic): {detail}")))
        }
    }
}
