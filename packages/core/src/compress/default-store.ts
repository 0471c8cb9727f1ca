import { openStore } from '../store/index.js';
import type { CcrStore } from '../store/index.js';

let opening: Promise<CcrStore> | undefined;

/**
 * The store compress() uses when the caller names none: the configured one (`HEADROOM_STORE`,
 * `HEADROOM_HOME`), opened once per process. A failed open is retried on the next call.
 */
export function defaultStore(): Promise<CcrStore> {
  opening ??= openStore().catch((err: unknown) => {
    opening = undefined;
    throw err;
  });
  return opening;
}
