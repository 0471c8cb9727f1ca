// Calls into the addon: what they throw becomes a `HeadroomError` with the code the Rust side gave it.
import { HeadroomError, type HeadroomErrorCode } from './errors.js';
import { native } from './native.js';

let codes: ReadonlySet<string> | undefined;

/** Whether `code` is one of Headroom's codes: the values of the addon's `ErrorCode` enum. */
export function isHeadroomErrorCode(code: unknown): code is HeadroomErrorCode {
  // The typings declare `ErrorCode` as a const enum (a type only); the addon exports it as an object.
  codes ??= new Set(Object.values((native() as unknown as { ErrorCode: Record<string, string> }).ErrorCode));
  return typeof code === 'string' && codes.has(code);
}

/**
 * Runs a native call (or awaits its promise, see `nativeError`) and turns whatever it throws into a
 * `HeadroomError` with a stable code.
 */
export function callNative<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw nativeError(err);
  }
}

/** A native error as a `HeadroomError`, keeping its code; anything else is a bug (`HEADROOM_PANIC`). */
export function nativeError(err: unknown): HeadroomError {
  if (err instanceof HeadroomError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = isHeadroomErrorCode(e?.code) ? e.code : 'HEADROOM_PANIC';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return new HeadroomError(code, message, { cause: err });
}
