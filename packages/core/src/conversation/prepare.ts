// The request path: compress tool results inside the time budget, put back hidden retrieval exchanges,
// add the retrieve tool when the history carries markers. Anything that goes wrong sends the original.
import { isDeepStrictEqual } from 'node:util';
import { compress, isCompressible, type BlockStats } from '../compress/compress.js';
import { DEFAULT_EXCLUDED_TOOLS, DEFAULT_MIN_CHARS, type OriginalSink, type Profile } from '../compress/options.js';
import { findToolTexts, replaceTexts, type ToolText } from '../compress/shapes.js';
import { clientHasRetrieveTool, declaresToolsInInput, hasMarker, injectRetrieveTool, issuedKeys, issuedMarkers, RETRIEVE_TOOL, type Api } from './retrieve-tool.js';
import type { SpliceMemory } from './splice-memory.js';
import { sniffRequest } from './sniff.js';
import { spliceJson } from './splice.js';
import { AS_IS, StickyBytes } from './sticky.js';

export interface PrepareOptions {
  budgetMs: number;
  profile: Profile;
  /** Where originals go; without one nothing is compressed (the caller sets `bypass`). */
  store: OriginalSink | undefined;
  bypass: boolean;
  memory: SpliceMemory;
  /** What was sent for each tool result before: sent again, byte for byte (see sticky.ts). */
  sticky?: StickyBytes;
  minChars?: number;
  /** Count tokens after the request is ready (see `CompressOptions.deferCounts`); `Prepared.counted` says when. */
  deferCounts?: boolean;
}

export interface Prepared {
  /** The bytes to send upstream: the client's own bytes when nothing changed. */
  body: Uint8Array;
  /** The parsed request as sent (after changes), when it was a JSON object. */
  json?: Record<string, unknown>;
  /** The client's history (`messages`, `input` or `contents`) as parsed, untouched, when it was a list. */
  clientHistory?: unknown[];
  changed: boolean;
  /** The retrieve tool is on this request: the proxy must watch the response for its calls. */
  retrieval: boolean;
  model?: string;
  stream: boolean;
  blocks: BlockStats[];
  tokensBefore: number;
  tokensAfter: number;
  compressMs: number;
  /** Why compression did not apply, when it failed or overran (the original was sent). */
  failOpen?: string;
  /** With `deferCounts`: settles (never rejects) once the blocks' and totals' token counts are in. */
  counted?: Promise<void>;
}

/** Results of `headroom_retrieve` are originals the model asked for: never compress them again. */
const EXCLUDED = [...DEFAULT_EXCLUDED_TOOLS, RETRIEVE_TOOL];

/**
 * The request shapes `prepare` reads. Gemini has no retrieval loop yet: its tool results are compressed
 * (their markers name the original's file), and it is never given the retrieve tool.
 */
export type RequestShape = Api | 'gemini';

export function historyKey(api: RequestShape): 'messages' | 'input' | 'contents' {
  return api === 'responses' ? 'input' : api === 'gemini' ? 'contents' : 'messages';
}

/**
 * Every failure on the way (a throw from compression, from restoring hidden exchanges, from
 * re-serializing a request nested too deep for `JSON.stringify`, …) sends the client's original bytes.
 */
export async function prepare(api: RequestShape, raw: Uint8Array, o: PrepareOptions): Promise<Prepared> {
  const started = performance.now();
  try {
    return await prepareOrThrow(api, raw, o);
  } catch (err) {
    return { ...untouchedFor(raw), compressMs: performance.now() - started, failOpen: `request preparation failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function untouchedFor(raw: Uint8Array): Prepared {
  return { body: raw, changed: false, retrieval: false, stream: false, blocks: [], tokensBefore: 0, tokensAfter: 0, compressMs: 0 };
}

async function prepareOrThrow(api: RequestShape, raw: Uint8Array, o: PrepareOptions): Promise<Prepared> {
  const untouched = untouchedFor(raw);
  const sniffed = sniffRequest(raw);
  // No tool result or call anywhere: nothing to compress, put back or mark. The bytes go as they came,
  // never decoded into a string and a tree (a 50 MB paste costs its 50 MB only; issue 14, defect 13).
  if (!sniffed.toolTraffic) return { ...untouched, stream: sniffed.stream, ...(sniffed.model !== undefined ? { model: sniffed.model } : {}) };
  let json: unknown;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  try {
    json = JSON.parse(text);
  } catch {
    return untouched; // malformed JSON: the upstream gives the client its own error
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return untouched;
  const body = json as Record<string, unknown>;
  const base: Prepared = { ...untouched, json: body, stream: body.stream === true, ...(typeof body.model === 'string' ? { model: body.model } : {}) };
  const field = historyKey(api);
  const history = body[field];
  if (!Array.isArray(history)) return base;
  base.clientHistory = history;

  let messages: unknown[] = history;
  let changed = false;
  /** A tool result resent compressed as on an earlier request carries a marker. */
  let decidedMarker = false;
  const restored = api === 'gemini' ? undefined : o.memory.restore(api, messages);
  if (restored) {
    messages = restored;
    changed = true;
  }
  const out: Prepared = { ...base };
  if (!o.bypass) {
    // Tool results compress() would consider: their bytes are decided once, then sticky.
    const minChars = o.minChars ?? DEFAULT_MIN_CHARS;
    const excluded = new Set(EXCLUDED);
    const eligible = o.sticky ? findToolTexts(messages).filter((t) => isCompressible(t, excluded, minChars)) : [];
    const keyOf = (t: ToolText): string => StickyBytes.key(t.text, o.profile);
    /** Compression gave no result: send what was sent before for each result, and as is for new ones. */
    const sendAsDecided = (): void => {
      if (!o.sticky) return;
      const replacements: { message: number; path: (string | number)[]; text: string }[] = [];
      for (const t of eligible) {
        const sent = o.sticky.record(keyOf(t), t.text, t.text);
        if (sent !== AS_IS) replacements.push({ message: t.message, path: t.path, text: sent });
      }
      if (replacements.length > 0) {
        messages = replaceTexts(messages, replacements);
        changed = true;
        decidedMarker = replacements.some((r) => hasMarker(r.text));
      }
    };
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    // On overrun the rest is not compressed in the background: what was sent as is stays as is (sticky),
    // so finishing would only hold the parsed request and a core for nothing (issue 14, defect 13).
    const stop = new AbortController();
    try {
      const overrun = new Promise<'overrun'>((resolve) => {
        timer = setTimeout(() => {
          stop.abort();
          resolve('overrun');
        }, o.budgetMs);
      });
      const result = await Promise.race([
        compress(messages, {
          signal: stop.signal,
          profile: o.profile,
          excludeTools: EXCLUDED,
          ...(o.store ? { store: o.store } : {}),
          ...(base.model ? { model: base.model } : {}),
          ...(o.minChars !== undefined ? { minChars: o.minChars } : {}),
          ...(o.deferCounts ? { deferCounts: true } : {}),
        }),
        overrun,
      ]);
      if (result === 'overrun') {
        out.failOpen = `compression overran the ${o.budgetMs} ms budget`;
        sendAsDecided();
      } else {
        const asIs: BlockStats[] = [];
        const sent = o.sticky ? stick(o.sticky, eligible, keyOf, messages, result.messages, result.blocks, asIs) : result.messages;
        out.blocks = result.blocks;
        const total = (): void => {
          // A block sent as is saves nothing, whatever its (late) compression would have.
          for (const b of asIs) b.tokensAfter = b.tokensBefore;
          out.tokensBefore = result.blocks.reduce((n, b) => n + b.tokensBefore, 0);
          out.tokensAfter = result.blocks.reduce((n, b) => n + b.tokensAfter, 0);
        };
        total();
        if (result.counted) out.counted = result.counted.then(total);
        if (sent.some((m, i) => m !== messages[i])) {
          messages = sent;
          changed = true;
        }
      }
    } catch (err) {
      out.failOpen = `compression failed: ${(err as Error).message}`;
      sendAsDecided();
    } finally {
      clearTimeout(timer);
      out.compressMs = performance.now() - started;
    }
  }
  const next: Record<string, unknown> = { ...body, [field]: messages };
  // Decided from the history alone, which only grows: once a conversation has a marker, every later
  // request carries the tool too (no flapping of the tool list).
  // Only markers this proxy issued count (a block of this request stored an original, a result resent
  // as first decided, or a hidden exchange of ours put back): quoted markers are just text (issue 14, 9).
  const marked = issuedMarkers(out.blocks, restored) || decidedMarker;
  if (api !== 'gemini' && !clientHasRetrieveTool(api, body) && !declaresToolsInInput(api, body) && marked) {
    out.retrieval = true;
    injectRetrieveTool(api, next);
    changed = true;
  }
  if (!changed) return out;
  // The same object: deferred counting fills in its totals later.
  return Object.assign(out, { body: serialize(raw, body, next), json: next, changed: true });
}

function textAt(messages: readonly unknown[], t: ToolText): unknown {
  let node: unknown = messages[t.message];
  for (const k of t.path) node = (node as Record<string | number, unknown> | undefined)?.[k];
  return node;
}

/**
 * The messages to send after compression: each tool result as it was sent the first time (recorded
 * now when this is the first time). A result sent as is before (its compression overran the budget)
 * goes as is again, even though its late compression has since landed in the memo; its block then
 * reports no compression (it is added to `asIs`, whose token counts the caller sets equal).
 */
function stick(sticky: StickyBytes, eligible: ToolText[], keyOf: (t: ToolText) => string, before: unknown[], after: unknown[], blocks: BlockStats[], asIs: BlockStats[]): unknown[] {
  const replacements: { message: number; path: (string | number)[]; text: string }[] = [];
  for (const t of eligible) {
    const now = textAt(after, t);
    if (typeof now !== 'string') continue;
    const first = sticky.record(keyOf(t), t.text, now);
    const send = first === AS_IS ? t.text : first;
    if (send !== t.text) replacements.push({ message: t.message, path: t.path, text: send });
    if (send === now) continue;
    const b = blocks.find((x) => x.message === t.message && isDeepStrictEqual(x.path, t.path));
    if (b && first === AS_IS) {
      asIs.push(b);
      b.keys = [];
      delete b.transform;
      b.skipped = 'sent as is on an earlier request (its compression overran the budget or failed)';
    }
  }
  return replacements.length > 0 ? replaceTexts(before, replacements) : before;
}

/**
 * The bytes of the changed request. Splicing keeps every value the proxy did not change byte for byte,
 * so a client's invalid UTF-8 (decoded to U+FFFD by JSON.parse) is never rewritten outside the blocks the
 * proxy compressed. Should the splice not read back as the request meant, the whole request is
 * re-serialized instead (same JSON, fewer kept bytes).
 */
function serialize(raw: Uint8Array, body: Record<string, unknown>, next: Record<string, unknown>): Buffer {
  try {
    const spliced = spliceJson(raw, body, next);
    if (isDeepStrictEqual(JSON.parse(spliced.toString('utf8')), next)) return spliced;
  } catch {
    // fall through to the plain serialization
  }
  return Buffer.from(JSON.stringify(next));
}

/** The keys this request path issued into the request it sent (see `issuedKeys`); never throws. */
export function issuedKeysOf(prep: Prepared, raw: Uint8Array): Set<string> {
  try {
    // Both sides serialized the same way, so a key the client escaped (\u0068r_…) is still seen as the client's.
    const client = JSON.stringify(JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8')));
    return issuedKeys(prep.blocks, JSON.stringify(prep.json), client);
  } catch {
    return issuedKeys(prep.blocks); // a request too deep to re-serialize: the blocks still say
  }
}
