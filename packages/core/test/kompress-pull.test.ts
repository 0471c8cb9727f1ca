import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kompressSync, listModels, modelSpec, pullModel, resolveKompressModel, type PullProgress } from '../src/kompress/index.js';

// Our machines cannot reach the Hugging Face hub: this server on 127.0.0.1 mimics its layout.
// `<repo>/resolve/<rev>/<file>`; LFS files (the model) answer with a redirect to a CDN path that carries
// `X-Linked-Etag: "<sha256>"`, small files answer directly with a git-blob (SHA-1) ETag.
const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures', 'kompress-tiny');
const files: Record<string, Buffer> = {
  'model.onnx': readFileSync(join(FIXTURE, 'model.onnx')),
  'tokenizer.json': readFileSync(join(FIXTURE, 'tokenizer.json')),
  'config.json': readFileSync(join(FIXTURE, 'config.json')),
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Repo {
  /** Remote path → content. */
  files: Record<string, Buffer>;
  /** Remote path → the X-Linked-Etag to announce (defaults to the real SHA-256). */
  lfs: Record<string, string | undefined>;
}
const repos: Record<string, Repo> = {};
const requests: string[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const cdn = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(url);
    if (cdn) {
      const body = repos[cdn[1]!]?.files[cdn[2]!];
      if (!body) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-length': body.length }).end(body);
    }
    const m = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(url);
    const repo = m ? repos[m[1]!] : undefined;
    const body = m ? repo?.files[m[2]!] : undefined;
    if (!m || !repo || !body) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found');
    if (m[2]! in repo.lfs) {
      const etag = repo.lfs[m[2]!] ?? sha256(body);
      return void res.writeHead(302, { location: `/cdn/${m[1]}/${m[2]}`, 'x-linked-etag': `"${etag}"` }).end();
    }
    const gitSha1 = createHash('sha1').update(body).digest('hex');
    res.writeHead(200, { 'content-length': body.length, etag: `"${gitSha1}"` }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'headroom-pull-'));
  requests.length = 0;
  return () => rmSync(home, { recursive: true, force: true });
});
const env = () => ({ HEADROOM_HOME: home, HF_ENDPOINT: endpoint });

describe('headroom model pull against a hub-like server', () => {
  it('downloads a hub repository, verifies the LFS checksum and installs the model where it is found', async () => {
    repos['acme/tiny'] = { files: { 'onnx/model.onnx': files['model.onnx']!, 'tokenizer.json': files['tokenizer.json']!, 'config.json': files['config.json']! }, lfs: { 'onnx/model.onnx': undefined } };
    const progress: PullProgress[] = [];
    const r = await pullModel('acme/tiny', { env: env(), onProgress: (p) => progress.push(p) });
    const dir = join(home, 'models', 'acme--tiny');
    expect(r.dir).toBe(dir);
    expect(r.files).toEqual([
      { file: 'model.onnx', bytes: files['model.onnx']!.length, sha256: sha256(files['model.onnx']!), verified: 'etag' },
      { file: 'tokenizer.json', bytes: files['tokenizer.json']!.length, sha256: sha256(files['tokenizer.json']!), verified: 'unverified' },
      { file: 'config.json', bytes: files['config.json']!.length, sha256: sha256(files['config.json']!), verified: 'unverified' },
    ]);
    for (const [name, body] of Object.entries(files)) expect(readFileSync(join(dir, name)).equals(body)).toBe(true);
    expect(progress.at(-1)).toEqual({ file: 'config.json', received: files['config.json']!.length, total: files['config.json']!.length });
    expect(progress.filter((p) => p.file === 'model.onnx').at(-1)?.received).toBe(files['model.onnx']!.length);
    expect(requests).toEqual(['/acme/tiny/resolve/main/onnx/model.onnx', '/cdn/acme/tiny/onnx/model.onnx', '/acme/tiny/resolve/main/tokenizer.json', '/acme/tiny/resolve/main/config.json']);
    expect(readdirSync(join(home, 'models'))).toEqual(['acme--tiny']);
    expect(JSON.parse(readFileSync(join(dir, 'headroom-model.json'), 'utf8'))).toMatchObject({ repo: 'acme/tiny', revision: 'main', endpoint });
    // The installed model is found by name and runs.
    expect(resolveKompressModel('acme--tiny', env())).toBe(dir);
    expect(kompressSync('the model and the cache '.repeat(20), { modelDir: dir }).transform).toBe('prose:kompress');
    expect(await listModels(env())).toEqual([{ name: 'acme--tiny', dir, bytes: Object.values(files).reduce((n, b) => n + b.length, 0), repo: 'acme/tiny', revision: 'main' }]);
  });

  it('falls back to model.onnx at the root and skips a missing config.json', async () => {
    repos['acme/flat'] = { files: { 'model.onnx': files['model.onnx']!, 'tokenizer.json': files['tokenizer.json']! }, lfs: {} };
    const r = await pullModel('acme/flat', { env: env() });
    expect(r.files.map((f) => f.file)).toEqual(['model.onnx', 'tokenizer.json']);
    expect(requests).toContain('/acme/flat/resolve/main/config.json');
  });

  it('discards a download whose checksum does not match and keeps the installed model', async () => {
    repos['acme/bad'] = { files: { 'onnx/model.onnx': files['model.onnx']!, 'tokenizer.json': files['tokenizer.json']! }, lfs: { 'onnx/model.onnx': '0'.repeat(64) } };
    await expect(pullModel('acme/bad', { env: env() })).rejects.toMatchObject({ code: 'KOMPRESS_CHECKSUM_MISMATCH' });
    expect(existsSync(join(home, 'models', 'acme--bad'))).toBe(false);
    expect(readdirSync(join(home, 'models'))).toEqual([]);
  });

  it('fails with a clear error for a missing repository or an unreachable hub', async () => {
    await expect(pullModel('acme/missing', { env: env() })).rejects.toMatchObject({ code: 'KOMPRESS_DOWNLOAD_FAILED', message: expect.stringContaining('acme/missing@main has no onnx/model.onnx or model.onnx') });
    await expect(pullModel('acme/tiny', { env: { HEADROOM_HOME: home, HF_ENDPOINT: 'http://127.0.0.1:1' } })).rejects.toMatchObject({ code: 'KOMPRESS_DOWNLOAD_FAILED' });
  });

  it('fails fast offline without touching the network', async () => {
    for (const off of [{ HF_HUB_OFFLINE: '1' }, { HEADROOM_OFFLINE: '1' }]) {
      await expect(pullModel('acme/tiny', { env: { ...env(), ...off } })).rejects.toMatchObject({ code: 'KOMPRESS_OFFLINE', message: expect.stringContaining('offline mode is on') });
    }
    expect(requests).toEqual([]);
  });

  it('knows catalog names and rejects malformed ones', () => {
    expect(modelSpec().repo).toBe('chopratejas/kompress-v2-base');
    expect(modelSpec('acme/x@v1.0')).toMatchObject({ name: 'acme--x', repo: 'acme/x', revision: 'v1.0' });
    expect(() => modelSpec('../etc')).toThrowError(expect.objectContaining({ code: 'KOMPRESS_UNKNOWN_MODEL' }));
  });
});
