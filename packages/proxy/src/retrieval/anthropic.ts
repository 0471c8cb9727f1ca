// Retrieval loop for Anthropic Messages: answer `headroom_retrieve` calls from the store and continue
// the conversation upstream, for JSON and SSE responses. The client never sees the internal tool.
import type { IncomingMessage } from 'node:http';
import { responseHeaders } from '../forward.js';
import { keyFromArguments, RETRIEVE_TOOL, formatEvent, parseData, sseEventOf, sseEvents, addUsageObject, maxUsage, sumUsageObjects, usageIn, zeroUsage } from '@headroom/core/conversation';
import { isObj, sendContinuation, streamFrom, type RetrievalContext } from './context.js';
import { continuationErrorEvent, JsonReply } from './upstream-reply.js';

type Block = Record<string, unknown>;

const isRetrieve = (b: unknown): b is Block => isObj(b) && b.type === 'tool_use' && b.name === RETRIEVE_TOOL;
const isClientTool = (b: unknown): b is Block => isObj(b) && b.type === 'tool_use' && b.name !== RETRIEVE_TOOL;

async function answerAll(ctx: RetrievalContext, calls: Block[]): Promise<Block[]> {
  return Promise.all(calls.map(async (c) => ({ type: 'tool_result', tool_use_id: c.id, content: await ctx.answer(keyFromArguments(c.input)) })));
}

/** The request for the next round; the last allowed round may not call tools again. */
function nextBody(ctx: RetrievalContext, body: Record<string, unknown>, content: Block[], results: Block[], round: number): Record<string, unknown> {
  const messages = [...(body.messages as unknown[]), { role: 'assistant', content }, { role: 'user', content: results }];
  return { ...body, messages, ...(round >= ctx.maxRounds ? { tool_choice: { type: 'none' } } : {}) };
}

const isMessage = (v: Block) => Array.isArray(v.content);

export async function anthropicJson(ctx: RetrievalContext, first: IncomingMessage): Promise<Response> {
  let reply = await JsonReply.read(first, isMessage);
  if (!reply.value) return reply.passThrough();
  const initial = reply;
  let msg: Block = reply.value;
  let body = ctx.body;
  const shown: Block[] = [];
  const rounds: unknown[] = []; // each round's usage object
  let round = 0;
  let changed = false;
  for (;;) {
    const u = usageIn(msg);
    if (u) ctx.onUsage(u);
    rounds.push(msg.usage);
    const content = (Array.isArray(msg.content) ? msg.content : []) as Block[];
    const calls = content.filter(isRetrieve);
    if (calls.length === 0) break;
    changed = true;
    const results = await answerAll(ctx, calls);
    const clients = content.filter(isClientTool);
    if (clients.length > 0 || round >= ctx.maxRounds) {
      // The client's own tools run next: hide the retrieval now, put it back in its next request.
      if (clients.length > 0) ctx.memory.remember(clients[0]!.id as string, { calls, results });
      msg.content = content.filter((b) => !isRetrieve(b));
      // Out of rounds with only hidden calls: no tool call is left for the client to answer.
      if (clients.length === 0) msg.stop_reason = 'end_turn';
      break;
    }
    round++;
    shown.push(...content.filter((b) => !isRetrieve(b)));
    body = nextBody(ctx, body, content, results, round);
    reply = await JsonReply.read(await sendContinuation(ctx, body), isMessage);
    if (!reply.value) return reply.passThrough();
    msg = reply.value;
  }
  if (!changed) return initial.passThrough();
  msg.content = [...shown, ...(msg.content as Block[])];
  if (round > 0 && isObj(msg.usage)) {
    // The client is billed for every round: report the sums.
    msg.usage = sumUsageObjects(rounds);
  }
  return new Response(JSON.stringify(msg), { status: 200, headers: responseHeaders(reply.res, ['content-length']) });
}

/** Rebuilds content blocks from stream events (for the continuation request). */
class Accumulator {
  readonly blocks: Block[] = [];
  private readonly json = new Map<number, string>();

  event(d: Block): void {
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

/**
 * A held message_delta as the client gets it: with `end_turn` when its tool_use stop no longer has a
 * visible tool call, and with the usage of every round (`billed`) after hidden rounds.
 */
function finalDelta(raw: string, endTurn: boolean, billed: Record<string, unknown> | undefined): string {
  const ev = sseEventOf(raw);
  const d = parseData(ev);
  if (d?.type !== 'message_delta') return raw;
  const stop = endTurn && isObj(d.delta) && d.delta.stop_reason === 'tool_use';
  if (!stop && !billed) return raw;
  return formatEvent(ev.event, {
    ...d,
    ...(stop ? { delta: { ...(d.delta as Block), stop_reason: 'end_turn' } } : {}),
    ...(billed ? { usage: billed } : {}),
  });
}

/** Overlays a streamed usage object on a round's figures so far (message_delta counts are cumulative). */
function overlay(into: Block, u: unknown): void {
  if (!isObj(u)) return;
  for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) into[k] = v;
}

export function anthropicStream(ctx: RetrievalContext, first: IncomingMessage): ReadableStream<Uint8Array> {
  return streamFrom(anthropicEvents(ctx, first));
}

async function* anthropicEvents(ctx: RetrievalContext, first: IncomingMessage): AsyncGenerator<string> {
  let res = first;
  let body = ctx.body;
  let nextIndex = 0; // the client's block index continues across rounds
  let startSent = false;
  let billed: unknown; // the usage of the rounds so far, summed
  for (let round = 0; ; round++) {
    const acc = new Accumulator();
    const map = new Map<number, number | null>(); // upstream index → client index; null = hidden
    const held: string[] = [];
    const usage = zeroUsage();
    const roundUsage: Block = {}; // this round's usage object: message_start's, then message_delta's
    for await (const ev of sseEvents(res)) {
      const d = parseData(ev);
      const type = d?.type;
      if (!d) {
        yield ev.raw;
        continue;
      }
      maxUsage(usage, usageIn(d));
      if (type === 'message_start' && isObj(d.message)) overlay(roundUsage, d.message.usage);
      if (type === 'message_delta') overlay(roundUsage, d.usage);
      if (type === 'message_start') {
        if (!startSent) yield ev.raw;
        startSent = true;
      } else if (type === 'content_block_start' || type === 'content_block_delta' || type === 'content_block_stop') {
        acc.event(d);
        const i = d.index as number;
        if (type === 'content_block_start') map.set(i, isRetrieve(d.content_block) ? null : nextIndex++);
        const to = map.get(i);
        if (to === null) continue;
        yield to === undefined || to === i ? ev.raw : formatEvent(ev.event, { ...d, index: to });
      } else if (type === 'message_delta' || type === 'message_stop') {
        held.push(ev.raw); // decided once the round's tool calls are known
      } else yield ev.raw; // ping, error, anything new
    }
    ctx.onUsage(usage);
    billed = addUsageObject(billed, roundUsage);
    // After hidden rounds the client's usage is that of every round (what it is billed).
    const total = round > 0 ? (billed as Record<string, unknown>) : undefined;
    const content = acc.blocks.filter(isObj);
    const calls = content.filter(isRetrieve);
    if (calls.length === 0) {
      yield* held.map((raw) => finalDelta(raw, false, total));
      return;
    }
    const results = await answerAll(ctx, calls);
    const clients = content.filter(isClientTool);
    if (clients.length > 0 || round >= ctx.maxRounds) {
      if (clients.length > 0) ctx.memory.remember(clients[0]!.id as string, { calls, results });
      yield* held.map((raw) => finalDelta(raw, clients.length === 0, total));
      return;
    }
    body = nextBody(ctx, body, content, results, round + 1);
    res = await sendContinuation(ctx, body);
    if (res.statusCode !== 200) {
      // Headers are gone already: the upstream's error reaches the client as a stream error event.
      yield await continuationErrorEvent('anthropic', res);
      return;
    }
  }
}
