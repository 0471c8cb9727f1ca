//! A loaded model and a float32 inference call.

use std::path::Path;
use std::sync::Mutex;

use ort::session::Session;
use ort::value::Tensor;

use crate::runtime::ensure_runtime;
use crate::MlError;

/// A dense float32 tensor: row-major data and its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct TensorF32 {
    pub shape: Vec<i64>,
    pub data: Vec<f32>,
}

/// An ONNX model ready to run. `run` takes `&self`: the session is behind a mutex because ONNX Runtime
/// sessions need exclusive access per call in `ort`'s API, and callers share one model across threads.
pub struct Model {
    session: Mutex<Session>,
}

impl Model {
    pub fn load(path: &Path) -> Result<Model, MlError> {
        ensure_runtime()?;
        if !path.is_file() {
            return Err(MlError::ModelLoad(format!("no model file at {}", path.display())));
        }
        let session = Session::builder()
            .and_then(|mut b| b.commit_from_file(path))
            .map_err(|e| MlError::ModelLoad(format!("{}: {e}", path.display())))?;
        Ok(Model { session: Mutex::new(session) })
    }

    /// Runs a model that takes one float32 input and returns its first output as float32.
    pub fn run_f32(&self, input: &TensorF32) -> Result<TensorF32, MlError> {
        let expected: i64 = input.shape.iter().product();
        if input.shape.iter().any(|&d| d < 0) || expected as usize != input.data.len() {
            return Err(MlError::BadInput(format!("shape {:?} does not hold {} values", input.shape, input.data.len())));
        }
        let tensor = Tensor::from_array((input.shape.clone(), input.data.clone())).map_err(|e| MlError::BadInput(e.to_string()))?;
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let outputs = session.run(ort::inputs![tensor]).map_err(|e| MlError::Inference(e.to_string()))?;
        let (shape, data) = outputs[0].try_extract_tensor::<f32>().map_err(|e| MlError::Inference(e.to_string()))?;
        Ok(TensorF32 { shape: shape.to_vec(), data: data.to_vec() })
    }
}
