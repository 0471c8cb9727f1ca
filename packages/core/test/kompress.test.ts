import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compressText } from '../src/compress/compress-text.js';
import { HeadroomError } from '../src/errors.js';
import { NO_MODEL, kompress, kompressSync, loadKompressModel, resolveKompressModel } from '../src/kompress/index.js';
import { native } from '../src/native.js';

// Written by crates/headroom-ml/src/kompress/tiny.rs (a Rust test checks the files match the generator):
// a BERT-shaped model whose keep probability is fixed per token, so every decision here is computed.
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures');
const LOGITS = join(FIXTURES, 'kompress-tiny');
const SCORE = join(FIXTURES, 'kompress-tiny-score');

const TEXT = 'We really keep the model in memory.\n    The cache is very fast and the server is slow.\n\nA request was compressed, the compression keeps words.\n';
const KEPT = 'keep model memory.\n    cache fast server slow.\n\nrequest compression keeps words.\n';
const key = (s: string) => `hr_${createHash('sha256').update(s).digest('hex').slice(0, 24)}`;

const tmp = mkdtempSync(join(tmpdir(), 'headroom-kompress-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kompress with the tiny generated model', () => {
  const text = TEXT.repeat(10);
  const expected = `[headroom: omitted 140 words of 250; kept 0 by rule, 110 by model score; key=${key(text)}]\n${KEPT.repeat(10)}`;

  it('drops exactly the low-scored words, keeps lines and indentation, and stores the original', () => {
    const r = kompressSync(text, { modelDir: LOGITS });
    expect(r.text).toBe(expected);
    expect(r.transform).toBe('prose:kompress');
    expect(r.stored).toEqual([{ key: key(text), content: text }]);
  });

  it('gives the same bytes asynchronously and with the single-score output convention', async () => {
    expect((await kompress(text, { modelDir: LOGITS })).text).toBe(expected);
    expect((await kompress(text, { modelDir: SCORE })).text).toBe(expected);
  });

  it('keeps error lines and query lines whole, and facts whatever the model says', async () => {
    const extra = 'the request failed with the E42 code\nthe cache of the user\nthe THE the_x the\n';
    const r = await kompress(text + extra, { modelDir: LOGITS, query: 'which user?' });
    expect(r.text.endsWith(`${KEPT}the request failed with the E42 code\nthe cache of the user\nTHE the_x\n`)).toBe(true);
  });

  it('honours keepFraction, the ccrDir in the marker, and the safe profile', () => {
    const r = kompressSync(text, { modelDir: LOGITS, keepFraction: 0.25, ccrDir: '/ccr' });
    expect(r.text.split('\n')[0]).toBe(`[headroom: omitted 187 words of 250; kept 0 by rule, 63 by model score; key=${key(text)}; file=/ccr/${key(text)}]`);
    expect(kompressSync(text, { modelDir: LOGITS, profile: 'safe' })).toEqual({ text, skipped: 'safe profile: kompress drops words', stored: [] });
  });

  it('passes through when the time budget is spent', async () => {
    const r = await kompress(text, { modelDir: LOGITS, budgetMs: 0 });
    expect(r).toEqual({ text, skipped: 'time budget of 0 ms exceeded', stored: [] });
  });

  it('keeps the event loop responsive while the model runs', async () => {
    // ~1000 windows of 16 tokens: long enough for many timer turns while the worker thread infers.
    const big = TEXT.repeat(300);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksWhileRunning = -1;
    // A call that blocked the event loop would settle before any timer turn: 0 ticks.
    const r = await kompress(big, { modelDir: LOGITS, batchSize: 1 }).finally(() => (ticksWhileRunning = ticks));
    clearInterval(timer);
    expect(r.text.endsWith(KEPT.repeat(300))).toBe(true);
    expect(ticksWhileRunning).toBeGreaterThan(0);
  });

  it('rejects when aborted, before or during the call', async () => {
    const before = new AbortController();
    before.abort();
    await expect(kompress(TEXT, { modelDir: LOGITS, signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const pending = kompress(TEXT.repeat(300), { modelDir: LOGITS, batchSize: 1, signal: during.signal });
    // Aborted once the native task is queued: a timer could fire after a fast machine had finished.
    during.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('loads a model once and reports its window', () => {
    expect(loadKompressModel(LOGITS)).toEqual({ dir: LOGITS, maxSeqLen: 16, keepLabel: 1 });
  });

  it('reports broken model directories with stable codes', async () => {
    expect(() => kompressSync(text, { modelDir: tmp })).toThrowError(expect.objectContaining({ code: 'TOKENIZER_FAILED' }));
    expect(() => kompressSync(text, { modelDir: tmp })).toThrowError(HeadroomError);
    await expect(kompress(text, { modelDir: join(tmp, 'nope') })).rejects.toMatchObject({ code: 'TOKENIZER_FAILED' });
    // The addon's own rejection carries the code, as a sync throw does: nothing parses it out of the message.
    await expect(native().kompress(text, { modelDir: join(tmp, 'nope') })).rejects.toMatchObject({ code: 'TOKENIZER_FAILED', message: expect.stringMatching(/^\/.*tokenizer\.json: /) });
    expect(() => kompressSync(text, { modelDir: LOGITS, threshold: 2 })).toThrowError(expect.objectContaining({ code: 'HEADROOM_INVALID_ARG' }));
  });
});

describe('model resolution', () => {
  it('uses HEADROOM_KOMPRESS_MODEL, else <HEADROOM_HOME>/models/<name>, and nothing else', () => {
    expect(resolveKompressModel('kompress-v2', { HEADROOM_KOMPRESS_MODEL: LOGITS })).toBe(LOGITS);
    // An explicit setting that is not a model directory is not replaced by another model.
    expect(resolveKompressModel('kompress-v2', { HEADROOM_KOMPRESS_MODEL: tmp, HEADROOM_HOME: FIXTURES })).toBeUndefined();
    expect(resolveKompressModel('kompress-tiny', { HEADROOM_HOME: join(FIXTURES, '..') })).toBeUndefined();
    expect(resolveKompressModel('kompress-v2', { HEADROOM_HOME: tmp })).toBeUndefined();
  });

  it('passes text through when no model is installed', async () => {
    const saved = { ...process.env };
    process.env.HEADROOM_KOMPRESS_MODEL = tmp;
    try {
      expect(await kompress(TEXT)).toEqual({ text: TEXT, skipped: NO_MODEL, stored: [] });
    } finally {
      process.env = saved;
    }
  });
});

describe('compressText routes prose to Kompress when a model is installed', () => {
  const text = TEXT.repeat(10);

  it('uses the model for prose and stores the original', async () => {
    const originals = new Map<string, string>();
    const store = { put: async (k: string, v: string) => void originals.set(k, v) };
    const r = await compressText(text, { kompress: { modelDir: LOGITS }, store, cache: false });
    expect(r.stats.contentType).toBe('prose');
    expect(r.stats.transform).toBe('prose:kompress');
    expect(r.text).toBe(`[headroom: omitted 140 words of 250; kept 0 by rule, 110 by model score; key=${key(text)}]\n${KEPT.repeat(10)}`);
    expect(originals.get(key(text))).toBe(text);
    expect(r.stats.keys).toEqual([key(text)]);
    expect(r.stats.tokensAfter).toBeLessThan(r.stats.tokensBefore);
  });

  it('falls back to the extractive compressor without a model, when told not to use one, or for non-prose', async () => {
    const without = await compressText(text, { kompress: false, store: false, cache: false });
    expect(without.stats.transform).not.toBe('prose:kompress');
    const missing = await compressText(text, { kompress: { modelDir: join(tmp, 'nope') }, store: false, cache: false });
    expect(missing.stats.transform).not.toBe('prose:kompress');
    expect(missing.diagnostics.join('\n')).toContain('Kompress failed');
    expect(missing.text).toBe(without.text);
    const log = Array.from({ length: 200 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO worker ${i} done`).join('\n');
    const l = await compressText(log, { kompress: { modelDir: LOGITS }, store: false, cache: false });
    expect(l.stats.contentType).toBe('log');
    expect(l.stats.transform).not.toBe('prose:kompress');
  });

  it('keeps the extractive result when the time budget is spent', async () => {
    const r = await compressText(text, { kompress: { modelDir: LOGITS, budgetMs: 0 }, store: false, cache: false });
    expect(r.stats.transform).not.toBe('prose:kompress');
    expect(r.diagnostics).toEqual([]);
  });
});
