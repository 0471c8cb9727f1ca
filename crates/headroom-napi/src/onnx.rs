use std::path::Path;

use napi::bindgen_prelude::Float32Array;
use napi_derive::napi;

use crate::errors::{error, ml_error, ErrorCode, Result};
use crate::guard::guard;
use headroom_ml::{init_runtime, Model, TensorF32};

#[napi(object)]
pub struct BindingTensor {
    pub shape: Vec<i64>,
    pub data: Float32Array,
}

/// Loads ONNX Runtime from the given library file; returns the path in use (only the first successful
/// call in a process takes effect).
#[napi]
pub fn init_onnx_runtime(path: String) -> Result<String> {
    guard(|| {
        init_runtime(Path::new(&path))
            .map(|p| p.display().to_string())
            .map_err(ml_error)
    })
}

/// Runs a single-input float32 ONNX model and returns its first output.
#[napi]
pub fn run_onnx_model(
    model_path: String,
    input: Float32Array,
    shape: Vec<i64>,
) -> Result<BindingTensor> {
    guard(|| {
        if model_path.is_empty() {
            return Err(error(ErrorCode::HeadroomInvalidArg, "model path is empty"));
        }
        let model = Model::load(Path::new(&model_path)).map_err(ml_error)?;
        let out = model
            .run_f32(&TensorF32 {
                shape,
                data: input.to_vec(),
            })
            .map_err(ml_error)?;
        Ok(BindingTensor {
            shape: out.shape,
            data: out.data.into(),
        })
    })
}
