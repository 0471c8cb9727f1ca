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

/** A fresh copy of the tool definition for this API (callers may mutate the request they build). */
export function retrieveToolDefinition(api: Api): Record<string, unknown> {
  return structuredClone(DEFINITIONS[api]);
}

const MARKER_KEY = /\[headroom: omitted [^\]]*key=hr_[0-9a-f]{24}/;

/** True when some text of the history carries a Headroom marker: the conversation needs the tool. */
export function hasMarker(serialized: string): boolean {
  return MARKER_KEY.test(serialized);
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
