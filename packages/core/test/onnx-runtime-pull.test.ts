import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullOnnxRuntime } from '../src/kompress/runtime-pull.js';
import { ONNX_RUNTIME_FILE, ONNX_RUNTIME_VERSION, pulledOnnxRuntimePath } from '../src/onnx-runtime.js';

/** One ustar header + data, padded to 512-byte blocks (what npm tarballs are made of). */
function tarEntry(name: string, data: Buffer, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 100), 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write(type, 156);
  header.write('ustar\0' + '00', 257);
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function paxPath(path: string): Buffer {
  const record = (len: number) => `${len} path=${path}\n`;
  let len = record(0).length;
  while (record(len).length !== len) len = record(len).length;
  return tarEntry('PaxHeader', Buffer.from(record(len)), 'x');
}

const file = ONNX_RUNTIME_FILE[process.platform]!;
const wanted = `package/bin/napi-v6/${process.platform}/${process.arch}/${file}`;
// 70,000 bytes: the data crosses gunzip's chunk boundaries and ends inside a block.
const LIBRARY = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251));

function tarball(withLibrary: boolean): Buffer {
  const long = `package/${'deep/'.repeat(30)}README.md`;
  return gzipSync(
    Buffer.concat([
      tarEntry('package/package.json', Buffer.from('{"name":"onnxruntime-node"}')),
      paxPath(long),
      tarEntry(long.slice(0, 100), Buffer.from('a path over 100 characters, named by a pax header')),
      tarEntry(`package/bin/napi-v6/${process.platform}/other-arch/${file}`, Buffer.from('not this one')),
      ...(withLibrary ? [tarEntry(wanted, LIBRARY)] : []),
      tarEntry('package/bin/napi-v6/LICENSE', Buffer.from('MIT')),
      Buffer.alloc(1024),
    ]),
  );
}

const tgz = { good: tarball(true), empty: tarball(false) };
let serve: { tgz: Buffer; integrity: string };
const requests: string[] = [];
let server: Server;
let registry: string;
const homes: string[] = [];

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-ort-pull-'));
  homes.push(dir);
  return dir;
}

const sri = (b: Buffer) => `sha512-${createHash('sha512').update(b).digest('base64')}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url!);
    if (req.url === `/onnxruntime-node/${ONNX_RUNTIME_VERSION}`) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name: 'onnxruntime-node', version: ONNX_RUNTIME_VERSION, dist: { tarball: `${registry}onnxruntime-node/-/x.tgz`, integrity: serve.integrity } }));
    } else if (req.url === '/onnxruntime-node/-/x.tgz') {
      res.end(serve.tgz);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => {
  server.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

describe('pullOnnxRuntime (from an npm registry)', () => {
  it('keeps only this platform’s library, byte for byte, in the Headroom home', async () => {
    serve = { tgz: tgz.good, integrity: sri(tgz.good) };
    const env = { HEADROOM_HOME: home(), npm_config_registry: registry };
    const progress: number[] = [];
    const r = await pullOnnxRuntime({ env, onProgress: (p) => progress.push(p.received) });
    expect(r).toEqual({ path: pulledOnnxRuntimePath(env), version: ONNX_RUNTIME_VERSION, fetched: true, downloaded: tgz.good.length });
    expect(readFileSync(r.path).equals(LIBRARY)).toBe(true);
    expect(readdirSync(join(env.HEADROOM_HOME, 'onnxruntime', ONNX_RUNTIME_VERSION))).toEqual([file]);
    expect(progress.at(-1)).toBe(tgz.good.length);
    // A second pull finds it and downloads nothing.
    requests.length = 0;
    expect(await pullOnnxRuntime({ env })).toMatchObject({ path: r.path, fetched: false, downloaded: 0 });
    expect(requests).toEqual([]);
  });

  it('discards a tarball that does not match the registry’s integrity', async () => {
    serve = { tgz: tgz.good, integrity: sri(tgz.empty) };
    const env = { HEADROOM_HOME: home(), npm_config_registry: registry };
    await expect(pullOnnxRuntime({ env })).rejects.toMatchObject({ code: 'KOMPRESS_CHECKSUM_MISMATCH' });
    expect(readdirSync(join(env.HEADROOM_HOME, 'onnxruntime', ONNX_RUNTIME_VERSION))).toEqual([]);
  });

  it('says so when the tarball has no build for this platform', async () => {
    serve = { tgz: tgz.empty, integrity: sri(tgz.empty) };
    const env = { HEADROOM_HOME: home(), npm_config_registry: registry };
    await expect(pullOnnxRuntime({ env })).rejects.toMatchObject({ code: 'KOMPRESS_DOWNLOAD_FAILED', message: expect.stringContaining(`has no ${wanted}`) });
    expect(existsSync(pulledOnnxRuntimePath(env)!)).toBe(false);
  });

  it('fails fast offline and on a registry error, without touching the home', async () => {
    const env = { HEADROOM_HOME: home(), npm_config_registry: registry };
    await expect(pullOnnxRuntime({ env: { ...env, HEADROOM_OFFLINE: '1' } })).rejects.toMatchObject({ code: 'KOMPRESS_OFFLINE' });
    await expect(pullOnnxRuntime({ env, registry: `${registry}missing` })).rejects.toMatchObject({ code: 'KOMPRESS_DOWNLOAD_FAILED', message: expect.stringContaining('HTTP 404') });
    expect(existsSync(join(env.HEADROOM_HOME, 'onnxruntime'))).toBe(false);
  });

  it('fetches the version the workspace tests against', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['onnxruntime-node']).toBe(ONNX_RUNTIME_VERSION);
  });
});
