import { STORE_ERROR_CODES, type StoreErrorCode } from './store/codes.js';

/**
 * Stable error codes. Native errors keep the code the Rust side gave them.
 *
 * - `HEADROOM_PANIC` — a bug inside the native engine; the call failed but the process is fine.
 * - `HEADROOM_INVALID_ARG` — an argument the API cannot accept (e.g. an empty model path).
 * - `HEADROOM_NATIVE_UNAVAILABLE` — the native addon could not be loaded for this platform.
 * - `ORT_NOT_FOUND` — no ONNX Runtime library was found (set `ORT_DYLIB_PATH`).
 * - `ORT_LOAD_FAILED` — the ONNX Runtime library exists but could not be loaded.
 * - `MODEL_LOAD_FAILED` — the model file is missing or not a valid ONNX model.
 * - `BAD_MODEL_INPUT` — the input data does not fit the given shape.
 * - `INFERENCE_FAILED` — ONNX Runtime failed while running the model.
 * - `TOKENIZER_FAILED` — a Kompress model's `tokenizer.json` is missing or invalid.
 * - `KOMPRESS_OFFLINE` — a download was asked for while `HF_HUB_OFFLINE=1` or `HEADROOM_OFFLINE=1`.
 * - `KOMPRESS_UNKNOWN_MODEL` — a model name that is neither in the catalog nor `owner/repo`.
 * - `KOMPRESS_DOWNLOAD_FAILED` — the hub or the npm registry could not be reached, answered with an
 *   error, or has no file for this platform.
 * - `KOMPRESS_CHECKSUM_MISMATCH` — a downloaded file does not have the expected SHA-256 / SHA-512.
 * - `STORE_*` — the CCR store; each is documented in `store/errors.ts`.
 */
export type HeadroomErrorCode =
  | 'HEADROOM_PANIC'
  | 'HEADROOM_INVALID_ARG'
  | 'HEADROOM_NATIVE_UNAVAILABLE'
  | 'ORT_NOT_FOUND'
  | 'ORT_LOAD_FAILED'
  | 'MODEL_LOAD_FAILED'
  | 'BAD_MODEL_INPUT'
  | 'INFERENCE_FAILED'
  | 'TOKENIZER_FAILED'
  | 'KOMPRESS_OFFLINE'
  | 'KOMPRESS_UNKNOWN_MODEL'
  | 'KOMPRESS_DOWNLOAD_FAILED'
  | 'KOMPRESS_CHECKSUM_MISMATCH'
  | StoreErrorCode;

const KNOWN_CODES = new Set<string>([
  'HEADROOM_PANIC',
  'HEADROOM_INVALID_ARG',
  'HEADROOM_NATIVE_UNAVAILABLE',
  'ORT_NOT_FOUND',
  'ORT_LOAD_FAILED',
  'MODEL_LOAD_FAILED',
  'BAD_MODEL_INPUT',
  'INFERENCE_FAILED',
  'TOKENIZER_FAILED',
  'KOMPRESS_OFFLINE',
  'KOMPRESS_UNKNOWN_MODEL',
  'KOMPRESS_DOWNLOAD_FAILED',
  'KOMPRESS_CHECKSUM_MISMATCH',
  ...STORE_ERROR_CODES,
]);

export class HeadroomError extends Error {
  readonly code: HeadroomErrorCode;

  constructor(code: HeadroomErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HeadroomError';
    this.code = code;
  }
}

/** Runs a native call and turns whatever it throws into a `HeadroomError` with a stable code. */
export function callNative<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toHeadroomError(err);
  }
}

function toHeadroomError(err: unknown): HeadroomError {
  if (err instanceof HeadroomError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' && KNOWN_CODES.has(e.code) ? (e.code as HeadroomErrorCode) : 'HEADROOM_PANIC';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return new HeadroomError(code, message, { cause: err });
}
