import { defaultStore } from './compress/default-store.js';
import type { CcrStore, RetrieveResult } from './store/index.js';

/**
 * The exact original stored under a CCR key (from a marker's `key=`). Never throws: an unknown,
 * expired or malformed key, or an unreachable store, gives `{ found: false, message }` saying what to do.
 */
export async function retrieve(key: string, options: { store?: CcrStore } = {}): Promise<RetrieveResult> {
  let store: CcrStore;
  try {
    store = options.store ?? (await defaultStore());
  } catch (err) {
    return { found: false, message: `the CCR store could not be opened (${(err as Error).message}); check HEADROOM_HOME / HEADROOM_STORE` };
  }
  return store.get(key.trim());
}
