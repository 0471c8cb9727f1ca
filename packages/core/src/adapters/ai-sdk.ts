// `headroomMiddleware()` for the Vercel AI SDK: `wrapLanguageModel({ model, middleware })` compresses the
// tool results in the prompt before every call, streaming or not, whatever the provider — through the
// proxy's request path (`prepare`: budget, fail-open, sticky bytes, the store). The prompt is the AI
// SDK's own shape, not a provider's, so only the tool-result texts `prepare` changed are written back
// into it; everything else (files and images as bytes, provider options) stays the caller's objects.
// When the prompt then carries our markers, the call offers `headroom_retrieve`, and the model's calls
// of it are answered in process by the proxy's retrieval rounds (the AI SDK dialect), for
// `generateText` and `streamText` alike: the caller never sees the tool.
import type { LanguageModelMiddleware } from 'ai';
import { DEFAULT_MIN_CHARS } from '../compress/options.js';
import { findToolTexts, replaceTexts, type ToolText } from '../compress/shapes.js';
import { aiSdk } from '../conversation/dialects/ai-sdk.js';
import { retrieveRounds, retrieveStream, type RoundsContext } from '../conversation/loop.js';
import { issuedKeysOf, prepare } from '../conversation/prepare.js';
import { chunksOf, streamOf } from '../conversation/reply.js';
import { aiSdkRetrieveTool, RETRIEVE_TOOL } from '../conversation/retrieve-tool.js';
import type { CcrStore } from '../store/types.js';
import { answerer, Session, type HeadroomOptions } from './options.js';

type Params = Parameters<NonNullable<LanguageModelMiddleware['transformParams']>>[0]['params'];
type Prompt = Params['prompt'];
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Tool results the AI SDK carries as JSON values (`output: {type:'json'}`) are compressed as the text
 * the providers would send (`JSON.stringify`); one that compresses is sent as that text (`type:'text'`).
 * Returns the prompt with those outputs as text, and the original part of each, by position.
 */
function jsonAsText(prompt: readonly unknown[], minChars: number): { view: unknown[]; converted: Map<string, unknown> } {
  const converted = new Map<string, unknown>();
  const view = prompt.map((m, mi) => {
    if (!isObj(m) || m.role !== 'tool' || !Array.isArray(m.content)) return m;
    let content: unknown[] | undefined;
    m.content.forEach((p, pi) => {
      if (!isObj(p) || p.type !== 'tool-result' || !isObj(p.output) || (p.output.type !== 'json' && p.output.type !== 'error-json')) return;
      const text = JSON.stringify(p.output.value);
      if (text === undefined || text.length < minChars) return;
      content ??= [...(m.content as unknown[])];
      content[pi] = { ...p, output: { type: p.output.type === 'json' ? 'text' : 'error-text', value: text } };
      converted.set(`${mi}/${pi}`, p);
    });
    return content ? { ...m, content } : m;
  });
  return { view, converted };
}

function textAt(messages: readonly unknown[], t: ToolText): unknown {
  let node: unknown = messages[t.message];
  for (const k of t.path) node = (node as Record<string | number, unknown> | undefined)?.[k];
  return node;
}

/** Bytes (file and image parts) are not text to compress: they are left out of the view `prepare` reads. */
const withoutBytes = (_key: string, v: unknown) => (v instanceof Uint8Array || v instanceof ArrayBuffer ? '' : v instanceof URL ? v.href : v);

type Call = Parameters<NonNullable<LanguageModelMiddleware['wrapGenerate']>>[0];

/** What a prepared call needs to answer `headroom_retrieve`: the keys issued into it and their store. */
interface Retrieval {
  store: CcrStore | undefined;
  issued: Set<string>;
}

export function headroomMiddleware(options: HeadroomOptions = {}): LanguageModelMiddleware {
  const session = new Session(options);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  // By the params object transformParams returned: the AI SDK hands that same object to wrapGenerate/wrapStream.
  const retrievals = new WeakMap<object, Retrieval>();
  const rounds = (params: Params, r: Retrieval): RoundsContext => ({
    body: params as unknown as Json,
    maxRounds: options.maxRetrieveRounds ?? 3,
    memory: session.memory,
    answer: answerer(r.store, r.issued),
    onUsage: () => {},
  });
  return {
    specificationVersion: 'v3',
    transformParams: async ({ params, model }) => {
      const prompt = params.prompt as readonly unknown[];
      const { view, converted } = jsonAsText(prompt, minChars);
      const store = await session.ready();
      let raw: Uint8Array;
      try {
        raw = Buffer.from(JSON.stringify({ model: model.modelId, messages: view }, withoutBytes));
      } catch {
        return params; // not serializable (a cycle): sent as it came
      }
      const prep = await prepare('chat', raw, session.prepareOptions(store));
      const sent = prep.json?.messages;
      if (!prep.changed || !Array.isArray(sent)) return params;
      const replacements: { message: number; path: (string | number)[]; text: string }[] = [];
      const compressed = new Set<string>();
      for (const t of findToolTexts(view)) {
        const now = textAt(sent, t);
        if (typeof now !== 'string' || now === t.text) continue;
        replacements.push({ message: t.message, path: t.path, text: now });
        compressed.add(`${t.message}/${t.path[1]}`);
      }
      if (replacements.length === 0) return params;
      const out = replaceTexts(view, replacements);
      // A JSON output that did not compress goes as the caller gave it.
      for (const [at, part] of converted) {
        if (compressed.has(at)) continue;
        const [mi, pi] = at.split('/').map(Number) as [number, number];
        const m = out[mi] as Json;
        out[mi] = { ...m, content: (m.content as unknown[]).map((p, i) => (i === pi ? part : p)) };
      }
      // A caller that declares its own `headroom_retrieve` keeps it: nothing is added or intercepted.
      const own = (params.tools ?? []).some((t) => t.name === RETRIEVE_TOOL);
      if (!prep.retrieval || options.retrieve === false || own) return { ...params, prompt: out as Prompt };
      const next: Params = { ...params, prompt: out as Prompt, tools: [...(params.tools ?? []), aiSdkRetrieveTool() as NonNullable<Params['tools']>[number]] };
      retrievals.set(next, { store, issued: issuedKeysOf(prep, raw) });
      return next;
    },
    wrapGenerate: async ({ doGenerate, params, model }: Call) => {
      const result = await doGenerate();
      const r = retrievals.get(params);
      if (!r) return result;
      const out = await retrieveRounds(rounds(params, r), aiSdk, result as unknown as Json, async (body) => (await model.doGenerate(body as unknown as Params)) as unknown as Json);
      return out.reply ? (out.reply as unknown as typeof result) : result;
    },
    wrapStream: async ({ doStream, params, model }) => {
      const result = await doStream();
      const r = retrievals.get(params);
      if (!r) return result;
      const parts = retrieveStream<Json, Json>(rounds(params, r), aiSdk, aiSdk.streamer(), chunksOf(result.stream as ReadableStream<Json>), {
        next: async (body) => {
          try {
            return { events: chunksOf((await model.doStream(body as unknown as Params)).stream as ReadableStream<Json>) };
          } catch (error) {
            return { failed: { type: 'error', error } }; // the stream ends with the SDK's error part
          }
        },
        raw: (p) => p,
      });
      return { ...result, stream: streamOf(parts) as typeof result.stream };
    },
  };
}

export type { HeadroomOptions } from './options.js';
