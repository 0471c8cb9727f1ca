use std::fmt;

/// Errors of the ML layer. `code()` is stable and reaches JavaScript as `err.code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MlError {
    /// No runtime was initialised, or the library file does not exist.
    RuntimeNotFound(String),
    /// The file exists but could not be loaded as ONNX Runtime (wrong file, wrong architecture, too old).
    RuntimeLoad(String),
    /// The model file is missing or is not a valid ONNX model.
    ModelLoad(String),
    /// The inputs do not fit the model (shape, count).
    BadInput(String),
    /// ONNX Runtime failed while running the model.
    Inference(String),
    /// The `tokenizer.json` is missing or invalid, or tokenizing failed.
    Tokenizer(String),
}

impl MlError {
    pub fn code(&self) -> &'static str {
        match self {
            MlError::RuntimeNotFound(_) => "ORT_NOT_FOUND",
            MlError::RuntimeLoad(_) => "ORT_LOAD_FAILED",
            MlError::ModelLoad(_) => "MODEL_LOAD_FAILED",
            MlError::BadInput(_) => "BAD_MODEL_INPUT",
            MlError::Inference(_) => "INFERENCE_FAILED",
            MlError::Tokenizer(_) => "TOKENIZER_FAILED",
        }
    }

    /// What went wrong, without the code (which JavaScript gets in `err.code`).
    pub fn detail(&self) -> &str {
        match self {
            MlError::RuntimeNotFound(s)
            | MlError::RuntimeLoad(s)
            | MlError::ModelLoad(s)
            | MlError::BadInput(s)
            | MlError::Inference(s)
            | MlError::Tokenizer(s) => s,
        }
    }
}

impl fmt::Display for MlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.detail())
    }
}

impl std::error::Error for MlError {}
