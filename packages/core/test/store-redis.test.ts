import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccrKey, openStore, RedisStore, type CcrStore } from '../src/store/index.js';

// Debian's redis-server, started by the tests on a free loopback port. Without it the suite is skipped
// with a visible notice instead of failing (`apt-get install redis-server` to run it).
const hasRedis = !spawnSync('redis-server', ['--version']).error;
if (!hasRedis) console.warn('store-redis.test.ts: redis-server is not installed; skipping the Redis store tests');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
  return proc;
}

async function putText(store: CcrStore, content: string): Promise<string> {
  const key = ccrKey(content);
  await store.put(key, content);
  return key;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

(hasRedis ? describe : describe.skip)('RedisStore', () => {
  let server: ChildProcess;
  let url: string;
  let raw: Redis;
  const stores: CcrStore[] = [];
  let prefixes = 0;

  // Each test uses its own key prefix, so they share one server without seeing each other's entries.
  async function connect(options: { ttlSecs?: number; maxBytes?: number; prefix?: string } = {}): Promise<RedisStore> {
    const store = await RedisStore.connect({ url, prefix: options.prefix ?? `t${prefixes++}:`, ...options });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    const port = await freePort();
    server = await startRedis(port);
    url = `redis://127.0.0.1:${port}`;
    raw = new Redis(url);
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    raw?.disconnect();
    server?.kill('SIGTERM');
  });

  it('returns the exact original, unicode and control characters included', async () => {
    const store = await connect();
    const originals = ['plain', 'héllo — 日本語 🎉 \u{10ffff}', '\u0001\u001b[31mred\r\n', 'x'.repeat(300_000), ''];
    for (const o of originals) {
      const key = await putText(store, o);
      expect(await store.get(key)).toEqual({ found: true, content: o });
    }
    expect(await store.stats()).toMatchObject({
      backend: 'redis',
      entries: originals.length,
      bytes: originals.reduce((n, o) => n + Buffer.byteLength(o), 0),
    });
    expect(store.filesDir).toBeUndefined();
  });

  it('is shared: what one proxy stores, another retrieves', async () => {
    const prefix = `shared${prefixes++}:`;
    const proxyA = await connect({ prefix });
    const proxyB = await connect({ prefix });
    const key = await putText(proxyA, 'stored by proxy A');
    expect(await proxyB.get(key)).toEqual({ found: true, content: 'stored by proxy A' });
  });

  it('answers unknown and malformed keys with a message, never by throwing', async () => {
    const store = await connect();
    const unknown = await store.get('hr_0123456789abcdef01234567');
    expect(unknown).toEqual({
      found: false,
      message:
        'no original stored under hr_0123456789abcdef01234567: it expired (originals are kept 24 h after their last use) ' +
        'or was evicted to keep the store under 512 MiB, or it was stored by a Headroom using another store; ' +
        'rerun the tool to get its full output again',
    });
    const bad = await store.get('../../etc/passwd');
    expect(bad.found).toBe(false);
    await expect(store.put(ccrKey('a'), 'b')).rejects.toMatchObject({ code: 'STORE_KEY_MISMATCH' });
  });

  it('expires originals through Redis itself, refreshed by each use', async () => {
    const prefix = `ttl${prefixes++}:`;
    const store = await connect({ ttlSecs: 1, prefix });
    const key = await putText(store, 'short-lived');
    const pttl = await raw.pttl(`${prefix}${key}`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1000);
    await pause(700);
    expect((await store.get(key)).found).toBe(true); // a use: the expiry starts again
    await pause(700);
    expect((await store.get(key)).found).toBe(true); // 1.4 s after the put, 0.7 s after the last use
    await pause(1300);
    const result = await store.get(key);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('kept 1 s after their last use');
    expect(await store.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('evicts the least recently used originals past maxBytes; a get counts as a use', async () => {
    const store = await connect({ maxBytes: 30 });
    const a = await putText(store, 'aaaaaaaaaa');
    await pause(5);
    const b = await putText(store, 'bbbbbbbbbb');
    await pause(5);
    const c = await putText(store, 'cccccccccc');
    await pause(5);
    expect((await store.get(a)).found).toBe(true);
    await pause(5);
    const d = await putText(store, 'dddddddddd');
    expect((await store.get(b)).found).toBe(false);
    for (const key of [a, c, d]) expect((await store.get(key)).found).toBe(true);
    expect(await store.stats()).toMatchObject({ entries: 3, bytes: 30 });
  });

  it('loses nothing when several clients write at once', async () => {
    const prefix = `many${prefixes++}:`;
    const clients = await Promise.all(Array.from({ length: 4 }, () => connect({ prefix })));
    const text = (c: number, i: number) => `client ${c} entry ${i}`;
    await Promise.all(clients.map((client, c) => Promise.all(Array.from({ length: 200 }, (_, i) => putText(client, text(c, i))))));
    const reader = clients[0]!;
    for (let c = 0; c < clients.length; c++) {
      for (let i = 0; i < 200; i++) expect(await reader.get(ccrKey(text(c, i)))).toEqual({ found: true, content: text(c, i) });
    }
    const expectedBytes = clients.reduce((n, _, c) => n + Array.from({ length: 200 }, (_, i) => text(c, i).length).reduce((a, b) => a + b, 0), 0);
    expect(await reader.stats()).toMatchObject({ entries: 800, bytes: expectedBytes });
  });

  it('openStore picks Redis from HEADROOM_STORE and HEADROOM_REDIS_URL', async () => {
    const store = await openStore({ env: { HEADROOM_STORE: 'redis', HEADROOM_REDIS_URL: url } });
    stores.push(store);
    expect(store.backend).toBe('redis');
    const key = await putText(store, 'via openStore');
    expect(await store.get(key)).toEqual({ found: true, content: 'via openStore' });
  });

  it('reports an unreachable server as STORE_UNAVAILABLE, and a dead one as a retrieval message', async () => {
    const closedPort = await freePort();
    await expect(RedisStore.connect({ url: `redis://127.0.0.1:${closedPort}`, connectTimeoutMs: 500 })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });

    const port = await freePort();
    const doomed = await startRedis(port);
    const store = await RedisStore.connect({ url: `redis://127.0.0.1:${port}` });
    stores.push(store);
    const key = await putText(store, 'on a server that goes away');
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    const result = await store.get(key);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('could not be read because the CCR store failed');
  });
});
