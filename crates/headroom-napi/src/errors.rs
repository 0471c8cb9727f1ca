//! The error codes of Headroom, declared once. They reach JavaScript as `err.code` and as the
//! `ErrorCode` enum of `@headroom/native`'s typings, from which `@headroom/core` derives its
//! `HeadroomErrorCode`; codes only the TypeScript side raises are declared here too, so there is one list.

use headroom_ml::MlError;
use headroom_store::StoreError;
use napi::bindgen_prelude::JsError;
use napi::Env;

string_enum! {
    "A stable error code: what `err.code` holds on an error from Headroom."
    ErrorCode {
        HeadroomPanic = "HEADROOM_PANIC":
            "A bug inside the native engine (a Rust panic); the call failed but the process is fine.",
        HeadroomInvalidArg = "HEADROOM_INVALID_ARG":
            "An argument the API cannot accept (e.g. an empty model path, an unknown profile).",
        HeadroomNativeUnavailable = "HEADROOM_NATIVE_UNAVAILABLE":
            "The native addon could not be loaded for this platform (raised by `@headroom/core`).",
        OrtNotFound = "ORT_NOT_FOUND":
            "No ONNX Runtime library was found (`headroom model pull` fetches one, or set `ORT_DYLIB_PATH`).",
        OrtLoadFailed = "ORT_LOAD_FAILED":
            "The ONNX Runtime library exists but could not be loaded.",
        ModelLoadFailed = "MODEL_LOAD_FAILED":
            "The model file is missing or not a valid ONNX model.",
        BadModelInput = "BAD_MODEL_INPUT":
            "The input data does not fit the model or the given shape.",
        InferenceFailed = "INFERENCE_FAILED":
            "ONNX Runtime failed while running the model.",
        TokenizerFailed = "TOKENIZER_FAILED":
            "A Kompress model's `tokenizer.json` is missing or invalid.",
        KompressOffline = "KOMPRESS_OFFLINE":
            "A download was asked for while `HF_HUB_OFFLINE=1` or `HEADROOM_OFFLINE=1` (raised by `@headroom/core`).",
        KompressUnknownModel = "KOMPRESS_UNKNOWN_MODEL":
            "A model name that is neither in the catalog nor `owner/repo` (raised by `@headroom/core`).",
        KompressDownloadFailed = "KOMPRESS_DOWNLOAD_FAILED":
            "The hub or the npm registry could not be reached, answered with an error, or has no file for this platform (raised by `@headroom/core`).",
        KompressChecksumMismatch = "KOMPRESS_CHECKSUM_MISMATCH":
            "A downloaded file does not have the expected SHA-256 / SHA-512 (raised by `@headroom/core`).",
        StoreInvalidKey = "STORE_INVALID_KEY":
            "Not `hr_` + 24 lowercase hex digits (checked before any disk access).",
        StoreKeyMismatch = "STORE_KEY_MISMATCH":
            "The content does not hash to the key it was put under.",
        StoreEntryTooLarge = "STORE_ENTRY_TOO_LARGE":
            "One original is larger than the whole store; leave that block uncompressed.",
        StoreOpenFailed = "STORE_OPEN_FAILED":
            "The store database could not be created or opened (path, permissions, not SQLite).",
        StoreBusy = "STORE_BUSY":
            "Other processes held the database lock through every retry.",
        StoreDbError = "STORE_DB_ERROR":
            "SQLite failed (disk full, I/O error).",
        StoreIoError = "STORE_IO_ERROR":
            "A materialised file could not be written.",
        StoreCorrupt = "STORE_CORRUPT":
            "A stored value is not valid UTF-8.",
        StoreUnavailable = "STORE_UNAVAILABLE":
            "The Redis server could not be reached, answered with an error, or `ioredis` is not installed (raised by `@headroom/core`).",
        StoreClosed = "STORE_CLOSED":
            "The store was used after `close()`.",
    }
}

pub type Result<T> = napi::Result<T, ErrorCode>;

pub fn error(code: ErrorCode, message: impl Into<String>) -> napi::Error<ErrorCode> {
    napi::Error::new(code, message.into())
}

pub fn ml_error(e: MlError) -> napi::Error<ErrorCode> {
    error(ml_code(&e), e.detail())
}

pub fn store_error(e: StoreError) -> napi::Error<ErrorCode> {
    error(store_code(&e), e.detail())
}

fn ml_code(e: &MlError) -> ErrorCode {
    match e {
        MlError::RuntimeNotFound(_) => ErrorCode::OrtNotFound,
        MlError::RuntimeLoad(_) => ErrorCode::OrtLoadFailed,
        MlError::ModelLoad(_) => ErrorCode::ModelLoadFailed,
        MlError::BadInput(_) => ErrorCode::BadModelInput,
        MlError::Inference(_) => ErrorCode::InferenceFailed,
        MlError::Tokenizer(_) => ErrorCode::TokenizerFailed,
    }
}

fn store_code(e: &StoreError) -> ErrorCode {
    match e {
        StoreError::InvalidKey(_) => ErrorCode::StoreInvalidKey,
        StoreError::KeyMismatch(_) => ErrorCode::StoreKeyMismatch,
        StoreError::TooLarge(_) => ErrorCode::StoreEntryTooLarge,
        StoreError::Open(_) => ErrorCode::StoreOpenFailed,
        StoreError::Busy(_) => ErrorCode::StoreBusy,
        StoreError::Database(_) => ErrorCode::StoreDbError,
        StoreError::Io(_) => ErrorCode::StoreIoError,
        StoreError::Corrupt(_) => ErrorCode::StoreCorrupt,
    }
}

/// The rejection of an async task, with its code in `err.code` as a sync call would throw it. A task's
/// `resolve` may only fail with a plain `napi::Error`, whose own code is a napi status: the JS error is
/// built here, on the main thread, and handed over by reference, which napi-rs rejects with as is.
pub fn reject(env: Env, e: napi::Error<ErrorCode>) -> napi::Error {
    napi::Error::from(JsError::from(e).into_unknown(env))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct_and_upper_snake() {
        let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_ref()).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        assert!(codes.iter().all(|c| c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_')));
    }

    #[test]
    fn engine_errors_keep_the_code_their_crate_names() {
        let ml = [
            MlError::RuntimeNotFound(String::new()),
            MlError::RuntimeLoad(String::new()),
            MlError::ModelLoad(String::new()),
            MlError::BadInput(String::new()),
            MlError::Inference(String::new()),
            MlError::Tokenizer(String::new()),
        ];
        for e in ml {
            assert_eq!(ml_code(&e).as_ref(), e.code());
        }
        let store = [
            StoreError::InvalidKey(String::new()),
            StoreError::KeyMismatch(String::new()),
            StoreError::TooLarge(String::new()),
            StoreError::Open(String::new()),
            StoreError::Busy(String::new()),
            StoreError::Database(String::new()),
            StoreError::Io(String::new()),
            StoreError::Corrupt(String::new()),
        ];
        for e in store {
            assert_eq!(store_code(&e).as_ref(), e.code());
        }
    }
}
