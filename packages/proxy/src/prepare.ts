// The request path: compress tool results inside the time budget, put back hidden retrieval exchanges,
// add the retrieve tool when the history carries markers. Anything that goes wrong sends the original.
import { isDeepStrictEqual } from 'node:util';
import { compress, DEFAULT_EXCLUDED_TOOLS, type BlockStats, type OriginalSink, type Profile } from '@headroom/core';
import { clientHasRetrieveTool, hasMarker, injectRetrieveTool, RETRIEVE_TOOL, type Api } from './retrieve-tool.js';
import type { SpliceMemory } from './retrieval/splice-memory.js';
import { spliceJson } from './splice.js';

export interface PrepareOptions {
  budgetMs: number;
  profile: Profile;
  /** Where originals go; without one nothing is compressed (the caller sets `bypass`). */
  store: OriginalSink | undefined;
  bypass: boolean;
  memory: SpliceMemory;
  minChars?: number;
}

export interface Prepared {
  /** The bytes to send upstream: the client's own bytes when nothing changed. */
  body: Uint8Array;
  /** The parsed request as sent (after changes), when it was a JSON object. */
  json?: Record<string, unknown>;
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
}

/** Results of `headroom_retrieve` are originals the model asked for: never compress them again. */
const EXCLUDED = [...DEFAULT_EXCLUDED_TOOLS, RETRIEVE_TOOL];

export function historyKey(api: Api): 'messages' | 'input' {
  return api === 'responses' ? 'input' : 'messages';
}

/**
 * Every failure on the way (a throw from compression, from restoring hidden exchanges, from
 * re-serializing a request nested too deep for `JSON.stringify`, …) sends the client's original bytes.
 */
export async function prepare(api: Api, raw: Uint8Array, o: PrepareOptions): Promise<Prepared> {
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

async function prepareOrThrow(api: Api, raw: Uint8Array, o: PrepareOptions): Promise<Prepared> {
  const untouched = untouchedFor(raw);
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

  let messages: unknown[] = history;
  let changed = false;
  const restored = o.memory.restore(api, messages);
  if (restored) {
    messages = restored;
    changed = true;
  }
  const out: Prepared = { ...base };
  if (!o.bypass) {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const overrun = new Promise<'overrun'>((resolve) => {
        timer = setTimeout(() => resolve('overrun'), o.budgetMs);
      });
      const result = await Promise.race([
        compress(messages, {
          profile: o.profile,
          excludeTools: EXCLUDED,
          ...(o.store ? { store: o.store } : {}),
          ...(base.model ? { model: base.model } : {}),
          ...(o.minChars !== undefined ? { minChars: o.minChars } : {}),
        }),
        overrun,
      ]);
      if (result === 'overrun') out.failOpen = `compression overran the ${o.budgetMs} ms budget`;
      else {
        out.blocks = result.blocks;
        out.tokensBefore = result.tokensBefore;
        out.tokensAfter = result.tokensAfter;
        if (result.messages.some((m, i) => m !== messages[i])) {
          messages = result.messages;
          changed = true;
        }
      }
    } catch (err) {
      out.failOpen = `compression failed: ${(err as Error).message}`;
    } finally {
      clearTimeout(timer);
      out.compressMs = performance.now() - started;
    }
  }
  const next: Record<string, unknown> = { ...body, [field]: messages };
  // Decided from the history alone, which only grows: once a conversation has a marker, every later
  // request carries the tool too (no flapping of the tool list).
  // Markers are either new (a block of this request stored an original) or already in the client's
  // bytes (from an MCP tool, or restored from a hidden exchange): no need to re-serialize to look.
  const marked = out.blocks.some((b) => b.keys.length > 0) || hasMarker(text) || (restored !== undefined && hasMarker(JSON.stringify(restored)));
  if (!clientHasRetrieveTool(api, body) && marked) {
    out.retrieval = true;
    injectRetrieveTool(api, next);
    changed = true;
  }
  if (!changed) return out;
  return { ...out, body: serialize(raw, body, next), json: next, changed: true };
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
