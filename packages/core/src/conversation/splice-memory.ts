// When the model calls `headroom_retrieve` together with the client's own tools, the proxy answers the
// retrieval, hides it, and lets the client's calls through. The client then sends its history without
// the hidden exchange; this memory puts it back (same place, same bytes) on every later request, so the
// model keeps seeing what it retrieved and the conversation prefix stays stable for the prompt cache.
import { LruMap } from '../lru-map.js';
import type { Api } from './retrieve-tool.js';

type Json = Record<string, unknown>;

export interface HiddenExchange {
  /** Provider-shaped retrieve calls (Anthropic tool_use blocks, Chat tool_calls, Responses function_call items). */
  calls: Json[];
  /** Provider-shaped answers (tool_result blocks, tool messages, function_call_output items). */
  results: Json[];
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The characters an exchange holds: mostly the originals it retrieved. */
const weigh = (e: HiddenExchange): number => JSON.stringify(e.results).length + JSON.stringify(e.calls).length;

export class SpliceMemory {
  private readonly byCallId: LruMap<string, HiddenExchange>;

  /**
   * Bounded by count and by the characters held (the answers carry whole originals: a long session
   * retrieving large ones must not grow without bound). An exchange that no longer fits is not put back;
   * the client's history stays valid without it, and the marker is still there to ask again.
   */
  constructor(maxEntries = 4096, maxChars = 64 * 1024 * 1024) {
    this.byCallId = new LruMap(maxEntries, maxChars, weigh);
  }

  /** Remembers an exchange under the id of one of the client's tool calls from the same turn. */
  remember(clientCallId: string, exchange: HiddenExchange): void {
    this.byCallId.set(clientCallId, exchange);
  }

  get size(): number {
    return this.byCallId.size;
  }

  /** Puts hidden exchanges back into a request's history. Returns a new list, or undefined when nothing applies. */
  restore(api: Api, messages: readonly unknown[]): unknown[] | undefined {
    if (this.byCallId.size === 0) return undefined;
    const out: unknown[] = [];
    let changed = false;
    // Responses with `previous_response_id` send only the new items: the client's output for its own
    // call, whose function_call (and our hidden one) live upstream. Only the hidden output is missing.
    const calls = new Set(api === 'responses' ? messages.filter((m) => isObj(m) && m.type === 'function_call').map((m) => (m as Json).call_id) : []);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (api === 'responses' && isObj(m) && m.type === 'function_call_output' && typeof m.call_id === 'string' && !calls.has(m.call_id)) {
        const ex = this.byCallId.get(m.call_id);
        if (ex) {
          out.push(...ex.results, m);
          changed = true;
          continue;
        }
      }
      const ex = this.match(api, m);
      if (!ex) {
        out.push(m);
        continue;
      }
      changed = true;
      if (api === 'anthropic') {
        const am = m as Json;
        out.push({ ...am, content: [...(am.content as unknown[]), ...ex.calls] });
        const next = messages[i + 1];
        if (isObj(next) && Array.isArray(next.content)) {
          out.push({ ...next, content: [...ex.results, ...next.content] });
          i++;
        } else out.push({ role: 'user', content: ex.results });
      } else if (api === 'chat') {
        const am = m as Json;
        out.push({ ...am, tool_calls: [...(am.tool_calls as unknown[]), ...ex.calls] }, ...ex.results);
      } else {
        out.push(m, ...ex.calls, ...ex.results);
      }
    }
    return changed ? out : undefined;
  }

  private match(api: Api, m: unknown): HiddenExchange | undefined {
    if (!isObj(m)) return undefined;
    const ids: unknown[] = [];
    if (api === 'anthropic' && m.role === 'assistant' && Array.isArray(m.content)) {
      for (const b of m.content) if (isObj(b) && b.type === 'tool_use') ids.push(b.id);
    } else if (api === 'chat' && m.role === 'assistant' && Array.isArray(m.tool_calls)) {
      for (const c of m.tool_calls) if (isObj(c)) ids.push(c.id);
    } else if (api === 'responses' && m.type === 'function_call') {
      ids.push(m.call_id);
    }
    for (const id of ids) {
      const ex = typeof id === 'string' ? this.byCallId.get(id) : undefined;
      if (ex && !this.alreadyThere(api, m, ex)) return ex;
    }
    return undefined;
  }

  /** A client that echoes the hidden calls back (it should not see them) must not get them twice. */
  private alreadyThere(api: Api, m: Json, ex: HiddenExchange): boolean {
    const first = ex.calls[0];
    if (!first) return true;
    if (api === 'anthropic') return (m.content as Json[]).some((b) => isObj(b) && b.id === first.id);
    if (api === 'chat') return (m.tool_calls as Json[]).some((c) => isObj(c) && c.id === first.id);
    return false;
  }
}
