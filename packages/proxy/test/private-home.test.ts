import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, Ledger } from '../src/ledger.js';

// Issue 14, defect 7: the store and the ledger under HEADROOM_HOME are the owner's only.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function assertPrivate(home: string): string[] {
  const seen: string[] = [];
  const walk = (p: string, rel: string) => {
    const st = statSync(p);
    seen.push(rel);
    expect({ rel, mode: (st.mode & 0o777).toString(8) }).toEqual({ rel, mode: st.isDirectory() ? '700' : '600' });
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name), rel === '.' ? name : `${rel}/${name}`);
  };
  walk(home, '.');
  return seen;
}

describe.skipIf(process.platform === 'win32')('HEADROOM_HOME is private: store and ledger', () => {
  for (const existing of [false, true]) {
    it(existing ? 'an existing 0755 home with a 0644 ledger is tightened' : 'a new home is 0700 and every file in it 0600', async () => {
      const root = mkdtempSync(join(tmpdir(), 'headroom-home-'));
      dirs.push(root);
      const home = existing ? root : join(root, 'home');
      if (existing) {
        chmodSync(home, 0o755);
        writeFileSync(join(home, LEDGER_FILE), '{}', { mode: 0o644 });
        chmodSync(join(home, LEDGER_FILE), 0o644);
      }
      const store = await openStore({ backend: 'sqlite', home });
      const original = 'a stored original\n'.repeat(40);
      await store.put('hr_' + createHash('sha256').update(original).digest('hex').slice(0, 24), original);
      const ledger = new Ledger(home);
      ledger.entry('openai', 'gpt-5').requests++;
      ledger.save();
      const seen = assertPrivate(home);
      await store.close();
      expect(seen).toEqual(expect.arrayContaining(['.', 'ccr.sqlite', 'ccr.sqlite-wal', 'ccr.sqlite-shm', LEDGER_FILE]));
    });
  }
});
