// What a request's bytes say before they are decoded: whether anything in them is for the request path
// to act on, and the top-level `model` and `stream`. A request with no tool traffic (a first turn, a
// 50 MB paste) is then forwarded without being built into a JS string and a parsed tree.

/**
 * Every tool result and tool call of every API shape has one of these quoted names in its bytes (a
 * block type, a role, an item type, a part name). A client that writes them with escapes (`\u0074ool`)
 * is just not compressed: the request goes as it came.
 */
const TOOL_TRAFFIC = [
  '"tool_result"', '"tool_use"', '"tool"', '"tool_calls"', '"function_call"', '"function_call_output"',
  '"custom_tool_call_output"', '"local_shell_call_output"', '"functionResponse"', '"functionCall"', '"function_response"',
].map((s) => Buffer.from(s));

export interface Sniffed {
  /** The bytes name a tool result or call somewhere (maybe only inside a text: then the parse decides). */
  toolTraffic: boolean;
  /** Read only when there is no tool traffic (otherwise the request is parsed). */
  model?: string;
  stream: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The quote at `at` is escaped: an odd run of backslashes precedes it. */
function escaped(bytes: Buffer, at: number): boolean {
  let n = 0;
  while (at - 1 - n >= 0 && bytes[at - 1 - n] === BACKSLASH) n++;
  return n % 2 === 1;
}

/**
 * Reads the bytes once for the top-level `"model"` string and `"stream": true`, without decoding
 * anything else: nesting and strings are tracked, so a `model` key inside a message does not count.
 */
export function sniffRequest(raw: Uint8Array): Sniffed {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Sniffed = { toolTraffic: TOOL_TRAFFIC.some((t) => bytes.includes(t)), stream: false };
  // With tool traffic the request is parsed anyway, and the parse says the rest.
  if (out.toolTraffic) return out;
  let depth = 0;
  let key: string | undefined;
  let expectKey = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      const start = i + 1;
      let end = bytes.indexOf(QUOTE, start);
      while (end !== -1 && escaped(bytes, end)) end = bytes.indexOf(QUOTE, end + 1);
      if (end === -1) break;
      i = end;
      if (depth !== 1) continue;
      const text = bytes.subarray(start, i);
      if (expectKey) {
        // Keys of interest are plain ASCII; anything longer is no key we want.
        key = text.length <= 6 ? text.toString('latin1') : '';
        expectKey = false;
      } else if (key === 'model') {
        try {
          out.model = JSON.parse(`"${text.toString('utf8')}"`) as string;
        } catch {
          // an undecodable name: left unknown
        }
      }
      continue;
    }
    if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth === 1 && b === 0x7b) expectKey = true;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && b === 0x2c) {
      expectKey = true;
      key = undefined;
    } else if (depth === 1 && key === 'stream' && b === 0x74 /* t of true */) {
      out.stream = true;
      key = undefined;
    }
  }
  return out;
}
