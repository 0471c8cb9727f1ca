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
    inputs: Vec<String>,
}

/// A dense int64 tensor (token ids, attention masks).
#[derive(Debug, Clone, PartialEq)]
pub struct TensorI64 {
    pub shape: Vec<i64>,
    pub data: Vec<i64>,
}

impl Model {
    pub fn load(path: &Path) -> Result<Model, MlError> {
        Model::load_with_threads(path, None)
    }

    /// Loads a model whose operators use at most `intra_threads` threads each (`None`: ONNX Runtime's
    /// default, one per core). The proxy shares the machine with the agent, so callers cap it.
    pub fn load_with_threads(path: &Path, intra_threads: Option<usize>) -> Result<Model, MlError> {
        ensure_runtime()?;
        if !path.is_file() {
            return Err(MlError::ModelLoad(format!("no model file at {}", path.display())));
        }
        let fail = |e: String| MlError::ModelLoad(format!("{}: {e}", path.display()));
        let mut builder = Session::builder().map_err(|e| fail(e.to_string()))?;
        if let Some(n) = intra_threads {
            builder = builder.with_intra_threads(n.max(1)).map_err(|e| fail(e.to_string()))?;
        }
        let session = builder.commit_from_file(path).map_err(|e| fail(e.to_string()))?;
        let inputs = session.inputs().iter().map(|i| i.name().to_string()).collect();
        Ok(Model { session: Mutex::new(session), inputs })
    }

    /// The names of the model's inputs, in graph order.
    pub fn input_names(&self) -> &[String] {
        &self.inputs
    }

    /// Runs a model whose inputs are all int64 (BERT-shaped: `input_ids`, `attention_mask`, …), fed by
    /// name, and returns its first output as float32.
    pub fn run_i64(&self, inputs: &[(&str, &TensorI64)]) -> Result<TensorF32, MlError> {
        let mut values = Vec::with_capacity(inputs.len());
        for (name, t) in inputs {
            let expected: i64 = t.shape.iter().product();
            if t.shape.iter().any(|&d| d < 0) || expected as usize != t.data.len() {
                return Err(MlError::BadInput(format!("{name}: shape {:?} does not hold {} values", t.shape, t.data.len())));
            }
            let tensor = Tensor::from_array((t.shape.clone(), t.data.clone())).map_err(|e| MlError::BadInput(e.to_string()))?;
            values.push((name.to_string(), tensor));
        }
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let outputs = session.run(values).map_err(|e| MlError::Inference(e.to_string()))?;
        let (shape, data) = outputs[0].try_extract_tensor::<f32>().map_err(|e| MlError::Inference(e.to_string()))?;
        Ok(TensorF32 { shape: shape.to_vec(), data: data.to_vec() })
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
