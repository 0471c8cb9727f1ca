/**
 * Where tool output lives in the three message shapes Headroom speaks, and how to put compressed text
 * back. Only tool-output text is ever touched: user and system text, tool calls, thinking blocks,
 * signatures and images pass through as the same objects.
 *
 * - Anthropic Messages: `{role:'user', content:[{type:'tool_result', tool_use_id, content}]}`, where
 *   `content` is a string or text/image blocks; the tool's name is on the assistant's `tool_use`.
 * - OpenAI Chat: `{role:'tool', tool_call_id, content}` (string or text parts); the name is on the
 *   assistant's `tool_calls[].function.name`.
 * - OpenAI Responses input items: `{type:'function_call_output', call_id, output}` (also custom and
 *   local-shell tool outputs); the name is on the `function_call` item with the same `call_id`.
 * - Vercel AI SDK prompts (LanguageModelV2/V3): `{role:'tool', content:[{type:'tool-result', toolCallId,
 *   toolName, output}]}` where `output` is `{type:'text'|'error-text', value}` or `{type:'content', value:
 *   [text parts…]}` (`json` outputs are objects: the AI SDK middleware turns them into text first).
 * - Gemini `contents`: `{role:'user', parts:[{functionResponse:{name, id?, response:{…}}}]}`; `response`
 *   is the tool's own object, so each of its top-level strings (`output`, `result`, `content`, `error`…)
 *   or text-part lists is a tool text. Objects inside it are left as they are: rewriting one into a
 *   string would change what the tool returned.
 */

type Json = Record<string, unknown>;

export interface ToolText {
  /** Index of the message or input item. */
  message: number;
  /** Property path inside that message to the string, e.g. `['content', 2, 'content', 0, 'text']`. */
  path: (string | number)[];
  text: string;
  tool?: string;
  /**
   * The call that produced it names a CCR key (`cat ~/.headroom/ccr/hr_…`, `headroom retrieve hr_…`): the
   * agent is fetching an original back with its own tool, so the output goes to the model as it is.
   */
  fetchesOriginal?: true;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const CCR_KEY = /\bhr_[0-9a-f]{24}\b/;

/** Calls by id: the tool's name, and whether the call's arguments name a CCR key. */
interface Calls {
  names: Map<string, string>;
  fetching: Set<string>;
}

function toolCalls(messages: readonly unknown[]): Calls {
  const names = new Map<string, string>();
  const fetching = new Set<string>();
  const call = (id: unknown, name: unknown, args: unknown) => {
    if (typeof id !== 'string') return;
    if (typeof name === 'string') names.set(id, name);
    if (CCR_KEY.test(typeof args === 'string' ? args : (JSON.stringify(args) ?? ''))) fetching.add(id);
  };
  for (const m of messages) {
    if (!isObj(m)) continue;
    if (Array.isArray(m.content)) {
      for (const b of m.content) if (isObj(b) && b.type === 'tool_use') call(b.id, b.name, b.input);
    }
    if (Array.isArray(m.tool_calls)) {
      for (const c of m.tool_calls) if (isObj(c) && isObj(c.function)) call(c.id, c.function.name, c.function.arguments);
    }
    if (m.type === 'function_call') call(m.call_id, m.name, m.arguments);
    if (m.type === 'custom_tool_call') call(m.call_id, m.name, m.input);
    if (m.type === 'local_shell_call') call(m.call_id, 'local_shell', m.action);
  }
  return { names, fetching };
}

/** Text parts of a tool output value: the string itself, or each `{type:'text'|'input_text'|'output_text', text}`. */
function texts(value: unknown, path: (string | number)[], out: { path: (string | number)[]; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) {
    value.forEach((part, i) => {
      if (isObj(part) && typeof part.text === 'string' && ['text', 'input_text', 'output_text'].includes(part.type as string)) {
        out.push({ path: [...path, i, 'text'], text: part.text });
      }
    });
  }
}

export function findToolTexts(messages: readonly unknown[]): ToolText[] {
  const { names, fetching } = toolCalls(messages);
  const about = (id: unknown) => (typeof id === 'string' ? { ...(names.has(id) ? { tool: names.get(id)! } : {}), ...(fetching.has(id) ? { fetchesOriginal: true as const } : {}) } : {});
  const found: ToolText[] = [];
  messages.forEach((m, message) => {
    if (!isObj(m)) return;
    const parts: { path: (string | number)[]; text: string; tool?: string; fetchesOriginal?: true }[] = [];
    if (m.role === 'tool' && Array.isArray(m.content) && m.content.some((p) => isObj(p) && p.type === 'tool-result')) {
      m.content.forEach((p, i) => {
        if (!isObj(p) || p.type !== 'tool-result' || !isObj(p.output)) return;
        const o = p.output;
        const local: { path: (string | number)[]; text: string }[] = [];
        if (o.type === 'text' || o.type === 'error-text' || o.type === 'content') texts(o.value, ['content', i, 'output', 'value'], local);
        const tool = typeof p.toolName === 'string' ? p.toolName : undefined;
        for (const t of local) parts.push({ ...t, ...(tool ? { tool } : {}) });
      });
    } else if (m.role === 'tool') {
      const local: { path: (string | number)[]; text: string }[] = [];
      texts(m.content, ['content'], local);
      for (const p of local) parts.push({ ...p, ...about(m.tool_call_id) });
    } else if (Array.isArray(m.content) && m.role === 'user') {
      m.content.forEach((b, i) => {
        if (!isObj(b) || b.type !== 'tool_result') return;
        const local: { path: (string | number)[]; text: string }[] = [];
        texts(b.content, ['content', i, 'content'], local);
        for (const p of local) parts.push({ ...p, ...about(b.tool_use_id) });
      });
    } else if (Array.isArray(m.parts)) {
      m.parts.forEach((p, i) => {
        const f = isObj(p) ? p.functionResponse : undefined;
        if (!isObj(f) || !isObj(f.response)) return;
        const tool = typeof f.name === 'string' ? f.name : undefined;
        for (const [k, v] of Object.entries(f.response)) {
          const local: { path: (string | number)[]; text: string }[] = [];
          texts(v, ['parts', i, 'functionResponse', 'response', k], local);
          for (const t of local) parts.push({ ...t, ...(tool ? { tool } : {}) });
        }
      });
    } else if (['function_call_output', 'custom_tool_call_output', 'local_shell_call_output'].includes(m.type as string)) {
      const local: { path: (string | number)[]; text: string }[] = [];
      texts(m.output, ['output'], local);
      for (const p of local) parts.push({ ...p, ...about(m.call_id) });
    }
    for (const p of parts) found.push({ message, ...p });
  });
  return found;
}

/**
 * The text of the last user message before index `end` (string content, its text blocks, or Gemini's
 * text parts): the question a tool result was fetched to answer.
 */
export function lastUserText(messages: readonly unknown[], end = messages.length): string | undefined {
  for (let i = end - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObj(m) || m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      const t = m.content
        .filter((b): b is Json => isObj(b) && (b.type === 'text' || b.type === 'input_text') && typeof b.text === 'string')
        .map((b) => b.text as string)
        .join('\n');
      if (t) return t;
    }
    if (Array.isArray(m.parts)) {
      const t = m.parts.filter((p): p is Json => isObj(p) && typeof p.text === 'string' && p.thought !== true).map((p) => p.text as string).join('\n');
      if (t) return t;
    }
  }
  return undefined;
}

/**
 * Returns a copy of `messages` with the given strings replaced. Only the messages that change are
 * copied; every other message is the caller's own object.
 */
export function replaceTexts<T>(messages: readonly T[], replacements: { message: number; path: (string | number)[]; text: string }[]): T[] {
  const out = messages.slice();
  const copied = new Set<number>();
  for (const r of replacements) {
    if (!copied.has(r.message)) {
      out[r.message] = structuredClone(out[r.message]) as T;
      copied.add(r.message);
    }
    let node = out[r.message] as unknown as Record<string | number, unknown>;
    for (const key of r.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[r.path[r.path.length - 1]!] = r.text;
  }
  return out;
}
