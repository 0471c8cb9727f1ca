// The CCR store: where originals behind omission markers live. See types.ts for the contract.
export { openStore, defaultStoreLocation } from './open-store.js';
export type { OpenStoreOptions, StoreLocation } from './open-store.js';
export { SqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { RedisStore } from './redis-store.js';
export type { RedisStoreOptions } from './redis-store.js';
export { ccrKey, isCcrKey } from './key.js';
export { DEFAULT_MAX_BYTES, DEFAULT_TTL_SECS } from './defaults.js';
export type { CcrStore, RetrieveResult, StoreBackend, StoreStats } from './types.js';
export type { StoreErrorCode } from './errors.js';
