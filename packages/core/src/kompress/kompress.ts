import { native } from '../native.js';
import { callNative, nativeError } from '../native-call.js';
import { ensureOnnxRuntime } from '../onnx-runtime.js';
import type { Profile } from '../compress/options.js';
import { resolveKompressModel } from './locate.js';

export interface KompressOptions {
  /** A model directory; default: `HEADROOM_KOMPRESS_MODEL`, else the installed model `model`. */
  modelDir?: string;
  /** Installed model name under `<headroomHome>/models`. @default 'kompress-v2' */
  model?: string;
  /** The user's question: lines matching it are kept whole. */
  query?: string;
  /** `safe` passes through; `balanced` keeps words scored above 0.5; `aggressive` keeps a third. */
  profile?: Profile;
  /** Where the CCR store keeps originals as files (named in the marker). */
  ccrDir?: string;
  /** Keep words whose keep probability is above this (0–1). */
  threshold?: number;
  /** Keep this fraction of the words (0–1); wins over `threshold`. */
  keepFraction?: number;
  /** ONNX Runtime threads per operator. @default 1 */
  threads?: number;
  /** Model windows per inference call. @default 8 */
  batchSize?: number;
  /** Words shared by consecutive windows. @default 16 */
  overlapWords?: number;
  /** Blocks with fewer words pass through. @default 40 */
  minWords?: number;
  /** After this many milliseconds the block passes through (`skipped` says so). */
  budgetMs?: number;
  /** Aborting rejects the call with the signal's reason and stops the work between model batches. */
  signal?: AbortSignal;
}

export interface KompressResult {
  /** The compressed text, or the original when it passed through. */
  text: string;
  /** `prose:kompress` when compressed. */
  transform?: string;
  /** Why the text passed through, when it did. */
  skipped?: string;
  /** Originals the marker refers to, for the CCR store. */
  stored: { key: string; content: string }[];
}

/** Set when no model is installed: the caller uses the extractive prose compressor instead. */
export const NO_MODEL = 'no Kompress model installed (run `headroom model pull` or set HEADROOM_KOMPRESS_MODEL)';

/** True when a model is installed (or `HEADROOM_KOMPRESS_MODEL` names one). */
export function kompressAvailable(model?: string): boolean {
  return resolveKompressModel(model) !== undefined;
}

/** Loads and validates a model directory (cached natively); returns its window and keep label. */
export function loadKompressModel(modelDir: string, threads = 1): { dir: string; maxSeqLen: number; keepLabel: number } {
  ensureOnnxRuntime();
  return callNative(() => native().kompressLoadModel(modelDir, threads));
}

function binding(options: KompressOptions, modelDir: string) {
  const { modelDir: _d, model: _m, signal: _s, ...rest } = options;
  return { ...rest, modelDir };
}

/** Compresses prose on the calling thread. Prefer `kompress` in servers. */
export function kompressSync(text: string, options: KompressOptions = {}): KompressResult {
  const dir = options.modelDir ?? resolveKompressModel(options.model);
  if (!dir) return { text, skipped: NO_MODEL, stored: [] };
  ensureOnnxRuntime();
  return result(callNative(() => native().kompressSync(text, binding(options, dir))));
}

/**
 * Compresses prose with a Kompress model on the libuv thread pool: the event loop stays free while the
 * model runs. Without an installed model the text passes through with `skipped: NO_MODEL`.
 */
export async function kompress(text: string, options: KompressOptions = {}): Promise<KompressResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const dir = options.modelDir ?? resolveKompressModel(options.model);
  if (!dir) return { text, skipped: NO_MODEL, stored: [] };
  ensureOnnxRuntime();
  const out = await native()
    .kompress(text, binding(options, dir), signal)
    .catch((err: unknown) => {
      signal?.throwIfAborted();
      throw nativeError(err);
    });
  // Work already running when the signal fired stops between batches and resolves as a pass-through.
  signal?.throwIfAborted();
  return result(out);
}

function result(r: { text: string; transform?: string | null; skipped?: string | null; stored: { key: string; content: string }[] }): KompressResult {
  const out: KompressResult = { text: r.text, stored: r.stored };
  if (r.transform) out.transform = r.transform;
  if (r.skipped) out.skipped = r.skipped;
  return out;
}
