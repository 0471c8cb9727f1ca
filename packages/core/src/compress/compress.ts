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
}

/**
 * Whether a tool output is compressed at all: not a tiny one, not one of an excluded (file-reading and
 * -editing) tool, not one that fetches an original back. `prepare` asks the same for its sticky bytes.
 */
export function isCompressible(t: ToolText, excluded: ReadonlySet<string>, minChars: number): boolean {
  return t.text.length >= minChars && !(t.tool !== undefined && excluded.has(t.tool)) && !t.fetchesOriginal;
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
  const replacements: { message: number; path: (string | number)[]; text: string }[] = [];
  // The model directory is looked up once per call (two stats), not once per tool result.
  const modelDir = options.kompress === false ? undefined : (options.kompress?.modelDir ?? resolveKompressModel());
  const kompress = modelDir ? { ...options.kompress, modelDir } : false;
  for (const t of findToolTexts(messages)) {
    options.signal?.throwIfAborted();
    if (!isCompressible(t, excluded, minChars)) continue;
    // The question asked before this tool ran, not the latest one: a later turn (even after a restart
    // that lost the memo) then compresses the same result with the same query into the same bytes.
    const query = options.query ?? lastUserText(messages, t.message);
    const r = await compressText(t.text, {
      ...(query !== undefined ? { query } : {}),
      ...(options.model ? { model: options.model } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.store !== undefined ? { store: options.store } : {}),
      ...(options.ccrDir ? { ccrDir: options.ccrDir } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      kompress,
    });
    diagnostics.push(...r.diagnostics);
    blocks.push({ message: t.message, path: t.path, ...(t.tool ? { tool: t.tool } : {}), ...r.stats });
    if (r.text !== t.text) replacements.push({ message: t.message, path: t.path, text: r.text });
  }
  return {
    messages: replacements.length > 0 ? replaceTexts(messages, replacements) : messages.slice(),
    blocks,
    tokensBefore: blocks.reduce((n, b) => n + b.tokensBefore, 0),
    tokensAfter: blocks.reduce((n, b) => n + b.tokensAfter, 0),
    diagnostics,
  };
}
