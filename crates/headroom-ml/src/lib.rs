//! Model inference for Headroom's ML compressors.
//!
//! ONNX Runtime is not linked: `ort`'s `load-dynamic` feature dlopens `libonnxruntime` from a path the
//! host hands over (the Node side finds the copy inside the pinned `onnxruntime-node` npm package). That
//! keeps installs free of CDN downloads and lets a machine without the library run everything else.

mod error;
pub mod kompress;
#[cfg(feature = "test-support")]
pub mod onnx_builder;
mod runtime;
mod session;
mod tokenizer;

pub use error::MlError;
pub use runtime::{init_runtime, runtime_path};
pub use session::{Model, TensorF32, TensorI64};
pub use tokenizer::{EncodedWords, WordTokenizer};
