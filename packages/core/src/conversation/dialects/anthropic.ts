// Anthropic Messages: tool calls are `tool_use` content blocks, answers `tool_result` blocks in a user turn.
import type { Dialect, Finish, Obj, SseStreamer, StreamedRound } from '../dialect.js';
import { isObj } from '../reply.js';
import { keyFromArguments, RETRIEVE_TOOL } from '../retrieve-tool.js';
import { formatEvent, parseData, sseEventOf, type SseEvent } from '../sse.js';
import { streamErrorEvent } from '../stream-error.js';
import { maxUsage, usageIn, zeroUsage } from '../usage.js';

const isRetrieve = (b: unknown): boolean => isObj(b) && b.type === 'tool_use' && b.name === RETRIEVE_TOOL;
const content = (reply: Obj): Obj[] => (Array.isArray(reply.content) ? reply.content : []).filter(isObj);

export const anthropic: Dialect = {
  isReply: (v) => Array.isArray(v.content),
  calls: (reply) => content(reply).filter((b) => b.type === 'tool_use'),
  isRetrieve,
  keyOf: (call) => keyFromArguments(call.input),
  callId: (call) => (typeof call.id === 'string' ? call.id : undefined),
  result: (call, text) => ({ type: 'tool_result', tool_use_id: call.id, content: text }),
  nextBody(body, reply, results, lastRound) {
    const messages = [...(body.messages as unknown[]), { role: 'assistant', content: content(reply) }, { role: 'user', content: results }];
    return { ...body, messages, ...(lastRound ? { tool_choice: { type: 'none' } } : {}) };
  },
  hide(reply, endTurn) {
    reply.content = content(reply).filter((b) => !isRetrieve(b));
    if (endTurn) reply.stop_reason = 'end_turn';
  },
  visible: (reply) => content(reply).filter((b) => !isRetrieve(b)),
  prepend(reply, shown) {
    reply.content = [...shown, ...content(reply)];
  },
  streamer: () => new AnthropicStreamer(),
};

/** Rebuilds content blocks from stream events (for the continuation request). */
class Blocks {
  readonly blocks: Obj[] = [];
  private readonly json = new Map<number, string>();

  event(d: Obj): void {
    const i = d.index as number;
    if (d.type === 'content_block_start' && isObj(d.content_block)) this.blocks[i] = structuredClone(d.content_block);
    else if (d.type === 'content_block_delta' && isObj(d.delta) && this.blocks[i]) {
      const b = this.blocks[i]!;
      const delta = d.delta;
      if (delta.type === 'text_delta') b.text = String(b.text ?? '') + String(delta.text ?? '');
      else if (delta.type === 'input_json_delta') this.json.set(i, (this.json.get(i) ?? '') + String(delta.partial_json ?? ''));
      else if (delta.type === 'thinking_delta') b.thinking = String(b.thinking ?? '') + String(delta.thinking ?? '');
      else if (delta.type === 'signature_delta') b.signature = delta.signature;
      else if (delta.type === 'citations_delta') b.citations = [...((b.citations as unknown[]) ?? []), delta.citation];
    } else if (d.type === 'content_block_stop' && this.json.has(i) && this.blocks[i]) {
      try {
        this.blocks[i]!.input = JSON.parse(this.json.get(i) || '{}');
      } catch {
        this.blocks[i]!.input = {};
      }
    }
  }
}

/** Overlays a streamed usage object on a round's figures so far (message_delta counts are cumulative). */
function overlay(into: Obj, u: unknown): void {
  if (!isObj(u)) return;
  for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) into[k] = v;
}

/**
 * A held message_delta as the client gets it: with `end_turn` when its tool_use stop no longer has a
 * visible tool call, and with the usage of every round after hidden rounds.
 */
function finalDelta(raw: string, f: Finish): string {
  const ev = sseEventOf(raw);
  const d = parseData(ev);
  if (d?.type !== 'message_delta') return raw;
  const stop = f.endTurn && isObj(d.delta) && d.delta.stop_reason === 'tool_use';
  if (!stop && !f.billed) return raw;
  return formatEvent(ev.event, {
    ...d,
    ...(stop ? { delta: { ...(d.delta as Obj), stop_reason: 'end_turn' } } : {}),
    ...(f.billed ? { usage: f.billed } : {}),
  });
}

class AnthropicStreamer implements SseStreamer {
  private nextIndex = 0; // the client's block index continues across rounds
  private startSent = false;

  async *round(events: AsyncIterator<SseEvent>): AsyncGenerator<string, StreamedRound | undefined> {
    const blocks = new Blocks();
    const map = new Map<number, number | null>(); // upstream index → client index; null = hidden
    const held: string[] = [];
    const usage = zeroUsage();
    const roundUsage: Obj = {}; // message_start's usage, then message_delta's
    for (let r = await events.next(); !r.done; r = await events.next()) {
      const ev = r.value;
      const d = parseData(ev);
      if (!d) {
        yield ev.raw;
        continue;
      }
      maxUsage(usage, usageIn(d));
      const type = d.type;
      if (type === 'message_start') {
        if (isObj(d.message)) overlay(roundUsage, d.message.usage);
        if (!this.startSent) yield ev.raw;
        this.startSent = true;
      } else if (type === 'content_block_start' || type === 'content_block_delta' || type === 'content_block_stop') {
        blocks.event(d);
        const i = d.index as number;
        if (type === 'content_block_start') map.set(i, isRetrieve(d.content_block) ? null : this.nextIndex++);
        const to = map.get(i);
        if (to === null) continue;
        yield to === undefined || to === i ? ev.raw : formatEvent(ev.event, { ...d, index: to });
      } else if (type === 'message_delta' || type === 'message_stop') {
        if (type === 'message_delta') overlay(roundUsage, d.usage);
        held.push(ev.raw); // decided once the round's tool calls are known
        if (type === 'message_stop') return this.end(blocks, usage, roundUsage, held);
      } else yield ev.raw; // ping, error, anything new
    }
    // Ended without message_stop: the round is still decided on what arrived.
    return this.end(blocks, usage, roundUsage, held);
  }

  private end(blocks: Blocks, usage: ReturnType<typeof zeroUsage>, roundUsage: Obj, held: string[]): StreamedRound {
    return { reply: { content: blocks.blocks.filter(isObj), usage: roundUsage }, usage, finish: (f) => held.map((raw) => finalDelta(raw, f)) };
  }

  continuing(): void {}

  errorEvent(status: number, text: string): string {
    return streamErrorEvent('anthropic', status, text);
  }
}
