// The CCR key rule, mirrored from crates/headroom-marker/src/key.rs so the Redis backend and the
// messages can check keys without a native call. The Rust side stays the reference.
import { createHash } from 'node:crypto';

const CCR_KEY = /^hr_[0-9a-f]{24}$/;

/** True for a well-formed CCR key (`hr_` + 24 lowercase hex digits), the same rule as the Rust side. */
export function isCcrKey(key: string): boolean {
  return CCR_KEY.test(key);
}

/** The CCR key of `content`: `hr_` + the first 24 hex digits of the SHA-256 of its UTF-8 bytes. */
export function ccrKey(content: string): string {
  return 'hr_' + createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 24);
}
