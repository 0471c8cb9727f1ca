import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HeadroomError } from '../errors.js';
import { DEFAULT_KOMPRESS_MODEL, isModelDir, modelsDir } from './locate.js';

/** One file of a published model: where it is in the hub repository, and its local name. */
export interface ModelFile {
  /** Paths tried in order inside the repository (exports put the ONNX file in different places). */
  remote: string[];
  local: 'model.onnx' | 'tokenizer.json' | 'config.json';
  /** Expected SHA-256 (hex), when pinned. Without it the hub's LFS ETag (a SHA-256) is checked. */
  sha256?: string;
  /** A missing optional file is not an error (`config.json`: defaults apply). */
  optional?: boolean;
}

export interface ModelSpec {
  name: string;
  /** Hugging Face repository, `owner/name`. */
  repo: string;
  revision: string;
  files: ModelFile[];
  description: string;
}

const STANDARD_FILES: ModelFile[] = [
  { remote: ['onnx/model.onnx', 'model.onnx'], local: 'model.onnx' },
  { remote: ['tokenizer.json'], local: 'tokenizer.json' },
  { remote: ['config.json'], local: 'config.json', optional: true },
];

/**
 * Models `headroom model pull NAME` knows by name. Any other `owner/repo[@revision]` works too, if the
 * repository holds an ONNX export (`onnx/model.onnx` or `model.onnx`) and a `tokenizer.json`.
 */
export const KOMPRESS_MODELS: Record<string, ModelSpec> = {
  'kompress-v2': {
    name: 'kompress-v2',
    repo: 'chopratejas/kompress-v2-base',
    revision: 'main',
    files: STANDARD_FILES,
    description: 'Kompress v2 base (ModernBERT token classifier for agent context)',
  },
  'kompress-small': {
    name: 'kompress-small',
    repo: 'chopratejas/kompress-small',
    revision: 'main',
    files: STANDARD_FILES,
    description: 'Kompress small (distilled 6-layer model, faster)',
  },
};

/** The catalog entry for `name`, or an ad-hoc spec for `owner/repo[@revision]`. */
export function modelSpec(name: string = DEFAULT_KOMPRESS_MODEL): ModelSpec {
  const known = KOMPRESS_MODELS[name];
  if (known) return known;
  // Segments start with a word character: no `.`/`..` path tricks in the URL or the model directory.
  const m = /^(\w[\w.-]*)\/(\w[\w.-]*)(?:@(\w[\w./-]*))?$/.exec(name);
  if (!m) {
    throw new HeadroomError(
      'KOMPRESS_UNKNOWN_MODEL',
      `unknown model "${name}": use one of ${Object.keys(KOMPRESS_MODELS).join(', ')} or a Hugging Face repository owner/name[@revision]`,
    );
  }
  return { name: `${m[1]}--${m[2]}`, repo: `${m[1]}/${m[2]}`, revision: m[3] ?? 'main', files: STANDARD_FILES, description: `${m[1]}/${m[2]}` };
}

export function isOffline(env: NodeJS.ProcessEnv = process.env): boolean {
  const on = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  return on(env.HF_HUB_OFFLINE) || on(env.HEADROOM_OFFLINE);
}

export interface PullProgress {
  file: string;
  received: number;
  /** From `Content-Length`, when the server sends it. */
  total?: number;
}

export interface PullOptions {
  env?: NodeJS.ProcessEnv;
  /** @default `$HF_ENDPOINT`, else https://huggingface.co */
  endpoint?: string;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

export interface PulledFile {
  file: string;
  bytes: number;
  sha256: string;
  /** How the checksum was verified: against the catalog pin, the hub's ETag, or not at all. */
  verified: 'pinned' | 'etag' | 'unverified';
}

export interface PullResult {
  name: string;
  dir: string;
  repo: string;
  revision: string;
  files: PulledFile[];
}

/** The manifest `pull` writes next to the model: where it came from and each file's checksum. */
export const MANIFEST = 'headroom-model.json';

/**
 * Downloads a model from the Hugging Face hub layout (`<endpoint>/<repo>/resolve/<revision>/<file>`)
 * into `<headroomHome>/models/<name>`. Files land in a temporary directory that replaces the model
 * directory only when every file arrived and matched its checksum.
 */
export async function pullModel(name: string = DEFAULT_KOMPRESS_MODEL, options: PullOptions = {}): Promise<PullResult> {
  const env = options.env ?? process.env;
  const spec = modelSpec(name);
  if (isOffline(env)) {
    throw new HeadroomError(
      'KOMPRESS_OFFLINE',
      `cannot download ${spec.repo}: offline mode is on (HF_HUB_OFFLINE / HEADROOM_OFFLINE). ` +
        `Copy a model directory (model.onnx, tokenizer.json, config.json) to ${join(modelsDir(env), spec.name)} or set HEADROOM_KOMPRESS_MODEL.`,
    );
  }
  const endpoint = (options.endpoint ?? env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '');
  const root = modelsDir(env);
  const dir = join(root, spec.name);
  const tmp = join(root, `.${spec.name}.partial-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const files: PulledFile[] = [];
    for (const f of spec.files) {
      const got = await fetchFile(endpoint, spec, f, tmp, options);
      if (got) files.push(got);
    }
    const manifest = { name: spec.name, repo: spec.repo, revision: spec.revision, endpoint, files };
    await writeFile(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    return { name: spec.name, dir, repo: spec.repo, revision: spec.revision, files };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function fetchFile(endpoint: string, spec: ModelSpec, f: ModelFile, dir: string, options: PullOptions): Promise<PulledFile | undefined> {
  for (const remote of f.remote) {
    const url = `${endpoint}/${spec.repo}/resolve/${encodeURIComponent(spec.revision)}/${remote}`;
    const res = await request(url, options.signal);
    if (res.response.status === 404) {
      await res.response.body?.cancel();
      continue;
    }
    if (!res.response.ok || !res.response.body) {
      await res.response.body?.cancel();
      throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: HTTP ${res.response.status} ${res.response.statusText}`);
    }
    const total = Number(res.response.headers.get('content-length')) || undefined;
    const hash = createHash('sha256');
    let received = 0;
    const path = join(dir, f.local);
    const progress = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        received += chunk.byteLength;
        options.onProgress?.({ file: f.local, received, total });
        controller.enqueue(chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.response.body.pipeThrough(progress) as never), createWriteStream(path));
    } catch (err) {
      throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: ${(err as Error).message}`, { cause: err });
    }
    const sha256 = hash.digest('hex');
    const expected = f.sha256 ?? res.lfsSha256;
    if (expected && expected !== sha256) {
      throw new HeadroomError('KOMPRESS_CHECKSUM_MISMATCH', `${url}: SHA-256 is ${sha256}, expected ${expected}; the download was discarded`);
    }
    return { file: f.local, bytes: received, sha256, verified: f.sha256 ? 'pinned' : expected ? 'etag' : 'unverified' };
  }
  if (f.optional) return undefined;
  throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${spec.repo}@${spec.revision} has no ${f.remote.join(' or ')}`);
}

/**
 * GETs `url`, following redirects by hand: the hub answers LFS files with a redirect to a CDN, and the
 * redirect carries `X-Linked-Etag` (the file's SHA-256), which an automatic redirect would hide.
 */
async function request(url: string, signal?: AbortSignal): Promise<{ response: Response; lfsSha256?: string }> {
  let lfsSha256: string | undefined;
  let current = url;
  for (let hop = 0; hop < 5; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { redirect: 'manual', signal, headers: { 'user-agent': 'headroom' } });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${current}: ${(err as Error).message}`, { cause: err });
    }
    lfsSha256 ??= sha256Etag(response.headers.get('x-linked-etag'));
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    lfsSha256 ??= sha256Etag(response.headers.get('etag'));
    return { response, lfsSha256 };
  }
  throw new HeadroomError('KOMPRESS_DOWNLOAD_FAILED', `${url}: too many redirects`);
}

/** An ETag that is a SHA-256 (LFS files); git blob ETags (SHA-1) do not count. */
function sha256Etag(etag: string | null): string | undefined {
  const v = etag?.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  return v && /^[0-9a-f]{64}$/.test(v) ? v : undefined;
}

export interface InstalledModel {
  name: string;
  dir: string;
  bytes: number;
  /** From the manifest `pull` wrote, when there is one. */
  repo?: string;
  revision?: string;
}

/** Models installed under `<headroomHome>/models`, sorted by name. */
export async function listModels(env: NodeJS.ProcessEnv = process.env): Promise<InstalledModel[]> {
  const root = modelsDir(env);
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return [];
  }
  const out: InstalledModel[] = [];
  for (const name of names) {
    const dir = join(root, name);
    if (!isModelDir(dir)) continue;
    let bytes = 0;
    for (const f of ['model.onnx', 'tokenizer.json', 'config.json']) {
      bytes += await stat(join(dir, f)).then((s) => s.size, () => 0);
    }
    const m: InstalledModel = { name, dir, bytes };
    try {
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { repo?: string; revision?: string };
      if (manifest.repo) m.repo = manifest.repo;
      if (manifest.revision) m.revision = manifest.revision;
    } catch {
      // Copied by hand: no manifest.
    }
    out.push(m);
  }
  return out;
}
