//! Runs the code-built ONNX model through the real ONNX Runtime (loaded dynamically).

use std::path::PathBuf;

use headroom_ml::onnx_builder::{affine_model, AFFINE_B, AFFINE_W};
use headroom_ml::{init_runtime, MlError, Model, TensorF32};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/affine.onnx");

/// `npm test` passes the library bundled in the onnxruntime-node package as `ORT_DYLIB_PATH`
/// (scripts/dev.mjs); running `cargo test` by hand needs the same variable.
fn runtime() -> PathBuf {
    let path = std::env::var_os("ORT_DYLIB_PATH").expect("set ORT_DYLIB_PATH to libonnxruntime (npm test does this after installing onnxruntime-node)");
    init_runtime(&PathBuf::from(path)).expect("ONNX Runtime loads")
}

fn expected(x: &[f32]) -> Vec<f32> {
    x.chunks(3).flat_map(|row| (0..2).map(move |j| (0..3).map(|k| row[k] * AFFINE_W[k * 2 + j]).sum::<f32>() + AFFINE_B[j])).collect()
}

#[test]
fn committed_fixture_is_exactly_what_the_builder_writes() {
    // The JS tests load the fixture file; this keeps it tied to the code that generates it.
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, affine_model()).unwrap();
    }
    assert_eq!(std::fs::read(FIXTURE).unwrap(), affine_model(), "rerun with UPDATE_FIXTURES=1");
}

#[test]
fn affine_model_runs_and_gives_the_computed_values() {
    runtime();
    let model = Model::load(FIXTURE.as_ref()).unwrap();
    let x = vec![1.0, 2.0, 3.0, -1.0, 0.0, 4.0];
    let y = model.run_f32(&TensorF32 { shape: vec![2, 3], data: x.clone() }).unwrap();
    assert_eq!(y.shape, vec![2, 2]);
    assert_eq!(y.data, expected(&x));
    assert_eq!(y.data, vec![-3.5, 0.75, -8.5, -1.0]);
}

#[test]
fn bad_inputs_and_missing_models_are_errors_with_codes() {
    runtime();
    let model = Model::load(FIXTURE.as_ref()).unwrap();
    let err = model.run_f32(&TensorF32 { shape: vec![1, 3], data: vec![1.0] }).unwrap_err();
    assert_eq!(err.code(), "BAD_MODEL_INPUT");
    let err = model.run_f32(&TensorF32 { shape: vec![1, 4], data: vec![1.0; 4] }).unwrap_err();
    assert_eq!(err.code(), "INFERENCE_FAILED");
    let err = Model::load("/nonexistent/model.onnx".as_ref()).err().unwrap();
    assert!(matches!(err, MlError::ModelLoad(_)));
}
