import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from './helpers/sandbox.js';

const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
// Nothing here may touch the real home or ~/.headroom (the proxy opens the store and its ledger there).
const sb = makeSandbox();
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: sb.env });

describe('headroom CLI', () => {
  it('prints its version', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints help that names the commands', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: headroom');
    expect(r.stdout).toMatch(/proxy\s.*proxy/);
    expect(r.stdout).toMatch(/mcp\s/);
    for (const c of ['wrap', 'unwrap', 'stats', 'perf', 'doctor', 'model']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('rejects a bad port with a clear message and exit code 1', () => {
    const r = run('proxy', '--port', 'eighty');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('expected a port number');
  });

  it('starts the proxy, serves /livez and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'proxy', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: sb.env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`proxy exited early (${code}): ${out}`)));
      });
      const res = await fetch(`${url}/livez`);
      expect(await res.json()).toEqual({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  });
});
