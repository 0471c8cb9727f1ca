import { ensurePrivateDir, headroomHome } from '../home.js';
import { join } from 'node:path';
import { HeadroomError } from '../errors.js';
import { RedisStore } from './redis-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { CcrStore, StoreBackend } from './types.js';

export interface OpenStoreOptions {
  /** `sqlite` (embedded, the default) or `redis` (shared by several proxies). @default env HEADROOM_STORE, else "sqlite" */
  backend?: StoreBackend;
  /** Headroom's data directory, holding `ccr.sqlite` and `ccr/`. @default env HEADROOM_HOME, else ~/.headroom */
  home?: string;
  /** @default env HEADROOM_REDIS_URL, else redis://127.0.0.1:6379 */
  redisUrl?: string;
  /** Seconds an original lives after its last use. @default 86400 */
  ttlSecs?: number;
  /** Upper bound on the total bytes of originals. @default 536870912 */
  maxBytes?: number;
  /** Whether the SQLite store also writes originals as files `<home>/ccr/<key>`. @default true */
  materializeFiles?: boolean;
  /** The environment to read defaults from. @default process.env */
  env?: Record<string, string | undefined>;
}

export interface StoreLocation {
  home: string;
  /** The SQLite database: `<home>/ccr.sqlite`. */
  dbPath: string;
  /** Where originals are materialised: `<home>/ccr`. */
  filesDir: string;
}

/** Where the embedded store lives: `HEADROOM_HOME` or `~/.headroom`. */
export function defaultStoreLocation(options: Pick<OpenStoreOptions, 'home' | 'env'> = {}): StoreLocation {
  const env = options.env ?? process.env;
  const home = options.home ?? headroomHome(env);
  return { home, dbPath: join(home, 'ccr.sqlite'), filesDir: join(home, 'ccr') };
}

/** Opens the configured CCR store. Throws a `HeadroomError` when it cannot be opened or reached. */
export async function openStore(options: OpenStoreOptions = {}): Promise<CcrStore> {
  const env = options.env ?? process.env;
  const backend = options.backend ?? parseBackend(env.HEADROOM_STORE);
  if (backend === 'redis') {
    return RedisStore.connect({
      url: options.redisUrl ?? (env.HEADROOM_REDIS_URL || 'redis://127.0.0.1:6379'),
      ttlSecs: options.ttlSecs,
      maxBytes: options.maxBytes,
    });
  }
  const location = defaultStoreLocation(options);
  try {
    // The home holds every original (ccr.sqlite, ccr/): the owner's only, 0700 (the store's files are 0600).
    ensurePrivateDir(location.home);
  } catch {
    // opening the store below reports why the directory cannot be used
  }
  return SqliteStore.open({
    path: location.dbPath,
    filesDir: options.materializeFiles === false ? null : location.filesDir,
    ttlSecs: options.ttlSecs,
    maxBytes: options.maxBytes,
  });
}

function parseBackend(value: string | undefined): StoreBackend {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'redis') return 'redis';
  throw new HeadroomError('HEADROOM_INVALID_ARG', `HEADROOM_STORE must be "sqlite" or "redis", got "${value}"`);
}
