import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = (name: string) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);

// Both CLIs ship their native binary inside an npm package of their own (an optional dependency per
// platform); Claude Code's postinstall only links it into place. A stub here means the install step
// (pnpm's build approval, optional dependencies) went wrong, not that anything must be downloaded.
describe('the agents installed from npm', () => {
  it('codex runs its native binary', () => {
    const r = spawnSync(bin('codex'), ['--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^codex-cli 0\.171\.0\s*$/);
  });

  it('claude runs its native binary (the postinstall linked it over the stub)', () => {
    const r = spawnSync(bin('claude'), ['--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2\.1\.332 \(Claude Code\)\s*$/);
  });
});
