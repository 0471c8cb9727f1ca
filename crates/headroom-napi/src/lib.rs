//! The JavaScript API of the native engine. Each file mirrors one group of exports; all logic lives in
//! the engine crates, and every export runs inside [`guard::guard`] so a Rust panic reaches JavaScript
//! as an error with code `HEADROOM_PANIC` instead of aborting the Node process.

// napi-derive registers exports only in the cdylib build; a `cargo test` build of this crate sees no
// caller for them.
#![cfg_attr(test, allow(dead_code))]

#[macro_use]
mod string_enum;

mod compress;
mod errors;
mod guard;
mod kompress;
mod names;
mod onnx;
mod store;
#[cfg(feature = "test-hooks")]
mod test_hooks;
mod tokenize;
