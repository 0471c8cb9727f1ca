import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The default store lives under HEADROOM_HOME; point it at a fresh folder before the module loads it.
const home = mkdtempSync(join(tmpdir(), 'headroom-retrieve-'));
process.env.HEADROOM_HOME = home;
const { compressText, retrieve } = await import('../src/index.js');

const log =
  Array.from({ length: 300 }, (_, i) => `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}Z INFO job ${i} done`).join('\n') +
  '\n2026-11-21T10:05:00Z FATAL job 301 crashed: out of memory\n';

describe('retrieve()', () => {
  it('returns the exact original behind a marker from the default store, also as the named file', async () => {
    const r = await compressText(log);
    expect(r.text).toContain('FATAL job 301 crashed: out of memory');
    const key = /key=(hr_[0-9a-f]{24})/.exec(r.text)![1]!;
    expect(await retrieve(key)).toEqual({ found: true, content: log });
    const file = /file=(\S+?)\]/.exec(r.text)![1]!;
    expect(file).toBe(join(home, 'ccr', key));
    expect(readFileSync(file, 'utf8')).toBe(log);
  });

  it('answers unknown and malformed keys with a message instead of throwing', async () => {
    const unknown = await retrieve('hr_000000000000000000000000');
    expect(unknown.found).toBe(false);
    const bad = await retrieve('../../etc/passwd');
    expect(bad.found).toBe(false);
    if (!bad.found) expect(bad.message).toMatch(/key/i);
  });
});
