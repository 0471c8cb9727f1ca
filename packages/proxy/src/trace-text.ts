// The texts behind a trace: what was sent upstream for each block (kept in the ring), and the original
// of each compressed block, read back from the CCR store when a request is viewed rather than held in
// memory.
import { ccrKey, DEFAULT_EXCLUDED_TOOLS, DEFAULT_MIN_CHARS, findToolTexts, type CcrStore, type OriginalSink } from '@headroom/core';
import { historyKey, RETRIEVE_TOOL, type Prepared, type RequestShape } from '@headroom/core/conversation';
import type { TraceRing } from './trace-ring.js';
import type { RequestTrace } from './trace.js';

const isObj = (v: unknown): v is Record<string | number, unknown> => typeof v === 'object' && v !== null;

function textAt(history: unknown, message: number, path: (string | number)[]): string {
  let node: unknown = Array.isArray(history) ? history[message] : undefined;
  for (const k of path) node = isObj(node) ? node[k] : undefined;
  return typeof node === 'string' ? node : '';
}

/** The text each block went upstream as (the client's own text when it was sent as it came). */
export function sentTexts(api: RequestShape, prep: Prepared): string[] {
  const history = prep.json?.[historyKey(api)];
  return prep.blocks.map((b) => textAt(history, b.message, b.path));
}

/**
 * Records, for each compressed block, the key of its whole original and makes sure the store holds it
 * (a compressor may have stored only the parts it omitted). A text an earlier turn sent already has
 * its key. Otherwise the client's history, as prepare() parsed it (compression never modifies it), is
 * read here, off the request path: the blocks are its tool results of at least `minChars` characters from tools not excluded, in order (hidden retrieval
 * exchanges put back into the history are excluded results), so they pair up one to one; anything that
 * does not pair up is left without an original.
 */
export async function keepOriginals(prep: Prepared, trace: RequestTrace, ring: TraceRing, sink: OriginalSink | undefined, minChars = DEFAULT_MIN_CHARS): Promise<void> {
  const sent = ring.get(trace.id)?.sent;
  if (!sink || !sent) return;
  let unknown = false;
  for (const [i, b] of trace.blocks.entries()) {
    if (!b.transform) continue;
    const known = ring.originalKeyOf(sent[i]!);
    if (known) b.originalKey = known;
    else unknown = true;
  }
  if (!unknown) return;
  // Set whenever there are blocks: compress() ran on that history.
  const history = prep.clientHistory;
  if (!history) return;
  const excluded = new Set([...DEFAULT_EXCLUDED_TOOLS, RETRIEVE_TOOL]);
  const eligible = findToolTexts(history).filter((t) => t.text.length >= minChars && !(t.tool !== undefined && excluded.has(t.tool)));
  if (eligible.length !== trace.blocks.length) return;
  for (const [i, b] of trace.blocks.entries()) {
    const t = eligible[i]!;
    if (!b.transform || b.originalKey || t.tool !== b.tool) continue;
    const key = ccrKey(t.text);
    try {
      if (!b.keys.includes(key)) await sink.put(key, t.text);
      b.originalKey = key;
      ring.noteOriginal(sent[i]!, key);
    } catch {
      // the view says the original is not available; the request itself is long gone
    }
  }
}

export interface BlockTexts {
  /** What went upstream. */
  compressed: string;
  /** The client's text: the same as `compressed` for a block sent as it came, else from the store. */
  original: string | null;
  /** Why `original` is null (evicted, expired, store closed). */
  originalMissing?: string;
}

/** The texts of every block of a traced request; never throws. */
export async function blockTexts(trace: RequestTrace, sent: string[], store: CcrStore | undefined): Promise<BlockTexts[]> {
  return Promise.all(
    trace.blocks.map(async (b, i): Promise<BlockTexts> => {
      const compressed = sent[i] ?? '';
      if (!b.transform) return { compressed, original: compressed };
      if (!b.originalKey) return { compressed, original: null, originalMissing: 'the original of this block was not recorded' };
      if (!store) return { compressed, original: null, originalMissing: 'the CCR store is not open' };
      const r = await store.get(b.originalKey);
      return r.found ? { compressed, original: r.content } : { compressed, original: null, originalMissing: r.message };
    }),
  );
}
