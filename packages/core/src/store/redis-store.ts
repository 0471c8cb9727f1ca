import type { Redis } from 'ioredis';
import { HeadroomError } from '../errors.js';
import { storeError } from './errors.js';
import { ccrKey, isCcrKey } from './key.js';
import { invalidKeyMessage, missingMessage, unavailableMessage } from './messages.js';
import { GET_SCRIPT, PUT_SCRIPT, STATS_SCRIPT } from './redis-lua.js';
import type { CcrStore, RetrieveResult, StoreStats } from './types.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TTL_SECS } from './defaults.js';

export interface RedisStoreOptions {
  /** e.g. `redis://127.0.0.1:6379/0` (`rediss://` for TLS; credentials in the URL). */
  url: string;
  /** Seconds an original lives after its last put or get (a Redis expiry). @default 86400 */
  ttlSecs?: number;
  /** Upper bound on the total bytes of originals under this prefix; least recently used ones are evicted. @default 536870912 */
  maxBytes?: number;
  /** Prefix of every Redis key this store uses, so several stores can share one database. @default "headroom:ccr:" */
  prefix?: string;
  /** How long to wait for the server when connecting. @default 3000 */
  connectTimeoutMs?: number;
}

interface Scripts {
  headroomPut(...args: (string | number)[]): Promise<[number, number]>;
  headroomGet(...args: (string | number)[]): Promise<string | null>;
  headroomStats(...args: (string | number)[]): Promise<[number, number]>;
}

/**
 * A store shared by several proxies through one Redis server: entries expire through Redis itself, and
 * the byte bound with least-recently-used eviction is kept by atomic server-side scripts. Originals are
 * not materialised as files (other machines could not read them), so markers carry no `file=`.
 */
export class RedisStore implements CcrStore {
  readonly backend = 'redis' as const;
  readonly filesDir = undefined;
  readonly #client: Redis & Scripts;
  readonly #ttlSecs: number;
  readonly #maxBytes: number;
  readonly #prefix: string;
  readonly #location: string;

  private constructor(client: Redis & Scripts, options: RedisStoreOptions) {
    this.#client = client;
    this.#ttlSecs = options.ttlSecs ?? DEFAULT_TTL_SECS;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#prefix = options.prefix ?? 'headroom:ccr:';
    this.#location = redactUrl(options.url);
  }

  /** Connects, or throws a `HeadroomError` with code `STORE_UNAVAILABLE`. */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    for (const [name, value] of [['ttlSecs', options.ttlSecs], ['maxBytes', options.maxBytes]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
        throw new HeadroomError('HEADROOM_INVALID_ARG', `${name} must be a whole number of at least 1, got ${value}`);
      }
    }
    const client = new (await loadRedis())(options.url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 3000,
      // Fail a command fast when the server is gone instead of queueing it forever: a retrieval must
      // answer the agent, and a put that fails only costs the omission (the caller keeps the original).
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => (times > 5 ? null : Math.min(times * 200, 1000)),
    }) as Redis & Scripts;
    client.on('error', () => {
      // Errors reach the pending command; without a listener ioredis would also print them unasked.
    });
    client.defineCommand('headroomPut', { numberOfKeys: 4, lua: PUT_SCRIPT });
    client.defineCommand('headroomGet', { numberOfKeys: 4, lua: GET_SCRIPT });
    client.defineCommand('headroomStats', { numberOfKeys: 4, lua: STATS_SCRIPT });
    try {
      await client.connect();
    } catch (err) {
      client.disconnect();
      throw storeError('STORE_UNAVAILABLE', `cannot reach the Redis CCR store at ${redactUrl(options.url)}: ${errorText(err)}`, err);
    }
    return new RedisStore(client, options);
  }

  async put(key: string, content: string): Promise<void> {
    if (!isCcrKey(key)) throw storeError('STORE_INVALID_KEY', invalidKeyMessage(key));
    if (ccrKey(content) !== key) {
      throw storeError('STORE_KEY_MISMATCH', `${key} is not the key of this content (keys are content hashes)`);
    }
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > this.#maxBytes) {
      throw storeError(
        'STORE_ENTRY_TOO_LARGE',
        `the original under ${key} is ${bytes} bytes, more than the whole store may hold (${this.#maxBytes} bytes); leave this block uncompressed or raise maxBytes`,
      );
    }
    try {
      await this.#client.headroomPut(...this.#keys(key), this.#prefix, this.#ttlSecs * 1000, this.#maxBytes, key, content);
    } catch (err) {
      throw storeError('STORE_UNAVAILABLE', `the Redis CCR store at ${this.#location} failed: ${errorText(err)}`, err);
    }
  }

  async get(key: string): Promise<RetrieveResult> {
    if (!isCcrKey(key)) return { found: false, message: invalidKeyMessage(key) };
    try {
      const content = await this.#client.headroomGet(...this.#keys(key), this.#prefix, this.#ttlSecs * 1000, key);
      return content === null
        ? { found: false, message: missingMessage(key, this.#ttlSecs, this.#maxBytes) }
        : { found: true, content };
    } catch (err) {
      return { found: false, message: unavailableMessage(key, `Redis at ${this.#location}: ${errorText(err)}`) };
    }
  }

  async stats(): Promise<StoreStats> {
    try {
      const [entries, bytes] = await this.#client.headroomStats(...this.#keys(''), this.#prefix, this.#ttlSecs * 1000);
      return { backend: 'redis', entries, bytes, maxBytes: this.#maxBytes, ttlSecs: this.#ttlSecs, location: this.#location };
    } catch (err) {
      throw storeError('STORE_UNAVAILABLE', `the Redis CCR store at ${this.#location} failed: ${errorText(err)}`, err);
    }
  }

  async close(): Promise<void> {
    try {
      await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
  }

  #keys(key: string): [string, string, string, string] {
    const p = this.#prefix;
    return [`${p}${key}`, `${p}lru`, `${p}sizes`, `${p}bytes`];
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The URL without its password, for messages and stats. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}

/**
 * ioredis is an optional peer dependency: only users of the shared Redis store install it, so it is
 * loaded when such a store is opened.
 */
async function loadRedis(): Promise<typeof Redis> {
  try {
    return (await import('ioredis')).Redis;
  } catch (err) {
    throw storeError('STORE_UNAVAILABLE', 'the Redis CCR store needs the ioredis package: install ioredis@6 next to @headroom/core (or use the default SQLite store)', err);
  }
}
