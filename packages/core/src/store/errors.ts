import { HeadroomError } from '../errors.js';
import { STORE_ERROR_CODES, type StoreErrorCode } from './codes.js';

export type { StoreErrorCode } from './codes.js';

const STORE_CODES = new Set<string>(STORE_ERROR_CODES);

export function storeError(code: StoreErrorCode, message: string, cause?: unknown): HeadroomError {
  return new HeadroomError(code, message, { cause });
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
