import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
const home = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 30_000, env: { ...process.env, HEADROOM_HOME: home, HOME: home } });

const log =
  Array.from({ length: 500 }, (_, i) => `2026-11-21T09:${String(i % 60).padStart(2, '0')}:00Z INFO sync ${i} ok`).join('\n') +
  '\n2026-11-21T09:30:00Z ERROR sync 501 failed: certificate expired for api.example.org\n';
const file = join(home, 'sync.log');
writeFileSync(file, log);

describe('headroom compress / retrieve', () => {
  it('compresses a file, keeps the error, reports savings on stderr, and retrieve gives back the exact original', () => {
    const c = run(['compress', file, '--query', 'why did sync 501 fail']);
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('ERROR sync 501 failed: certificate expired for api.example.org');
    expect(c.stdout.length).toBeLessThan(log.length / 3);
    expect(c.stderr).toMatch(/^headroom: log, .*tokens \(\d+\.\d% saved\)/m);
    const key = /key=(hr_[0-9a-f]{24})/.exec(c.stdout)![1]!;
    const r = run(['retrieve', key]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(log);
  });

  it('reads stdin and prints JSON with --json', () => {
    const c = run(['compress', '-', '--json'], log);
    expect(c.status).toBe(0);
    const out = JSON.parse(c.stdout) as { text: string; stats: { contentType: string; tokensBefore: number; tokensAfter: number; keys: string[] }; diagnostics: string[] };
    expect(out.stats.contentType).toBe('log');
    expect(out.stats.tokensAfter).toBeLessThan(out.stats.tokensBefore);
    expect(out.stats.keys).toHaveLength(1);
    expect(out.diagnostics).toEqual([]);
  });

  it('says what went wrong for a missing file and an unknown key (exit 1)', () => {
    const c = run(['compress', join(home, 'nope.txt')]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('cannot read');
    const r = run(['retrieve', 'hr_ffffffffffffffffffffffff']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hr_ffffffffffffffffffffffff/);
  });

  it('--kompress without a model exits 3 naming what to install, and compresses nothing', () => {
    const c = spawnSync(process.execPath, [BIN, 'compress', file, '--kompress'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, HEADROOM_HOME: home, HOME: home, HEADROOM_KOMPRESS_MODEL: '' },
    });
    expect(c.status).toBe(3);
    expect(c.stdout).toBe('');
    expect(c.stderr).toBe('headroom: Kompress needs a model, and none is installed: run `headroom model pull` (or set HEADROOM_KOMPRESS_MODEL to a model directory)\n');
  });
});
