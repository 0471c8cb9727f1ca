import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateDir } from '../home.js';
import { ONNX_RUNTIME_FILE, ONNX_RUNTIME_VERSION, pulledOnnxRuntimePath } from '../onnx-runtime.js';
import { HeadroomError } from '../errors.js';
import { extractTarEntry } from './tar-entry.js';
import { isOffline, type PullProgress } from './models.js';

export interface RuntimePullOptions {
  env?: NodeJS.ProcessEnv;
  /** The npm registry to fetch from. @default `$npm_config_registry`, else https://registry.npmjs.org */
  registry?: string;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

export interface RuntimePullResult {
  /** The library Kompress will load. */
  path: string;
  version: string;
  /** False when the copy was already there (nothing downloaded). */
  fetched: boolean;
  /** Bytes of the tarball downloaded (0 when nothing was). */
  downloaded: number;
}

/**
 * Fetches ONNX Runtime for Kompress into `<headroomHome>/onnxruntime/<version>/`: downloads the
 * `onnxruntime-node` tarball from the npm registry, checks it against the registry's `dist.integrity`,
 * and keeps only this platform's CPU library (no install script runs, nothing else is unpacked). A copy
 * already there is kept. Callers check `locateOnnxRuntime()` first: an installed one needs no fetch.
 */
export async function pullOnnxRuntime(options: RuntimePullOptions = {}): Promise<RuntimePullResult> {
  const env = options.env ?? process.env;
  const file = ONNX_RUNTIME_FILE[process.platform];
  const dest = pulledOnnxRuntimePath(env);
  if (dest && existsSync(dest)) return { path: dest, version: ONNX_RUNTIME_VERSION, fetched: false, downloaded: 0 };
  if (!file || !dest) {
    throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `onnxruntime-node has no ONNX Runtime build for ${process.platform}: set ORT_DYLIB_PATH to a libonnxruntime ≥ 1.27`);
  }
  const registry = (options.registry ?? env.npm_config_registry ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
  const what = `onnxruntime-node@${ONNX_RUNTIME_VERSION}`;
  if (isOffline(env)) {
    throw new HeadroomError('KOMPRESS_OFFLINE', `cannot download ${what}: offline mode is on (HF_HUB_OFFLINE / HEADROOM_OFFLINE). Set ORT_DYLIB_PATH to a libonnxruntime ≥ 1.27 instead.`);
  }
  const dist = await versionDist(registry, options.signal);
  const dir = dirname(dest);
  ensurePrivateDir(dir);
  const tgz = join(dir, `.${what}.tgz.partial-${process.pid}`);
  const lib = `${dest}.partial-${process.pid}`;
  try {
    const downloaded = await download(dist, tgz, options);
    const inside = `package/bin/napi-v6/${process.platform}/${process.arch}/${file}`;
    if (!(await extractTarEntry(tgz, inside, lib))) {
      throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${what} has no ${inside} (no build for ${process.platform}-${process.arch}): set ORT_DYLIB_PATH to a libonnxruntime ≥ 1.27`);
    }
    await rename(lib, dest);
    return { path: dest, version: ONNX_RUNTIME_VERSION, fetched: true, downloaded };
  } finally {
    await rm(tgz, { force: true });
    await rm(lib, { force: true });
  }
}

interface Dist {
  tarball: string;
  integrity: string;
}

async function get(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json', 'user-agent': 'headroom' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: HTTP ${res.status} ${res.statusText}`);
  }
  return res;
}

/** The registry's record of the pinned version: where its tarball is and the tarball's SHA-512. */
async function versionDist(registry: string, signal?: AbortSignal): Promise<Dist> {
  const url = `${registry}/onnxruntime-node/${ONNX_RUNTIME_VERSION}`;
  const doc = (await (await get(url, signal)).json().catch(() => undefined)) as { dist?: Partial<Dist> } | undefined;
  const { tarball, integrity } = doc?.dist ?? {};
  if (typeof tarball !== 'string' || typeof integrity !== 'string' || !integrity.startsWith('sha512-')) {
    throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: no dist.tarball with a sha512 dist.integrity in the answer`);
  }
  return { tarball, integrity };
}

async function download(dist: Dist, path: string, options: RuntimePullOptions): Promise<number> {
  const res = await get(dist.tarball, options.signal);
  const total = Number(res.headers.get('content-length')) || undefined;
  const hash = createHash('sha512');
  let received = 0;
  const progress = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      received += chunk.byteLength;
      options.onProgress?.({ file: `onnxruntime-node-${ONNX_RUNTIME_VERSION}.tgz`, received, ...(total ? { total } : {}) });
      controller.enqueue(chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body!.pipeThrough(progress) as never), createWriteStream(path, { mode: 0o600 }));
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${dist.tarball}: ${(err as Error).message}`, { cause: err });
  }
  const got = `sha512-${hash.digest('base64')}`;
  if (got !== dist.integrity) {
    throw new HeadroomError('KOMPRESS_CHECKSUM_MISMATCH', `${dist.tarball}: integrity is ${got}, the registry says ${dist.integrity}; the download was discarded`);
  }
  return received;
}
