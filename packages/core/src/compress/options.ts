import type { ContentType as NativeContentType, Language as NativeLanguage, Profile as NativeProfile } from '@headroom/native';

// The names are declared once, with what each means, by the native addon (crates/headroom-napi/src/names.rs).

/** How hard to compress: `safe`, `balanced` or `aggressive`. */
export type Profile = `${NativeProfile}`;

/** Content types the router knows; pass one as `contentType` to skip detection. */
export type ContentType = `${NativeContentType}`;

/** Languages whose source Headroom parses. */
export type Language = `${NativeLanguage}`;

// Runtime lists for option parsers (the CLI, the proxy) without loading the addon. Typed as records, so
// a name missing from the addon's enum, or one it does not have, does not compile.
const PROFILE_NAMES: Record<Profile, true> = { safe: true, balanced: true, aggressive: true };
const CONTENT_TYPE_NAMES: Record<ContentType, true> = {
  json: true,
  jsonl: true,
  log: true,
  search: true,
  diff: true,
  code: true,
  html: true,
  prose: true,
  table: true,
  listing: true,
  unknown: true,
};

export const PROFILES = Object.keys(PROFILE_NAMES) as readonly Profile[];
export const CONTENT_TYPES = Object.keys(CONTENT_TYPE_NAMES) as readonly ContentType[];

/** Where compressed originals go. Structural, so any store (SQLite, Redis, in-memory) fits. */
export interface OriginalSink {
  put(key: string, content: string): Promise<void>;
  /** Where the sink materialises originals as `<filesDir>/<key>`, named in markers as `file=`. */
  readonly filesDir?: string | undefined;
}

/**
 * Results of tools that read or write files are ground truth the agent asked for: they pass through
 * untouched. Names cover Claude Code, Codex, Cursor, OpenCode and the MCP filesystem server.
 */
export const DEFAULT_EXCLUDED_TOOLS: readonly string[] = [
  'Read',
  'Edit',
  'MultiEdit',
  'Write',
  'NotebookEdit',
  'NotebookRead',
  'read_file',
  'write_file',
  'edit_file',
  'apply_patch',
  'str_replace_based_edit_tool',
];

/** How the ML prose compressor runs when a model is installed. */
export interface KompressChoice {
  /** @default `HEADROOM_KOMPRESS_MODEL`, else the installed default model */
  modelDir?: string;
  /** After this many milliseconds the model stops and the extractive result is used. @default 2000 */
  budgetMs?: number;
  /** ONNX Runtime threads per operator. @default 1 */
  threads?: number;
}

export interface CompressOptions {
  /** The user's question; defaults, per tool result, to the last user message before it. */
  query?: string;
  /** Model whose tokenizer counts the savings. @default 'gpt-4o' */
  model?: string;
  /** @default 'balanced' */
  profile?: Profile;
  /** Tool results shorter than this many characters pass through. @default 2000 */
  minChars?: number;
  /** Tool names whose results are never compressed. @default DEFAULT_EXCLUDED_TOOLS */
  excludeTools?: readonly string[];
  /**
   * Where originals are stored for retrieval. @default the configured CCR store (`openStore()`).
   * `false` stores nothing: the caller keeps the originals (markers still carry their keys).
   */
  store?: OriginalSink | false;
  /** The directory markers name as `file=<dir>/<key>`. @default the store's `filesDir` */
  ccrDir?: string;
  /**
   * Reuse the first compression of identical content (keyed by content hash and profile, not the
   * query), so every later turn resends identical bytes and the provider's prompt cache keeps hitting.
   * @default true
   */
  cache?: boolean;
  /** Kompress (the ML prose compressor) when a model is installed; `false` never uses it. See `CompressTextOptions.kompress`. */
  kompress?: false | KompressChoice;
  /**
   * Once aborted, no further tool result is compressed, the one being compressed stops at the native
   * engine's next step, and the promise rejects with the signal's reason: a caller that stopped waiting
   * leaves no work behind.
   */
  signal?: AbortSignal;
  /**
   * Return as soon as the tool results are compressed and count their tokens afterwards, on the thread
   * pool: `counted` settles once every `tokensBefore`/`tokensAfter` (blocks and totals) holds its exact
   * count, and until then the counts not yet known read 0. A proxy sends the request meanwhile, so
   * counting never delays it. Counts the memo already holds are there at once.
   * @default false
   */
  deferCounts?: boolean;
}

export const DEFAULT_MIN_CHARS = 2000;

/** Compression time budget per request in the proxy and the client adapters: past it the request goes as it was. */
export const DEFAULT_BUDGET_MS = 2000;
