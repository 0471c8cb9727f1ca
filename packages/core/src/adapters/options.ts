import { defaultStore } from '../compress/default-store.js';
import { DEFAULT_BUDGET_MS, type Profile } from '../compress/options.js';
import type { PrepareOptions } from '../conversation/prepare.js';
import { SpliceMemory } from '../conversation/splice-memory.js';
import { StickyBytes } from '../conversation/sticky.js';
import { unknownKeyAnswer } from '../conversation/retrieve-tool.js';
import type { CcrStore } from '../store/types.js';
import { countTokens } from '../tokens.js';

/** Options shared by `withHeadroom`, `headroomFetch` and `headroomMiddleware`. */
export interface HeadroomOptions {
  /** @default 'balanced' */
  profile?: Profile;
  /** Compression time budget per request; on overrun the request goes as it was. @default 2000 */
  budgetMs?: number;
  /** Tool results shorter than this pass through. @default 2000 */
  minChars?: number;
  /** Where originals are kept for retrieval. @default the configured CCR store (`HEADROOM_HOME`) */
  store?: CcrStore;
  /** Answer `headroom_retrieve` in process, for JSON and streams. @default true */
  retrieve?: boolean;
  /** Model calls made per request to answer `headroom_retrieve`. @default 3 */
  maxRetrieveRounds?: number;
}

/**
 * What one adapter keeps for as long as it lives, like the proxy does for its process: the bytes each
 * tool result was first sent as (so later turns resend them and the prompt cache holds) and the hidden
 * retrieval exchanges to put back into the client's next request.
 */
export class Session {
  readonly memory = new SpliceMemory();
  readonly sticky = new StickyBytes();

  constructor(readonly options: HeadroomOptions) {}

  /**
   * Call before each request's compression. Loads the tokenizer tables once per process (what the
   * proxy does at start), so that one-time cost is not counted against the first request's budget; then
   * gives the store, or undefined when none can be opened (then nothing is compressed: originals must
   * stay retrievable).
   */
  async ready(): Promise<CcrStore | undefined> {
    warmUp();
    if (this.options.store) return this.options.store;
    try {
      return await defaultStore();
    } catch {
      return undefined;
    }
  }

  /** How this adapter's requests are prepared: its options over the proxy's defaults. */
  prepareOptions(store: CcrStore | undefined): PrepareOptions {
    const o = this.options;
    return {
      budgetMs: o.budgetMs ?? DEFAULT_BUDGET_MS,
      profile: o.profile ?? 'balanced',
      store,
      bypass: !store,
      memory: this.memory,
      sticky: this.sticky,
      ...(o.minChars !== undefined ? { minChars: o.minChars } : {}),
    };
  }
}

/**
 * How an adapter answers `headroom_retrieve`: only keys issued into the request's history (see
 * `issuedKeys`), from the store the request's originals went to; never throws.
 */
export function answerer(store: CcrStore | undefined, issued: ReadonlySet<string>): (key: string) => Promise<string> {
  return async (key) => {
    const k = key.trim();
    if (!issued.has(k) || !store) return unknownKeyAnswer(k);
    const r = await store.get(k);
    return r.found ? r.content : `[headroom] ${r.message}`;
  };
}

let warm = false;
function warmUp(): void {
  if (warm) return;
  countTokens('headroom', 'gpt-4o');
  warm = true;
}
