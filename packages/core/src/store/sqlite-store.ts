import type { BindingStore } from '@headroom/native';
import { native } from '../native.js';
import { storeError, toStoreError } from './errors.js';
import { isCcrKey } from './key.js';
import { invalidKeyMessage, missingMessage, unavailableMessage } from './messages.js';
import type { CcrStore, RetrieveResult, StoreStats } from './types.js';

export interface SqliteStoreOptions {
  /** The database file, created with its directory if missing (e.g. `~/.headroom/ccr.sqlite`). */
  path: string;
  /** Where originals are materialised as `<filesDir>/<key>`; `null` keeps them in the database only. */
  filesDir?: string | null;
  /** Seconds an original lives after its last put or get. @default 86400 */
  ttlSecs?: number;
  /** Upper bound on the total bytes of originals; least recently used ones are evicted past it. @default 536870912 */
  maxBytes?: number;
}

/**
 * The embedded store: one SQLite file (WAL) shared safely by every process on the machine — proxy, CLI,
 * MCP server — with originals also written as plain files for agents' own file tools.
 */
export class SqliteStore implements CcrStore {
  readonly backend = 'sqlite' as const;
  readonly filesDir: string | undefined;
  readonly path: string;
  #binding: BindingStore | undefined;
  readonly #ttlSecs: number;
  readonly #maxBytes: number;

  private constructor(binding: BindingStore, path: string, filesDir: string | undefined) {
    this.#binding = binding;
    this.path = path;
    this.filesDir = filesDir;
    const stats = binding.stats();
    this.#ttlSecs = stats.ttlSecs;
    this.#maxBytes = stats.maxBytes;
  }

  /** Opens (creating if needed) the store. Throws a `HeadroomError` (`STORE_OPEN_FAILED`, …) on failure. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const filesDir = options.filesDir ?? undefined;
    try {
      const binding = native().BindingStore.open(options.path, {
        ttlSecs: options.ttlSecs,
        maxBytes: options.maxBytes,
        filesDir,
      });
      return new SqliteStore(binding, options.path, filesDir);
    } catch (err) {
      throw toStoreError(err, 'STORE_OPEN_FAILED');
    }
  }

  /** Stored on the thread pool (hashing and writing a large original takes milliseconds), off the event loop. */
  async put(key: string, content: string): Promise<void> {
    try {
      await this.#open().putAsync(key, content);
    } catch (err) {
      throw toStoreError(err, 'STORE_DB_ERROR');
    }
  }

  async get(key: string): Promise<RetrieveResult> {
    if (!isCcrKey(key)) return { found: false, message: invalidKeyMessage(key) };
    try {
      const content = this.#open().get(key);
      return content === null
        ? { found: false, message: missingMessage(key, this.#ttlSecs, this.#maxBytes) }
        : { found: true, content };
    } catch (err) {
      return { found: false, message: unavailableMessage(key, toStoreError(err, 'STORE_DB_ERROR').message) };
    }
  }

  async stats(): Promise<StoreStats> {
    try {
      const s = this.#open().stats();
      return { backend: 'sqlite', entries: s.entries, bytes: s.bytes, maxBytes: s.maxBytes, ttlSecs: s.ttlSecs, location: this.path };
    } catch (err) {
      throw toStoreError(err, 'STORE_DB_ERROR');
    }
  }

  /** Closes the database connection; later calls reject (put, stats) or report the store closed (get). */
  async close(): Promise<void> {
    const binding = this.#binding;
    this.#binding = undefined;
    try {
      binding?.close();
    } catch (err) {
      throw toStoreError(err, 'STORE_DB_ERROR');
    }
  }

  #open(): BindingStore {
    if (!this.#binding) throw storeError('STORE_CLOSED', `the CCR store ${this.path} was closed`);
    return this.#binding;
  }
}
