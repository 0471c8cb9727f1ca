// The retrieval loop, once for every API: when the model calls `headroom_retrieve`, answer from the
// store, continue the conversation upstream, and give the client one response without the internal
// tool — for JSON and for streams (events pass as they arrive; only the retrieve calls and the final
// events wait for the round's outcome, which is known at the round's terminal event).
import type { Dialect, Obj } from './dialect.js';
import { anthropic } from './dialects/anthropic.js';
import { chat } from './dialects/chat.js';
import { responses } from './dialects/responses.js';
import { bodyChunks, isObj, JsonReply, streamFrom, withoutLength } from './reply.js';
import type { Api } from './retrieve-tool.js';
import type { SpliceMemory } from './splice-memory.js';
import { sseEvents, type SseEvent } from './sse.js';
import { addUsageObject, readUsage, sumUsageObjects, type Usage } from './usage.js';

export interface RetrievalContext {
  api: Api;
  /** The request as it was sent. */
  body: Obj;
  maxRounds: number;
  memory: SpliceMemory;
  /** Sends a continuation request (the transport keeps the client's headers, auth and time limits). */
  send(body: Obj): Promise<Response>;
  /** The original for a key, or a message saying why it cannot be had (never throws). */
  answer(key: string): Promise<string>;
  /** Upstream usage of one response (each round reports once). */
  onUsage(u: Usage): void;
}

const DIALECTS: Record<Api, Dialect> = { anthropic, chat, responses };

/**
 * The response the client gets for `first`, the upstream's 200 to a request that carried the retrieve
 * tool. A reply the loop does not understand, or one without retrieve calls, is passed on as received.
 */
export async function runRetrieval(ctx: RetrievalContext, first: Response): Promise<Response> {
  const d = DIALECTS[ctx.api];
  if (String(first.headers.get('content-type') ?? '').includes('text/event-stream')) {
    return new Response(streamFrom(streamLoop(ctx, d, first)), { status: first.status, statusText: first.statusText, headers: withoutLength(first.headers) });
  }
  return jsonLoop(ctx, d, first);
}

function answerAll(ctx: RetrievalContext, d: Dialect, calls: Obj[]): Promise<Obj[]> {
  return Promise.all(calls.map(async (c) => d.result(c, await ctx.answer(d.keyOf(c)))));
}

/** The client's own calls run next: the hidden exchange goes back into its next request (splice memory). */
function rememberHidden(ctx: RetrievalContext, d: Dialect, clients: Obj[], calls: Obj[], results: Obj[]): void {
  const id = clients[0] && d.callId(clients[0]);
  if (id) ctx.memory.remember(id, { calls, results });
}

async function jsonLoop(ctx: RetrievalContext, d: Dialect, first: Response): Promise<Response> {
  let reply = await JsonReply.read(first, d.isReply);
  if (!reply.value) return reply.passThrough();
  const initial = reply;
  let out = reply.value;
  let body = ctx.body;
  const shown: unknown[] = [];
  const rounds: unknown[] = []; // each round's usage object
  let changed = false;
  for (let round = 0; ; round++) {
    const u = readUsage(out.usage);
    if (u) ctx.onUsage(u);
    rounds.push(out.usage);
    const calls = d.calls(out);
    const retrieves = calls.filter((c) => d.isRetrieve(c));
    if (retrieves.length === 0) break;
    changed = true;
    const results = await answerAll(ctx, d, retrieves);
    const clients = calls.filter((c) => !d.isRetrieve(c));
    if (clients.length > 0 || round >= ctx.maxRounds) {
      rememberHidden(ctx, d, clients, retrieves, results);
      d.hide(out, clients.length === 0);
      break;
    }
    shown.push(...d.visible(out));
    body = d.nextBody(body, out, results, round + 1 >= ctx.maxRounds);
    reply = await JsonReply.read(await ctx.send(body), d.isReply);
    if (!reply.value) return reply.passThrough();
    out = reply.value;
  }
  if (!changed) return initial.passThrough();
  d.prepend(out, shown);
  // The client is billed for every round: report the sums.
  if (rounds.length > 1 && isObj(out.usage)) out.usage = sumUsageObjects(rounds);
  return reply.rewritten(out);
}

async function* passRest(events: AsyncIterator<SseEvent>): AsyncGenerator<string> {
  for (let r = await events.next(); !r.done; r = await events.next()) yield r.value.raw;
}

async function* streamLoop(ctx: RetrievalContext, d: Dialect, first: Response): AsyncGenerator<string> {
  const s = d.streamer();
  let res = first;
  let body = ctx.body;
  let billed: unknown; // the usage of the rounds so far, summed
  for (let round = 0; ; round++) {
    const events = sseEvents(bodyChunks(res.body));
    try {
      const r = yield* s.round(events, round, billed);
      if (!r) return; // the upstream ended without a terminal event: passed on as it was
      ctx.onUsage(r.usage);
      billed = addUsageObject(billed, r.reply.usage);
      const total = round > 0 && isObj(billed) ? billed : undefined;
      const calls = d.calls(r.reply);
      const retrieves = calls.filter((c) => d.isRetrieve(c));
      if (retrieves.length === 0) {
        yield* r.finish({ endTurn: false, hid: false, ...(total ? { billed: total } : {}) });
        yield* passRest(events);
        return;
      }
      const results = await answerAll(ctx, d, retrieves);
      const clients = calls.filter((c) => !d.isRetrieve(c));
      if (clients.length > 0 || round >= ctx.maxRounds) {
        rememberHidden(ctx, d, clients, retrieves, results);
        yield* r.finish({ endTurn: clients.length === 0, hid: true, ...(total ? { billed: total } : {}) });
        yield* passRest(events);
        return;
      }
      s.continuing(r);
      body = d.nextBody(body, r.reply, results, round + 1 >= ctx.maxRounds);
    } finally {
      await events.return(undefined); // this round's upstream body is done with: release it
    }
    res = await ctx.send(body);
    if (res.status !== 200) {
      // Headers are gone already: the upstream's error reaches the client as a stream error event.
      yield s.errorEvent(res.status, await res.text());
      return;
    }
  }
}
