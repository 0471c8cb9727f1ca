/**
 * Error codes of Kompress and of model downloads (reach callers as `err.code`):
 *
 * - `KOMPRESS_OFFLINE` — a download was asked for while `HF_HUB_OFFLINE=1` or `HEADROOM_OFFLINE=1`.
 * - `KOMPRESS_UNKNOWN_MODEL` — a model name that is neither in the catalog nor `owner/repo`.
 * - `KOMPRESS_DOWNLOAD_FAILED` — the hub could not be reached or answered with an error.
 * - `KOMPRESS_CHECKSUM_MISMATCH` — a downloaded file does not have the expected SHA-256.
 * - `TOKENIZER_FAILED` — the model's `tokenizer.json` is missing or invalid (native code).
 */
export type KompressErrorCode =
  | 'KOMPRESS_OFFLINE'
  | 'KOMPRESS_UNKNOWN_MODEL'
  | 'KOMPRESS_DOWNLOAD_FAILED'
  | 'KOMPRESS_CHECKSUM_MISMATCH'
  | 'TOKENIZER_FAILED';

export class KompressError extends Error {
  readonly code: KompressErrorCode;

  constructor(code: KompressErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KompressError';
    this.code = code;
  }
}
