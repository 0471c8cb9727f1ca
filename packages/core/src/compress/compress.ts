import { resolveKompressModel } from '../kompress/locate.js';
import { compressText, type TextStats } from './compress-text.js';
import { DEFAULT_EXCLUDED_TOOLS, DEFAULT_MIN_CHARS, type CompressOptions } from './options.js';
import { findToolTexts, lastUserText, replaceTexts, type ToolText } from './shapes.js';

export interface BlockStats extends TextStats {
  /** Index of the message (or Responses input item) holding the tool output. */
  message: number;
  /** Property path of the text inside that message. */
  path: (string | number)[];
  tool?: string;
}

export interface CompressResult<T> {
  messages: T[];
  /** One entry per tool output that was considered (excluded tools and tiny outputs are not listed). */
  blocks: BlockStats[];
  tokensBefore: number;
  tokensAfter: number;
  diagnostics: string[];
  /** With `deferCounts`, when some counts were not known yet: settles once all are in (it never rejects). */
  counted?: Promise<void>;
}

/**
 * Whether a tool output is compressed at all: not a tiny one, not one of an excluded (file-reading and
 * -editing) tool, not one that fetches an original back. `prepare` asks the same for its sticky bytes.
 */
export function isCompressible(t: ToolText, excluded: ReadonlySet<string>, minChars: number): boolean {
  return t.text.length >= minChars && !(t.tool !== undefined && excluded.has(t.tool)) && !t.fetchesOriginal;
}

/**
 * Tool results compressed at once: each runs on the libuv pool (4 threads by default), so a request's
 * results use every core, while a huge request does not hold all its outputs in flight together.
 */
const PARALLEL_BLOCKS = 4;

/** `f` over `items` with at most `limit` calls pending; results in input order, the first rejection rejects. */
async function inParallel<I, O>(items: readonly I[], limit: number, f: (item: I) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Compresses the tool outputs in a message list (Anthropic Messages, OpenAI Chat, or OpenAI Responses
 * input items) and returns a new list; the input is not modified. Never throws for bad content: a block
 * that cannot be compressed stays as it was and the reason is in `diagnostics` / `blocks[].skipped`.
 */
export async function compress<T>(messages: readonly T[], options: CompressOptions = {}): Promise<CompressResult<T>> {
  const excluded = new Set(options.excludeTools ?? DEFAULT_EXCLUDED_TOOLS);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const blocks: BlockStats[] = [];
  const diagnostics: string[] = [];
  const counting: Promise<void>[] = [];
  const replacements: { message: number; path: (string | number)[]; text: string }[] = [];
  // The model directory is looked up once per call (two stats), not once per tool result.
  const modelDir = options.kompress === false ? undefined : (options.kompress?.modelDir ?? resolveKompressModel());
  const kompress = modelDir ? { ...options.kompress, modelDir } : false;
  const texts = findToolTexts(messages).filter((t) => isCompressible(t, excluded, minChars));
  const one = (t: ToolText) => {
    options.signal?.throwIfAborted();
    // The question asked before this tool ran, not the latest one: a later turn (even after a restart
    // that lost the memo) then compresses the same result with the same query into the same bytes.
    const query = options.query ?? lastUserText(messages, t.message);
    return compressText(t.text, {
      ...(query !== undefined ? { query } : {}),
      ...(options.model ? { model: options.model } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.store !== undefined ? { store: options.store } : {}),
      ...(options.ccrDir ? { ccrDir: options.ccrDir } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.deferCounts ? { deferCounts: true } : {}),
      kompress,
    });
  };
  const results = await inParallel(texts, PARALLEL_BLOCKS, one);
  texts.forEach((t, i) => {
    const r = results[i]!;
    diagnostics.push(...r.diagnostics);
    const block: BlockStats = { message: t.message, path: t.path, ...(t.tool ? { tool: t.tool } : {}), ...r.stats };
    blocks.push(block);
    if (r.counted) {
      counting.push(
        r.counted.then(() => {
          block.tokensBefore = r.stats.tokensBefore;
          block.tokensAfter = r.stats.tokensAfter;
        }),
      );
    }
    if (r.text !== t.text) replacements.push({ message: t.message, path: t.path, text: r.text });
  });
  const result: CompressResult<T> = {
    messages: replacements.length > 0 ? replaceTexts(messages, replacements) : messages.slice(),
    blocks,
    tokensBefore: 0,
    tokensAfter: 0,
    diagnostics,
  };
  const total = (): void => {
    result.tokensBefore = blocks.reduce((n, b) => n + b.tokensBefore, 0);
    result.tokensAfter = blocks.reduce((n, b) => n + b.tokensAfter, 0);
  };
  total();
  if (counting.length > 0) result.counted = Promise.all(counting).then(total);
  return result;
}
