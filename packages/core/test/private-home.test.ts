import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ccrKey, openStore, type CcrStore } from '../src/store/index.js';

// Issue 14, defect 7: the store's originals must be readable by their owner only.
const dirs: string[] = [];
const stores: CcrStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every path under `root` (itself included) with its permission bits. */
function modes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    const st = statSync(p);
    out[rel] = (st.mode & 0o777).toString(8);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name), rel === '.' ? name : `${rel}/${name}`);
  };
  walk(root, '.');
  return out;
}


function assertPrivate(home: string): void {
  const m = modes(home);
  for (const [p, mode] of Object.entries(m)) {
    const isDir = statSync(p === '.' ? home : join(home, p)).isDirectory();
    expect({ p, mode }).toEqual({ p, mode: isDir ? '700' : '600' });
  }
}

async function writeOne(home: string): Promise<string[]> {
  const store = await openStore({ backend: 'sqlite', home });
  stores.push(store);
  const content = 'secret tool output\n'.repeat(50);
  await store.put(ccrKey(content), content);
  expect(await store.get(ccrKey(content))).toMatchObject({ found: true });
  return readdirSync(home);
}

describe.skipIf(process.platform === 'win32')('the sqlite store under HEADROOM_HOME is private', () => {
  it('a new home is 0700; ccr.sqlite, -wal, -shm and ccr/<key> are 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'headroom-private-'));
    dirs.push(root);
    const home = join(root, 'home');
    const names = await writeOne(home);
    expect(names).toEqual(expect.arrayContaining(['ccr.sqlite', 'ccr.sqlite-wal', 'ccr.sqlite-shm', 'ccr']));
    assertPrivate(home);
  });

  it('a home and a database left 0755 / 0644 by an older version are tightened', async () => {
    const home = mkdtempSync(join(tmpdir(), 'headroom-private-'));
    dirs.push(home);
    const first = await openStore({ backend: 'sqlite', home });
    await first.put(ccrKey('x'.repeat(300)), 'x'.repeat(300));
    await first.close();
    chmodSync(home, 0o755);
    for (const name of readdirSync(home)) chmodSync(join(home, name), statSync(join(home, name)).isDirectory() ? 0o755 : 0o644);
    mkdirSync(join(home, 'ccr'), { recursive: true });
    closeSync(openSync(join(home, 'ccr.sqlite-shm'), 'a', 0o644));
    chmodSync(join(home, 'ccr.sqlite-shm'), 0o644);
    await writeOne(home);
    assertPrivate(home);
  });
});
