import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadroomError } from '../src/errors.js';
import { ccrKey, openStore, SqliteStore, type CcrStore } from '../src/store/index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs: string[] = [];
const stores: CcrStore[] = [];

function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-store-'));
  dirs.push(dir);
  return dir;
}

function open(home: string, options: { ttlSecs?: number; maxBytes?: number } = {}): SqliteStore {
  const store = SqliteStore.open({ path: join(home, 'ccr.sqlite'), filesDir: join(home, 'ccr'), ...options });
  stores.push(store);
  return store;
}

async function putText(store: CcrStore, content: string): Promise<string> {
  const key = ccrKey(content);
  await store.put(key, content);
  return key;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('returns the exact original after the store is closed and reopened, and writes it as a file', async () => {
    const home = tempHome();
    const originals = [
      'plain ascii',
      'unicode: héllo wörld — 日本語 🎉 \u{10ffff}',
      'controls \u0001\u0007\u001b[31mred\u001b[0m\r\n\ttab',
      '{"big": "' + 'x'.repeat(1_000_000) + '"}',
      '',
    ];
    const first = open(home);
    const keys = [];
    for (const o of originals) keys.push(await putText(first, o));
    await first.close();

    const again = open(home);
    for (const [i, key] of keys.entries()) {
      expect(await again.get(key)).toEqual({ found: true, content: originals[i] });
      expect(readFileSync(join(home, 'ccr', key), 'utf8')).toBe(originals[i]);
    }
    const stats = await again.stats();
    expect(stats.entries).toBe(originals.length);
    expect(stats.bytes).toBe(originals.reduce((n, o) => n + Buffer.byteLength(o), 0));
    expect(stats.ttlSecs).toBe(86400);
  });

  it('answers an unknown key with a message that says why and what to do', async () => {
    const store = open(tempHome());
    const result = await store.get('hr_0123456789abcdef01234567');
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toBe(
      'no original stored under hr_0123456789abcdef01234567: it expired (originals are kept 24 h after their last use) ' +
        'or was evicted to keep the store under 512 MiB, or it was stored by a Headroom using another store; ' +
        'rerun the tool to get its full output again',
    );
  });

  it('answers a malformed key without touching the disk, never by throwing', async () => {
    const home = tempHome();
    const store = open(home);
    writeFileSync(join(home, 'secret'), 'do not read');
    for (const bad of ['../secret', 'hr_../../secret', 'HR_0123456789ABCDEF01234567', '']) {
      const result = await store.get(bad);
      expect(result.found).toBe(false);
      if (!result.found) expect(result.message).toContain('is not a Headroom key');
    }
    await expect(store.put('../secret', 'x')).rejects.toMatchObject({ code: 'STORE_INVALID_KEY' });
  });

  it('refuses content under a key that is not its hash, and an original larger than the store', async () => {
    const store = open(tempHome(), { maxBytes: 16 });
    await expect(store.put(ccrKey('one'), 'two')).rejects.toMatchObject({ code: 'STORE_KEY_MISMATCH' });
    const big = 'more than sixteen bytes';
    const err = await store.put(ccrKey(big), big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HeadroomError);
    expect(err).toMatchObject({ code: 'STORE_ENTRY_TOO_LARGE' });
    expect((await store.stats()).entries).toBe(0);
  });

  it('after close, put rejects with STORE_CLOSED and get reports the store closed', async () => {
    const store = open(tempHome());
    const key = await putText(store, 'before close');
    await store.close();
    await store.close();
    await expect(store.put(ccrKey('after'), 'after')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    const result = await store.get(key);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('was closed');
  });

  it('forgets an original the TTL after its last use, and removes its file', async () => {
    const home = tempHome();
    const store = open(home, { ttlSecs: 1 });
    const key = await putText(store, 'short-lived');
    await new Promise((r) => setTimeout(r, 700));
    expect(await store.get(key)).toEqual({ found: true, content: 'short-lived' }); // a use: the TTL restarts
    await new Promise((r) => setTimeout(r, 700));
    expect(await store.get(key)).toEqual({ found: true, content: 'short-lived' }); // 1.4 s after the put
    await new Promise((r) => setTimeout(r, 1300));
    const result = await store.get(key);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('kept 1 s after their last use');
    expect(existsSync(join(home, 'ccr', key))).toBe(false);
  });

  it('evicts the least recently used originals past maxBytes; a get counts as a use', async () => {
    const home = tempHome();
    const store = open(home, { maxBytes: 30 });
    const pause = () => new Promise((r) => setTimeout(r, 5)); // distinct millisecond timestamps
    const a = await putText(store, 'aaaaaaaaaa');
    await pause();
    const b = await putText(store, 'bbbbbbbbbb');
    await pause();
    const c = await putText(store, 'cccccccccc');
    await pause();
    expect((await store.get(a)).found).toBe(true);
    await pause();
    const d = await putText(store, 'dddddddddd');
    expect((await store.get(b)).found).toBe(false);
    expect(existsSync(join(home, 'ccr', b))).toBe(false);
    for (const key of [a, c, d]) expect((await store.get(key)).found).toBe(true);
    expect(await store.stats()).toMatchObject({ entries: 3, bytes: 30, maxBytes: 30 });
  });

  it('loses nothing when several processes write to one database at once', async () => {
    const home = tempHome();
    const db = join(home, 'ccr.sqlite');
    const files = join(home, 'ccr');
    const children = 4;
    const perChild = 100;
    // One formula for the children and the check, shipped to the children as source.
    const contentBody = "return 'process ' + child + ' entry ' + i + ' ' + '·'.repeat(i % 13);";
    const content = new Function('child', 'i', contentBody) as (child: number, i: number) => string;
    // Each child opens its own handle, waits for the start signal so the writes overlap, then puts.
    const script = `
      const { BindingStore } = require('@headroom/native');
      const { createHash } = require('node:crypto');
      const { existsSync } = require('node:fs');
      const [db, files, child, perChild, go] = process.argv.slice(1);
      const content = new Function('child', 'i', ${JSON.stringify(contentBody)});
      const store = BindingStore.open(db, { filesDir: files });
      while (!existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      for (let i = 0; i < Number(perChild); i++) {
        const text = content(Number(child), i);
        store.put('hr_' + createHash('sha256').update(text).digest('hex').slice(0, 24), text);
      }
    `;
    const go = join(home, 'go');
    const exits = Array.from({ length: children }, (_, child) => {
      const proc = spawn(process.execPath, ['-e', script, db, files, String(child), String(perChild), go], {
        cwd: packageDir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<string>((resolve) => proc.on('close', (code) => resolve(`exit ${code} ${stderr}`)));
    });
    writeFileSync(go, '');
    expect(await Promise.all(exits)).toEqual(Array(children).fill('exit 0 '));

    const store = open(home);
    for (let child = 0; child < children; child++) {
      for (let i = 0; i < perChild; i++) {
        const text = content(child, i);
        expect(await store.get(ccrKey(text))).toEqual({ found: true, content: text });
        expect(readFileSync(join(files, ccrKey(text)), 'utf8')).toBe(text);
      }
    }
    expect((await store.stats()).entries).toBe(children * perChild);
  });
});

describe('openStore', () => {
  it('opens the embedded store under HEADROOM_HOME by default', async () => {
    const home = tempHome();
    const store = await openStore({ env: { HEADROOM_HOME: home } });
    stores.push(store);
    expect(store.backend).toBe('sqlite');
    expect(store.filesDir).toBe(join(home, 'ccr'));
    const key = await putText(store, 'stored under home');
    expect(readFileSync(join(home, 'ccr', key), 'utf8')).toBe('stored under home');
    expect(existsSync(join(home, 'ccr.sqlite'))).toBe(true);
    expect((await store.stats()).location).toBe(join(home, 'ccr.sqlite'));
  });

  it('rejects an unknown backend name with a clear message', async () => {
    await expect(openStore({ env: { HEADROOM_STORE: 'memcached' } })).rejects.toMatchObject({
      code: 'HEADROOM_INVALID_ARG',
      message: 'HEADROOM_STORE must be "sqlite" or "redis", got "memcached"',
    });
  });

  it('reports a database path it cannot use as STORE_OPEN_FAILED', async () => {
    const home = tempHome();
    writeFileSync(join(home, 'ccr.sqlite'), 'x'.repeat(4096));
    await expect(openStore({ env: { HEADROOM_HOME: home } })).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED' });
  });
});
