import { HeadroomError, type HeadroomErrorCode } from '../errors.js';
import { isHeadroomErrorCode } from '../native-call.js';

/** The codes of store failures (each documented in `ErrorCode`, see `HeadroomErrorCode`). */
export type StoreErrorCode = Extract<HeadroomErrorCode, `STORE_${string}`>;

export function storeError(code: StoreErrorCode, message: string, cause?: unknown): HeadroomError {
  return new HeadroomError(code, message, { cause });
}

/** Turns whatever a native store call threw into a `HeadroomError`, keeping a known code. */
export function toStoreError(err: unknown, fallback: StoreErrorCode): HeadroomError {
  if (err instanceof HeadroomError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.code === 'HEADROOM_PANIC' || e?.code === 'HEADROOM_INVALID_ARG') return new HeadroomError(e.code, message, { cause: err });
  const code = isHeadroomErrorCode(e?.code) && e.code.startsWith('STORE_') ? (e.code as StoreErrorCode) : fallback;
  return storeError(code, message, err);
}
