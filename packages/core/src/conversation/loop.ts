// The retrieval loop, once for every API: when the model calls `headroom_retrieve`, answer from the
// store, continue the conversation upstream, and give the client one response without the internal
// tool — for whole replies and for streams (events pass as they arrive; only the retrieve calls and the
// final events wait for the round's outcome, which is known at the round's terminal event). A provider's
// HTTP API (`runRetrieval`: the proxy, `headroomFetch`) and the Vercel AI SDK's model calls (the
// middleware) run the same rounds; only how a reply is read and a continuation sent differs.
import type { Dialect, Obj, Streamer } from './dialect.js';
import { anthropic } from './dialects/anthropic.js';
import { chat } from './dialects/chat.js';
import { responses } from './dialects/responses.js';
import { chunksOf, isObj, JsonReply, streamFrom, withoutLength } from './reply.js';
import type { Api } from './retrieve-tool.js';
import type { SpliceMemory } from './splice-memory.js';
import { sseEvents, type SseEvent } from './sse.js';
import { addUsageObject, readUsage, sumUsageObjects, type Usage } from './usage.js';

/** What the rounds need, whatever carries them. */
export interface RoundsContext {
  /** The request as it was sent. */
  body: Obj;
  maxRounds: number;
  memory: SpliceMemory;
  /** The original for a key, or a message saying why it cannot be had (never throws). */
  answer(key: string): Promise<string>;
  /** Upstream usage of one response (each round reports once). */
  onUsage(u: Usage): void;
}

export interface RetrievalContext extends RoundsContext {
  api: Api;
  /** Sends a continuation request (the transport keeps the client's headers, auth and time limits). */
  send(body: Obj): Promise<Response>;
}

const DIALECTS: Record<Api, Dialect> = { anthropic, chat, responses };

/**
 * The response the client gets for `first`, the upstream's 200 to a request that carried the retrieve
 * tool. A reply the loop does not understand, or one without retrieve calls, is passed on as received.
 */
export async function runRetrieval(ctx: RetrievalContext, first: Response): Promise<Response> {
  const d = DIALECTS[ctx.api];
  if (String(first.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const s = d.streamer();
    const events = (res: Response) => sseEvents(chunksOf(res.body));
    const rounds = retrieveStream<SseEvent, string>(ctx, d, s, events(first), {
      next: async (body) => {
        const res = await ctx.send(body);
        // Headers are gone already: the upstream's error reaches the client as a stream error event.
        return res.status === 200 ? { events: events(res) } : { failed: s.errorEvent(res.status, await res.text()) };
      },
      raw: (e: SseEvent) => e.raw,
    });
    return new Response(streamFrom(rounds), { status: first.status, statusText: first.statusText, headers: withoutLength(first.headers) });
  }
  let last = await JsonReply.read(first, d.isReply);
  if (!last.value) return last.passThrough();
  const initial = last;
  const r = await retrieveRounds(ctx, d, last.value, async (body) => {
    last = await JsonReply.read(await ctx.send(body), d.isReply);
    return last.value;
  });
  if (!r.changed) return initial.passThrough();
  // A continuation the loop does not understand reaches the client as the upstream sent it.
  return r.reply ? last.rewritten(r.reply) : last.passThrough();
}

function answerAll(ctx: RoundsContext, d: Dialect<unknown>, calls: Obj[]): Promise<Obj[]> {
  return Promise.all(calls.map(async (c) => d.result(c, await ctx.answer(d.keyOf(c)))));
}

/** The client's own calls run next: the hidden exchange goes back into its next request (splice memory). */
function rememberHidden(ctx: RoundsContext, d: Dialect<unknown>, clients: Obj[], calls: Obj[], results: Obj[]): void {
  const id = clients[0] && d.callId(clients[0]);
  if (id) ctx.memory.remember(id, { calls, results });
}

/**
 * Whole replies: answers retrieve calls round after round (`next` sends a continuation and gives its
 * reply, or undefined when it is not one the dialect understands). `changed` is false when the first
 * reply called no retrieve (it stands as it is); else `reply` is the one for the client, or undefined
 * when a continuation was not understood.
 */
export async function retrieveRounds(ctx: RoundsContext, d: Dialect<unknown>, first: Obj, next: (body: Obj) => Promise<Obj | undefined>): Promise<{ changed: boolean; reply?: Obj }> {
  let out = first;
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
    const reply = await next(body);
    if (!reply) return { changed };
    out = reply;
  }
  if (!changed) return { changed };
  d.prepend(out, shown);
  // The client is billed for every round: report the sums.
  if (rounds.length > 1 && isObj(out.usage)) out.usage = sumUsageObjects(rounds);
  return { changed, reply: out };
}

/** How a stream's rounds are read and continued. */
export interface StreamWire<E, O> {
  /** The next round's events, or what the client gets instead when the continuation failed. */
  next(body: Obj): Promise<{ events: AsyncIterator<E> } | { failed: O }>;
  /** An event passed on as it came. */
  raw(e: E): O;
}

async function* passRest<E, O>(events: AsyncIterator<E>, raw: (e: E) => O): AsyncGenerator<O> {
  for (let r = await events.next(); !r.done; r = await events.next()) yield raw(r.value);
}

/** A stream's rounds, as the client gets them. */
export async function* retrieveStream<E, O>(ctx: RoundsContext, d: Dialect<unknown>, s: Streamer<E, O>, first: AsyncIterator<E>, wire: StreamWire<E, O>): AsyncGenerator<O> {
  let events = first;
  let body = ctx.body;
  let billed: unknown; // the usage of the rounds so far, summed
  for (let round = 0; ; round++) {
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
        yield* passRest(events, wire.raw);
        return;
      }
      const results = await answerAll(ctx, d, retrieves);
      const clients = calls.filter((c) => !d.isRetrieve(c));
      if (clients.length > 0 || round >= ctx.maxRounds) {
        rememberHidden(ctx, d, clients, retrieves, results);
        yield* r.finish({ endTurn: clients.length === 0, hid: true, ...(total ? { billed: total } : {}) });
        yield* passRest(events, wire.raw);
        return;
      }
      s.continuing(r);
      body = d.nextBody(body, r.reply, results, round + 1 >= ctx.maxRounds);
    } finally {
      await events.return?.(undefined); // this round's upstream body is done with: release it
    }
    const next = await wire.next(body);
    if ('failed' in next) {
      yield next.failed;
      return;
    }
    events = next.events;
  }
}
