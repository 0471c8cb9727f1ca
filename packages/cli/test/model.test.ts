import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { modelCommand } from '../src/commands/model.js';

// A stand-in for the Hugging Face hub on 127.0.0.1 (our machines cannot reach the real one).
const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures', 'kompress-tiny');
const files: Record<string, Buffer> = {
  'onnx/model.onnx': readFileSync(join(FIXTURE, 'model.onnx')),
  'tokenizer.json': readFileSync(join(FIXTURE, 'tokenizer.json')),
  'config.json': readFileSync(join(FIXTURE, 'config.json')),
};
let server: Server;
let endpoint: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/acme\/tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const body = m ? files[m[1]!] : undefined;
    if (!body) return void res.writeHead(404).end();
    const sha = createHash('sha256').update(body).digest('hex');
    res.writeHead(200, { 'content-length': body.length, ...(m![1] === 'onnx/model.onnx' ? { 'x-linked-etag': `"${sha}"` } : {}) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let home: string;
let out: string;
let err: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'headroom-cli-model-'));
  const saved = { ...process.env };
  process.env.HEADROOM_HOME = home;
  process.env.HF_ENDPOINT = endpoint;
  delete process.env.HEADROOM_KOMPRESS_MODEL;
  delete process.env.HF_HUB_OFFLINE;
  delete process.env.HEADROOM_OFFLINE;
  out = '';
  err = '';
  requests.length = 0;
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  process.exitCode = undefined;
  return () => {
    o.mockRestore();
    e.mockRestore();
    process.env = saved;
    process.exitCode = undefined;
    rmSync(home, { recursive: true, force: true });
  };
});

const run = (...args: string[]) => modelCommand().exitOverride().parseAsync(args, { from: 'user' });

describe('headroom model', () => {
  it('pull downloads with progress and checksums, then list shows the model in use', async () => {
    await run('pull', 'acme/tiny');
    const dir = join(home, 'models', 'acme--tiny');
    expect(process.exitCode).toBeUndefined();
    expect(out).toBe(`${dir}\n`);
    expect(err).toContain(`headroom: pulling acme/tiny into ${join(home, 'models')}`);
    expect(err).toMatch(/model\.onnx 0\.0 MB of 0\.0 MB 100%/);
    const sha = createHash('sha256').update(files['onnx/model.onnx']!).digest('hex');
    expect(err).toContain(`model.onnx: 0.0 MB, sha256 ${sha} (etag)`);
    expect(err).toContain('tokenizer.json: 0.0 MB, sha256 ');

    out = '';
    process.env.HEADROOM_KOMPRESS_MODEL = dir;
    await run('list');
    expect(out).toContain(`installed (${join(home, 'models')}):\n* acme--tiny  0.0 MB from acme/tiny@main\n`);
    expect(out).toContain(`HEADROOM_KOMPRESS_MODEL=${dir} (in use)`);
    expect(out).toContain('  kompress-v2 (default)  chopratejas/kompress-v2-base@main');
  });

  it('list says how to install a model when there is none', async () => {
    await run('list');
    expect(out).toContain('  none: run `headroom model pull` to install one\n');
  });

  it('pull fails fast offline with a clear message and exit code 1', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    await run('pull');
    expect(process.exitCode).toBe(1);
    expect(err).toContain('offline mode is on (HF_HUB_OFFLINE / HEADROOM_OFFLINE)');
    expect(err).toContain('[KOMPRESS_OFFLINE]');
    expect(out).toBe('');
    expect(requests).toEqual([]);
  });

  it('pull reports a missing repository', async () => {
    await run('pull', 'acme/none');
    expect(process.exitCode).toBe(1);
    expect(err).toContain('acme/none@main has no onnx/model.onnx or model.onnx [KOMPRESS_DOWNLOAD_FAILED]');
  });
});
