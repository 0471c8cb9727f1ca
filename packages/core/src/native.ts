// The addon is CommonJS (the napi-rs loader picks the prebuilt or locally built binary for this platform).
import { createRequire } from 'node:module';
import type * as Native from '@headroom/native';
import { HeadroomError } from './errors.js';

let cached: typeof Native | undefined;

export function native(): typeof Native {
  if (cached) return cached;
  try {
    cached = createRequire(import.meta.url)('@headroom/native') as typeof Native;
    return cached;
  } catch (err) {
    throw new HeadroomError(
      'HEADROOM_NATIVE_UNAVAILABLE',
      `the Headroom native addon could not be loaded for ${process.platform}-${process.arch}; ` +
        'reinstall @headroom/native, or build it from a clone with `npm test`',
      { cause: err },
    );
  }
}
