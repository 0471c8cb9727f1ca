//! Panic and error containment at the JS boundary.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// An error code that reaches JavaScript as `err.code`. Codes are stable API: the TS side documents them
/// in `HeadroomErrorCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code(pub &'static str);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

pub const PANIC: Code = Code("HEADROOM_PANIC");
pub const INVALID_ARG: Code = Code("HEADROOM_INVALID_ARG");

pub type Result<T> = napi::Result<T, Code>;

pub fn error(code: Code, message: impl Into<String>) -> napi::Error<Code> {
    napi::Error::new(code, message.into())
}

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
            Err(error(PANIC, format!("internal error in the native engine (a Rust panic): {detail}")))
        }
    }
}
