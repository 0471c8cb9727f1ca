import type { ErrorCode } from '@headroom/native';

/**
 * A stable error code. Every code and what it means is declared once, as the `ErrorCode` enum of
 * `@headroom/native` (crates/headroom-napi/src/errors.rs), codes only the TypeScript side raises
 * included. Native errors carry theirs in `err.code`, from sync and async calls alike.
 */
export type HeadroomErrorCode = `${ErrorCode}`;

export class HeadroomError extends Error {
  readonly code: HeadroomErrorCode;

  constructor(code: HeadroomErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HeadroomError';
    this.code = code;
  }
}
