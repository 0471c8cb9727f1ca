// The `headroom_retrieve` tool the proxy adds to requests whose history carries omission markers.
// Its definition is a constant: the same bytes on every request, so the provider's prompt cache holds.

export type Api = 'anthropic' | 'chat' | 'responses';

export const RETRIEVE_TOOL = 'headroom_retrieve';

const DESCRIPTION =
  'Fetch the exact original content that Headroom omitted from a tool result. Call it with the key from a ' +
  'Headroom marker (`key=hr_` followed by 24 hex digits) when you need the omitted part.';

const PARAMETERS = {
  type: 'object',
  properties: { key: { type: 'string', description: 'The key=hr_… value from the marker.' } },
  required: ['key'],
} as const;

const DEFINITIONS: Record<Api, Record<string, unknown>> = {
  anthropic: { name: RETRIEVE_TOOL, description: DESCRIPTION, input_schema: PARAMETERS },
  chat: { type: 'function', function: { name: RETRIEVE_TOOL, description: DESCRIPTION, parameters: PARAMETERS } },
  responses: { type: 'function', name: RETRIEVE_TOOL, description: DESCRIPTION, parameters: PARAMETERS, strict: false },
};

/** The tool as a Vercel AI SDK function tool (LanguageModelV3FunctionTool), for the SDK middleware. */
export function aiSdkRetrieveTool(): Record<string, unknown> {
  return { type: 'function', name: RETRIEVE_TOOL, description: DESCRIPTION, inputSchema: structuredClone(PARAMETERS) };
}

/** A fresh copy of the tool definition for this API (callers may mutate the request they build). */
export function retrieveToolDefinition(api: Api): Record<string, unknown> {
  return structuredClone(DEFINITIONS[api]);
}

const MARKER_KEY = /\[headroom: omitted [^\]]*key=hr_[0-9a-f]{24}/;

/**
 * True when some text looks like it carries a Headroom marker. Shape only: never a reason to add the tool
 * or answer a key, since anyone can quote a marker (a tool result of documentation, another conversation's
 * key pasted in). Retrieval goes by `issuedKeys` / `issuedMarkers`.
 */
export function hasMarker(serialized: string): boolean {
  return MARKER_KEY.test(serialized);
}

const MARKER_KEYS = /\[headroom: omitted [^\]]*?key=(hr_[0-9a-f]{24})/g;

/** The keys of every marker-shaped text in `serialized`. */
export function markerKeys(serialized: string): Set<string> {
  return new Set(Array.from(serialized.matchAll(MARKER_KEYS), (m) => m[1]!));
}

/**
 * The keys of the markers this proxy wrote into this request: those of the blocks its own compression
 * rewrote (memo hits included), and those of markers in the request as sent (`sent`) whose key the
 * client's request (`client`; both serialized by `JSON.stringify`) does not mention: text the proxy
 * wrote, such as a result resent as decided on an earlier turn. The history only grows, so every earlier
 * turn's markers are issued again. A key the client sent itself (quoted documentation, a key pasted from
 * another conversation) is not issued: the clients hold originals, never markers.
 */
export function issuedKeys(blocks: readonly { keys: readonly string[] }[], sent?: string, client?: string): Set<string> {
  const keys = new Set(blocks.flatMap((b) => b.keys));
  if (sent !== undefined && client !== undefined) {
    // Any key the client's text mentions, marker-shaped or not, is the client's, not ours.
    const quoted = new Set(client.match(/hr_[0-9a-f]{24}/g) ?? []);
    for (const k of markerKeys(sent)) if (!quoted.has(k)) keys.add(k);
  }
  return keys;
}

/**
 * Whether the request needs the retrieve tool: it carries markers this proxy issued, or a hidden
 * retrieval exchange of its own was put back (`restored`). Marker-shaped text the client sent is not
 * looked at, so quoting a marker never changes the request.
 */
export function issuedMarkers(blocks: readonly { keys: readonly string[] }[], restored: unknown[] | undefined): boolean {
  return restored !== undefined || blocks.some((b) => b.keys.length > 0);
}

/** The answer to a retrieve call for a key this proxy did not issue into this conversation. */
export function unknownKeyAnswer(key: string): string {
  return `[headroom] unknown key here: ${JSON.stringify(key.slice(0, 64))} was not issued in this conversation; use a key from a Headroom marker in this conversation's tool results`;
}

function toolName(api: Api, tool: unknown): string | undefined {
  if (typeof tool !== 'object' || tool === null) return undefined;
  const t = tool as Record<string, unknown>;
  if (api === 'chat') return (t.function as Record<string, unknown> | undefined)?.name as string | undefined;
  return t.name as string | undefined;
}

/**
 * True when the client declares a tool of that name itself (e.g. Headroom's MCP server without a
 * prefix): its calls are then the client's to answer, and the proxy neither adds nor intercepts it.
 */
export function clientHasRetrieveTool(api: Api, body: Record<string, unknown>): boolean {
  return Array.isArray(body.tools) && body.tools.some((t) => toolName(api, t) === RETRIEVE_TOOL);
}

/**
 * True for a Responses request that declares its tools in an `additional_tools` input item instead of
 * `tools` (Codex 0.171's "Responses Lite" requests to the ChatGPT backend, with no top-level `tools`). Whether
 * that backend accepts a top-level tool beside them cannot be checked offline, so such a request keeps the
 * tool list its client built: the model gets originals back through the marker's `file=` path.
 */
export function declaresToolsInInput(api: Api, body: Record<string, unknown>): boolean {
  return api === 'responses' && Array.isArray(body.input) && body.input.some((i) => typeof i === 'object' && i !== null && (i as { type?: unknown }).type === 'additional_tools');
}

/** Appends the tool to `body.tools`. */
export function injectRetrieveTool(api: Api, body: Record<string, unknown>): void {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  body.tools = [...tools, retrieveToolDefinition(api)];
}

/** The key argument of a retrieve call, from its JSON arguments (tolerant of bad JSON). */
export function keyFromArguments(args: unknown): string {
  let v = args;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v as string;
    }
  }
  if (typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).key === 'string') return (v as { key: string }).key;
  return '';
}
