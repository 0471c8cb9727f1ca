// Upstream usage figures (including prompt-cache reads and writes) from any of the API shapes.

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const obj = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

/**
 * Reads a `usage` object: Anthropic (`input_tokens`, `cache_read_input_tokens`,
 * `cache_creation_input_tokens`), OpenAI Chat (`prompt_tokens`, `prompt_tokens_details.cached_tokens`)
 * and Responses (`input_tokens`, `input_tokens_details.cached_tokens`). OpenAI counts cached tokens
 * inside the input; they are reported as such, not subtracted.
 */
export function readUsage(u: unknown): Usage | undefined {
  const o = obj(u);
  if (!o) return undefined;
  return {
    input: num(o.input_tokens) + num(o.prompt_tokens),
    output: num(o.output_tokens) + num(o.completion_tokens),
    cacheRead: num(o.cache_read_input_tokens) + num(obj(o.prompt_tokens_details)?.cached_tokens) + num(obj(o.input_tokens_details)?.cached_tokens),
    cacheWrite: num(o.cache_creation_input_tokens),
  };
}

/**
 * Gemini's `usageMetadata`: `promptTokenCount` includes the cached part (`cachedContentTokenCount`);
 * thinking tokens (`thoughtsTokenCount`) are billed as output.
 */
function readUsageMetadata(u: unknown): Usage | undefined {
  const o = obj(u);
  if (!o) return undefined;
  return { input: num(o.promptTokenCount), output: num(o.candidatesTokenCount) + num(o.thoughtsTokenCount), cacheRead: num(o.cachedContentTokenCount), cacheWrite: 0 };
}

/** Finds usage in a JSON response or one streamed event of any of the APIs. */
export function usageIn(payload: Record<string, unknown>): Usage | undefined {
  if (payload.usage) return readUsage(payload.usage);
  if (payload.usageMetadata) return readUsageMetadata(payload.usageMetadata); // Gemini
  const message = obj(payload.message); // Anthropic message_start
  if (message?.usage) return readUsage(message.usage);
  const response = obj(payload.response); // Responses response.completed
  if (response?.usage) return readUsage(response.usage);
  return undefined;
}

export function addUsage(into: Usage, u: Usage | undefined): void {
  if (!u) return;
  into.input += u.input;
  into.output += u.output;
  into.cacheRead += u.cacheRead;
  into.cacheWrite += u.cacheWrite;
}

/**
 * Merges the usage events of one streamed response: Anthropic repeats and grows its counts
 * (message_start, then message_delta), so the largest value of each figure is the response's.
 */
export function maxUsage(into: Usage, u: Usage | undefined): void {
  if (!u) return;
  into.input = Math.max(into.input, u.input);
  into.output = Math.max(into.output, u.output);
  into.cacheRead = Math.max(into.cacheRead, u.cacheRead);
  into.cacheWrite = Math.max(into.cacheWrite, u.cacheWrite);
}

export const zeroUsage = (): Usage => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });

const plain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the client was billed after the proxy ran hidden retrieval rounds: adds one round's `usage`
 * object (as the API reports it) to the total of the rounds before. Every numeric field is summed,
 * nested ones too (`prompt_tokens_details.cached_tokens`, `input_tokens_details`, `cache_creation`,
 * `server_tool_use`…); any other value (a service tier, say) is the latest round's, and a round that
 * reports a figure as null or not at all keeps the total so far. The same for every API and mode.
 */
export function addUsageObject(total: unknown, round: unknown): unknown {
  if (typeof round === 'number' && Number.isFinite(round)) return (typeof total === 'number' ? total : 0) + round;
  if (plain(round)) {
    const before = plain(total) ? total : {};
    const out: Record<string, unknown> = { ...before };
    for (const [k, v] of Object.entries(round)) out[k] = addUsageObject(before[k], v);
    return out;
  }
  if (round === null || round === undefined) return total ?? round;
  return round;
}

/** The sum of several rounds' `usage` objects (see `addUsageObject`). */
export function sumUsageObjects(rounds: readonly unknown[]): Record<string, unknown> {
  return rounds.reduce<unknown>((t, u) => addUsageObject(t, u), {}) as Record<string, unknown>;
}
