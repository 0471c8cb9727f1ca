import { HeadroomError, type HeadroomErrorCode } from '../errors.js';

/**
 * Codes of store failures (the Rust ones arrive as `err.code` from the addon):
 *
 * - `STORE_INVALID_KEY` — not `hr_` + 24 lowercase hex digits (checked before any disk access).
 * - `STORE_KEY_MISMATCH` — the content does not hash to the key it was put under.
 * - `STORE_ENTRY_TOO_LARGE` — one original is larger than the whole store; leave that block uncompressed.
 * - `STORE_OPEN_FAILED` — the database could not be created or opened (path, permissions, not SQLite).
 * - `STORE_BUSY` — other processes held the database lock through every retry.
 * - `STORE_DB_ERROR` — SQLite failed (disk full, I/O error).
 * - `STORE_IO_ERROR` — a materialised file could not be written.
 * - `STORE_CORRUPT` — a stored value is not valid UTF-8.
 * - `STORE_UNAVAILABLE` — the Redis server could not be reached or answered with an error.
 * - `STORE_CLOSED` — the store was used after `close()`.
 */
export type StoreErrorCode =
  | 'STORE_INVALID_KEY'
  | 'STORE_KEY_MISMATCH'
  | 'STORE_ENTRY_TOO_LARGE'
  | 'STORE_OPEN_FAILED'
  | 'STORE_BUSY'
  | 'STORE_DB_ERROR'
  | 'STORE_IO_ERROR'
  | 'STORE_CORRUPT'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CLOSED';

const STORE_CODES = new Set<string>([
  'STORE_INVALID_KEY',
  'STORE_KEY_MISMATCH',
  'STORE_ENTRY_TOO_LARGE',
  'STORE_OPEN_FAILED',
  'STORE_BUSY',
  'STORE_DB_ERROR',
  'STORE_IO_ERROR',
  'STORE_CORRUPT',
  'STORE_UNAVAILABLE',
  'STORE_CLOSED',
]);

export function storeError(code: StoreErrorCode, message: string, cause?: unknown): HeadroomError {
  // The cast goes away once `HeadroomErrorCode` lists the store codes (src/errors.ts belongs to the lead).
  return new HeadroomError(code as unknown as HeadroomErrorCode, message, { cause });
}

/** Turns whatever a store call threw into a `HeadroomError`, keeping a known code. */
export function toStoreError(err: unknown, fallback: StoreErrorCode): HeadroomError {
  if (err instanceof HeadroomError) return err;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && (e.code === 'HEADROOM_PANIC' || e.code === 'HEADROOM_INVALID_ARG')) {
    return new HeadroomError(e.code, String(e.message), { cause: err });
  }
  const code = typeof e?.code === 'string' && STORE_CODES.has(e.code) ? (e.code as StoreErrorCode) : fallback;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return storeError(code, message, err);
}
