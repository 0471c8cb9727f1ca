import { countTokensBatch } from '../tokens.js';
import { native } from '../native.js';
import { HeadroomError } from '../errors.js';
import { kompress } from '../kompress/kompress.js';
import { resolveKompressModel } from '../kompress/locate.js';
import { defaultStore } from './default-store.js';
import { Memo } from './memo.js';
import type { ContentType, KompressChoice, Language, OriginalSink, Profile } from './options.js';

export interface CompressTextOptions {
  query?: string;
  /** Skip detection. */
  contentType?: ContentType;
  /** For code: a `Language` (`python`) or a file extension (`py`). */
  language?: string;
  /** Model whose tokenizer counts the savings. @default 'gpt-4o' */
  model?: string;
  /** @default 'balanced' */
  profile?: Profile;
  /** @default the configured CCR store; `false` stores nothing (see `CompressOptions.store`) */
  store?: OriginalSink | false;
  /** @default the store's `filesDir` */
  ccrDir?: string;
  /** @default true */
  cache?: boolean;
  /**
   * Prose goes through the Kompress model when one is installed (`headroom model pull`, or
   * `HEADROOM_KOMPRESS_MODEL`), else through the extractive prose compressor. `false` never uses it.
   */
  kompress?: false | KompressChoice;
  /**
   * Once aborted, the native engine stops at its next step (a call still waiting for a thread never
   * starts) and the promise rejects with the signal's reason: the core is free for the next request.
   */
  signal?: AbortSignal;
  /** Count the tokens after returning; `counted` says when the counts are in (see `CompressOptions.deferCounts`). */
  deferCounts?: boolean;
}

const DEFAULT_KOMPRESS_BUDGET_MS = 2000;

export interface TextStats {
  contentType: ContentType;
  language?: Language;
  /** Why the router chose `contentType`. */
  reason: string;
  /** What was done, e.g. `json:columnar+select`; absent when the text passed through. */
  transform?: string;
  /** Why the text passed through, when it did. */
  skipped?: string;
  tokensBefore: number;
  tokensAfter: number;
  /** CCR keys of the originals the compressed text refers to. */
  keys: string[];
  /** Milliseconds spent compressing, token counting not included (0 when the memo answered). */
  engineMs: number;
}

export interface CompressTextResult {
  text: string;
  stats: TextStats;
  /** Problems that made Headroom leave content as it was (it never throws for bad content). */
  diagnostics: string[];
  /** With `deferCounts`, when the counts were not known yet: settles once `stats` holds them (it never rejects). */
  counted?: Promise<void>;
}

interface Engine {
  text: string;
  stats: Omit<TextStats, 'tokensBefore' | 'tokensAfter' | 'engineMs'>;
  stored: { key: string; content: string }[];
  /** Exact counts, kept with the memo entry: counting costs more than compressing. */
  tokens?: { model: string | undefined; before: number; after: number };
}

/** 64 Mi characters of results and stored originals (up to ~128 MB of strings), then the least recently used go. */
const memo = new Memo<Engine>(2048, 64 * 1024 * 1024, (e) => e.text.length + e.stored.reduce((n, s) => n + s.content.length, 0));

/**
 * The model's result replaces the extractive one when it compressed; a model that passes through, runs
 * out of time or fails leaves the extractive result (the failure reported as a diagnostic).
 */
async function withKompress(text: string, extractive: Engine, o: CompressTextOptions, ccrDir: string | undefined, modelDir: string): Promise<{ engine: Engine; diagnostic?: string }> {
  const choice = o.kompress || {};
  try {
    const k = await kompress(text, {
      modelDir,
      budgetMs: choice.budgetMs ?? DEFAULT_KOMPRESS_BUDGET_MS,
      ...(choice.threads ? { threads: choice.threads } : {}),
      ...(o.query ? { query: o.query } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
      ...(ccrDir ? { ccrDir } : {}),
    });
    if (!k.transform) return { engine: extractive };
    const stats = { ...extractive.stats, transform: k.transform, keys: k.stored.map((s) => s.key) };
    delete stats.skipped;
    const engine: Engine = { text: k.text, stats, stored: k.stored };
    // The input was counted with the extractive run: only the model's output is new (deferred counting
    // counts both later).
    if (extractive.tokens) engine.tokens = { ...extractive.tokens, after: countTokensBatch([k.text], o.model)[0]! };
    return { engine };
  } catch (err) {
    return { engine: extractive, diagnostic: `Kompress failed, extractive prose compression used: ${(err as Error).message ?? String(err)}` };
  }
}

/** `engineMs`: the native compressor's own time (token counting not included), plus Kompress's when it ran. */
async function runEngine(text: string, o: CompressTextOptions, ccrDir: string | undefined, modelDir: string | undefined): Promise<{ engine: Engine; engineMs: number; diagnostic?: string }> {
  try {
    const r = await native().compressBlock(
      text,
      {
        query: o.query,
        profile: o.profile,
        contentType: o.contentType,
        language: o.language,
        ccrDir,
        countTokens: !o.deferCounts,
        model: o.model,
      },
      o.signal,
    );
    if (r.stopped) o.signal?.throwIfAborted();
    const stats = {
      contentType: r.contentType,
      reason: r.reason,
      keys: r.stored.map((s) => s.key),
      ...(r.language ? { language: r.language } : {}),
      ...(r.transform ? { transform: r.transform } : {}),
      ...(r.skipped ? { skipped: r.skipped } : {}),
    };
    const extractive: Engine = { text: r.text, stats, stored: r.stored };
    if (r.tokensBefore != null && r.tokensAfter != null) extractive.tokens = { model: o.model, before: r.tokensBefore, after: r.tokensAfter };
    if (stats.contentType !== 'prose' || !modelDir) return { engine: extractive, engineMs: r.engineMs };
    const started = performance.now();
    const k = await withKompress(text, extractive, o, ccrDir, modelDir);
    return { ...k, engineMs: r.engineMs + (performance.now() - started) };
  } catch (err) {
    // The caller stopped waiting (the engine stopped, or never started): not a failure to report.
    o.signal?.throwIfAborted();
    // Misuse (a bad option) is the caller's to fix; anything else fails open with the original.
    if ((err as { code?: string }).code === 'HEADROOM_INVALID_ARG') {
      throw new HeadroomError('HEADROOM_INVALID_ARG', (err as Error).message, { cause: err });
    }
    const message = `native compression failed, content left as it was: ${(err as Error).message ?? String(err)}`;
    return {
      engine: { text, stats: { contentType: 'unknown', reason: 'engine error', keys: [], skipped: message }, stored: [] },
      engineMs: 0,
      diagnostic: message,
    };
  }
}

/** Compresses one block of text (a tool output) and stores the originals its markers refer to. */
export async function compressText(text: string, options: CompressTextOptions = {}): Promise<CompressTextResult> {
  options.signal?.throwIfAborted();
  const diagnostics: string[] = [];
  let store: OriginalSink | undefined;
  if (options.store === undefined) {
    try {
      store = await defaultStore();
    } catch (err) {
      // No store, no retrievable originals: lossy compression would lie, so leave the text as it is.
      const message = `the CCR store could not be opened, content left as it was: ${(err as Error).message}`;
      const tokens = countTokensBatch([text], options.model)[0]!;
      const stats = { contentType: 'unknown' as const, reason: 'no store', keys: [], skipped: message, tokensBefore: tokens, tokensAfter: tokens, engineMs: 0 };
      return { text, stats, diagnostics: [message] };
    }
  } else if (options.store) {
    store = options.store;
  }
  // No `file=` in markers when the store keeps no files (Redis) or the caller keeps the originals.
  const ccrDir = options.ccrDir ?? store?.filesDir;
  const useCache = options.cache !== false;
  const modelDir = options.kompress === false ? undefined : (options.kompress?.modelDir ?? resolveKompressModel());
  const key = Memo.key(text, options.profile, options.contentType, options.language, ccrDir, modelDir);
  let engine = useCache ? memo.get(key) : undefined;
  let engineMs = 0;
  if (!engine) {
    const run = await runEngine(text, options, ccrDir, modelDir);
    options.signal?.throwIfAborted();
    engineMs = run.engineMs;
    engine = run.engine;
    if (run.diagnostic) diagnostics.push(run.diagnostic);
    else if (useCache) memo.set(key, engine);
  }
  if (store && engine.stored.length > 0) {
    const sink = store;
    try {
      await Promise.all(engine.stored.map((s) => sink.put(s.key, s.content)));
    } catch (err) {
      // Without its original a marker would point nowhere: send the uncompressed text instead.
      diagnostics.push(`could not store originals, content left as it was: ${(err as Error).message}`);
      const before = engine.tokens;
      engine = { text, stats: { ...engine.stats, keys: [], skipped: 'store unavailable' }, stored: [] };
      delete engine.stats.transform;
      if (before) engine.tokens = { ...before, after: before.before };
    }
  }
  // Counted by the engine with the compression (the input once, however many compressors it tried) and
  // kept with the memo entry, so a memo hit counts nothing; only another model's tokenizer counts again.
  const known = engine.tokens?.model === options.model ? engine.tokens : undefined;
  const stats = { ...engine.stats, tokensBefore: known?.before ?? 0, tokensAfter: known?.after ?? 0, engineMs };
  const result: CompressTextResult = { text: engine.text, stats, diagnostics };
  if (known) return result;
  const counting = engine;
  const texts = counting.text === text ? [text] : [text, counting.text];
  const fill = ([before, after]: number[]): void => {
    counting.tokens = { model: options.model, before: before!, after: after ?? before! };
    stats.tokensBefore = counting.tokens.before;
    stats.tokensAfter = counting.tokens.after;
  };
  if (!options.deferCounts) {
    fill(countTokensBatch(texts, options.model));
    return result;
  }
  // A count that fails (it does not, for any string) leaves the zeros: a ledger short of one block,
  // never a request held back.
  result.counted = native()
    .countTokensBatchAsync(texts, options.model)
    .then(fill, () => undefined);
  return result;
}
