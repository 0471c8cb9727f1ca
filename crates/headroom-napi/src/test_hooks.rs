//! Exports only the TypeScript tests call, compiled with the `test-hooks` feature (the debug addon that
//! `npm test` builds) and never into the release addon. They are left out of the typings and the
//! generated loader's named exports (`skip_typescript`), so a debug and a release build generate the
//! same `index.js` and `index.d.ts`; the loader still hands them over, as it hands over the whole addon.

use std::path::Path;

use napi::bindgen_prelude::{Float32Array, Object};
use napi::Env;
use napi_derive::napi;

use crate::errors::{error, ml_error, ErrorCode, Result};
use crate::guard::guard;
use headroom_ml::{Model, TensorF32};

/// Panics inside the native engine on purpose, so a test can prove a Rust panic surfaces as a catchable
/// `HEADROOM_PANIC` error and the process goes on.
#[napi(skip_typescript)]
pub fn trigger_panic(message: String) -> Result<()> {
    guard(|| panic!("{message}"))
}

/// Runs a single-input float32 ONNX model and returns its first output as `{ shape, data }`: the ONNX
/// path from JavaScript, without a Kompress model around it. (A plain object, because a `#[napi(object)]`
/// struct is always in the typings.)
#[napi(skip_typescript)]
pub fn run_onnx_model(env: Env, model_path: String, input: Float32Array, shape: Vec<i64>) -> Result<Object<'static>> {
    guard(|| {
        if model_path.is_empty() {
            return Err(error(ErrorCode::HeadroomInvalidArg, "model path is empty"));
        }
        let model = Model::load(Path::new(&model_path)).map_err(ml_error)?;
        let out = model.run_f32(&TensorF32 { shape, data: input.to_vec() }).map_err(ml_error)?;
        let js = |e: napi::Error| error(ErrorCode::HeadroomPanic, e.reason.clone());
        let mut tensor = Object::new(&env).map_err(js)?;
        tensor.set("shape", out.shape).map_err(js)?;
        tensor.set("data", Float32Array::from(out.data)).map_err(js)?;
        Ok(tensor)
    })
}
