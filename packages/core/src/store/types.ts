/** What a retrieval gives back: the exact original, or a message that tells the agent what to do instead. */
export type RetrieveResult = { found: true; content: string } | { found: false; message: string };

export type StoreBackend = 'sqlite' | 'redis';

export interface StoreStats {
  backend: StoreBackend;
  /** Originals currently stored (for Redis, including ones whose expiry has not been swept yet). */
  entries: number;
  /** Total UTF-8 bytes of the stored originals. */
  bytes: number;
  maxBytes: number;
  ttlSecs: number;
  /** The database file or the Redis URL (without credentials). */
  location: string;
}

/**
 * The CCR store: where the original behind every omission marker is kept, under its content-addressed
 * key (`hr_` + 24 hex digits of SHA-256).
 */
export interface CcrStore {
  readonly backend: StoreBackend;
  /**
   * Where originals are materialised as plain files `<filesDir>/<key>` (the marker's `file=`), or
   * `undefined` when this backend keeps them only in the store.
   */
  readonly filesDir: string | undefined;
  /** Stores `content` under `key`, which must be its CCR key. Rejects with a `HeadroomError` on failure. */
  put(key: string, content: string): Promise<void>;
  /** Never rejects: an unknown, expired, evicted or malformed key gives `{ found: false, message }`. */
  get(key: string): Promise<RetrieveResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
