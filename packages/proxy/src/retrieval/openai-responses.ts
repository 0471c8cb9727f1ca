// Retrieval loop for the OpenAI Responses API (JSON and SSE). Output items of the hidden
// `headroom_retrieve` calls are removed; items of every round the client saw are kept in order.
import type { IncomingMessage } from 'node:http';
import { responseHeaders } from '../forward.js';
import { keyFromArguments, RETRIEVE_TOOL, formatEvent, parseData, sseEvents, addUsageObject, readUsage, sumUsageObjects } from '@headroom/core/conversation';
import { isObj, sendContinuation, streamFrom, type RetrievalContext } from './context.js';
import { continuationErrorEvent, JsonReply } from './upstream-reply.js';

type Obj = Record<string, unknown>;

const isRetrieve = (i: unknown): boolean => isObj(i) && i.type === 'function_call' && i.name === RETRIEVE_TOOL;
const isClientCall = (i: unknown) => isObj(i) && typeof i.type === 'string' && i.type.endsWith('_call') && !isRetrieve(i) && i.type !== 'reasoning';

async function answerAll(ctx: RetrievalContext, calls: Obj[]): Promise<Obj[]> {
  return Promise.all(calls.map(async (c) => ({ type: 'function_call_output', call_id: c.call_id, output: await ctx.answer(keyFromArguments(c.arguments)) })));
}

function nextBody(ctx: RetrievalContext, body: Obj, output: Obj[], results: Obj[], round: number): Obj {
  const input = Array.isArray(body.input) ? body.input : typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : [];
  return { ...body, input: [...input, ...output, ...results], ...(round >= ctx.maxRounds ? { tool_choice: 'none' } : {}) };
}

/** Decides what a finished round means: continue with results, or finish (hiding retrieve items). */
async function decide(ctx: RetrievalContext, output: Obj[], round: number): Promise<{ results?: Obj[]; visible: Obj[]; hid: boolean }> {
  const calls = output.filter(isRetrieve);
  const visible = output.filter((i) => !isRetrieve(i));
  if (calls.length === 0) return { visible, hid: false };
  const results = await answerAll(ctx, calls);
  const clients = output.filter(isClientCall);
  if (clients.length > 0 || round >= ctx.maxRounds) {
    const first = clients[0];
    if (first && typeof first.call_id === 'string') ctx.memory.remember(first.call_id, { calls, results });
    return { visible, hid: true };
  }
  return { results, visible, hid: true };
}

const isResponse = (v: Obj) => Array.isArray(v.output);

export async function responsesJson(ctx: RetrievalContext, first: IncomingMessage): Promise<Response> {
  let reply = await JsonReply.read(first, isResponse);
  if (!reply.value) return reply.passThrough();
  const initial = reply;
  let out = reply.value;
  let body = ctx.body;
  const shown: Obj[] = [];
  let changed = false;
  const rounds: unknown[] = []; // each round's usage object
  for (let round = 0; ; round++) {
    const u = readUsage(out.usage);
    if (u) ctx.onUsage(u);
    rounds.push(out.usage);
    const d = await decide(ctx, out.output as Obj[], round);
    if (!d.hid) break;
    changed = true;
    if (!d.results) {
      out.output = d.visible;
      break;
    }
    shown.push(...d.visible);
    body = nextBody(ctx, body, out.output as Obj[], d.results, round + 1);
    reply = await JsonReply.read(await sendContinuation(ctx, body), isResponse);
    if (!reply.value) return reply.passThrough();
    out = reply.value;
  }
  if (!changed) return initial.passThrough();
  out.output = [...shown, ...(out.output as Obj[])];
  // The client is billed for every round: report the sums.
  if (rounds.length > 1 && isObj(out.usage)) out.usage = sumUsageObjects(rounds);
  return new Response(JSON.stringify(out), { status: 200, headers: responseHeaders(reply.res, ['content-length']) });
}

export function responsesStream(ctx: RetrievalContext, first: IncomingMessage): ReadableStream<Uint8Array> {
  return streamFrom(responsesEvents(ctx, first));
}

const FINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

async function* responsesEvents(ctx: RetrievalContext, first: IncomingMessage): AsyncGenerator<string> {
  let res = first;
  let body = ctx.body;
  let nextIndex = 0;
  let seq = 0; // continuation rounds renumber sequence_number after what the client has seen
  const shown: Obj[] = [];
  let billed: unknown; // the usage of the rounds so far, summed
  for (let round = 0; ; round++) {
    const map = new Map<number, number | null>();
    let final: { event?: string; data: Obj; raw: string } | undefined;
    for await (const ev of sseEvents(res)) {
      const d = parseData(ev);
      if (!d) {
        yield ev.raw;
        continue;
      }
      const type = String(d.type ?? '');
      if (round > 0 && (type === 'response.created' || type === 'response.in_progress')) continue;
      if (FINAL.has(type)) {
        final = { ...(ev.event !== undefined ? { event: ev.event } : {}), data: d, raw: ev.raw };
        continue;
      }
      let data = d;
      let changed = false;
      if (typeof d.output_index === 'number') {
        const i = d.output_index;
        if (type === 'response.output_item.added') map.set(i, isRetrieve(d.item) ? null : nextIndex++);
        const to = map.get(i);
        if (to === null) continue;
        if (to !== undefined && to !== i) {
          data = { ...data, output_index: to };
          changed = true;
        }
      }
      if (round > 0 && typeof d.sequence_number === 'number') {
        data = { ...data, sequence_number: seq++ };
        changed = true;
      } else if (typeof d.sequence_number === 'number') seq = Math.max(seq, d.sequence_number + 1);
      yield changed ? formatEvent(ev.event, data) : ev.raw;
    }
    if (!final) return; // the upstream ended without a final event: pass that on as it is
    const response = isObj(final.data.response) ? final.data.response : {};
    const u = readUsage(response.usage);
    if (u) ctx.onUsage(u);
    billed = addUsageObject(billed, response.usage);
    const output = (Array.isArray(response.output) ? response.output : []) as Obj[];
    const d = await decide(ctx, output, round);
    if (!d.results) {
      if (!d.hid && round === 0) {
        yield final.raw;
        return;
      }
      // After hidden rounds the client is billed for every round: report the sums. The response id stays
      // the last round's: it is the one a later `previous_response_id` can continue from (the first
      // round's stored response ends with an unanswered retrieve call).
      const usage = round > 0 && isObj(response.usage) ? { usage: billed } : {};
      const data = { ...final.data, response: { ...response, output: [...shown, ...d.visible], ...usage }, ...(round > 0 ? { sequence_number: seq++ } : {}) };
      yield formatEvent(final.event, data);
      return;
    }
    shown.push(...d.visible);
    body = nextBody(ctx, body, output, d.results, round + 1);
    res = await sendContinuation(ctx, body);
    if (res.statusCode !== 200) {
      yield await continuationErrorEvent('responses', res, seq++);
      return;
    }
  }
}
