// A leaf module (no imports), so the core's error type and the store can both use the codes.

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

export const STORE_ERROR_CODES: readonly StoreErrorCode[] = [
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
];
