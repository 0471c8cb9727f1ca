// Retrieval loop for OpenAI Chat Completions (JSON and SSE). Only choice 0 is inspected: agents ask
// for one choice, and a request with n > 1 simply gets its choices as the upstream sent them.
import type { IncomingMessage } from 'node:http';
import { responseHeaders } from '../forward.js';
import { keyFromArguments, RETRIEVE_TOOL, formatEvent, parseData, sseEventOf, sseEvents, type SseEvent, addUsageObject, maxUsage, sumUsageObjects, usageIn, zeroUsage } from '@headroom/core/conversation';
import { isObj, sendContinuation, streamFrom, type RetrievalContext } from './context.js';
import { continuationErrorEvent, JsonReply } from './upstream-reply.js';

type Obj = Record<string, unknown>;

const fnName = (c: unknown) => (isObj(c) && isObj(c.function) ? c.function.name : undefined);
const isRetrieve = (c: unknown): boolean => fnName(c) === RETRIEVE_TOOL;

async function answerAll(ctx: RetrievalContext, calls: Obj[]): Promise<Obj[]> {
  return Promise.all(
    calls.map(async (c) => ({ role: 'tool', tool_call_id: c.id, content: await ctx.answer(keyFromArguments((c.function as Obj).arguments)) })),
  );
}

function nextBody(ctx: RetrievalContext, body: Obj, assistant: Obj, results: Obj[], round: number): Obj {
  return { ...body, messages: [...(body.messages as unknown[]), assistant, ...results], ...(round >= ctx.maxRounds ? { tool_choice: 'none' } : {}) };
}

const isChatCompletion = (v: Obj) => Array.isArray(v.choices) && isObj(v.choices[0]) && isObj(v.choices[0].message);

export async function chatJson(ctx: RetrievalContext, first: IncomingMessage): Promise<Response> {
  let reply = await JsonReply.read(first, isChatCompletion);
  if (!reply.value) return reply.passThrough();
  const initial = reply;
  let out = reply.value;
  let body = ctx.body;
  let shownText = '';
  const rounds: unknown[] = []; // each round's usage object
  let round = 0;
  let changed = false;
  for (;;) {
    const u = usageIn(out);
    if (u) ctx.onUsage(u);
    rounds.push(out.usage);
    const message = (out.choices as Obj[])[0]!.message as Obj;
    const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Obj[]) : [];
    const calls = toolCalls.filter(isRetrieve);
    if (calls.length === 0) break;
    changed = true;
    const results = await answerAll(ctx, calls);
    const clients = toolCalls.filter((c) => !isRetrieve(c));
    if (clients.length > 0 || round >= ctx.maxRounds) {
      if (clients.length > 0) ctx.memory.remember(clients[0]!.id as string, { calls, results });
      if (clients.length > 0) message.tool_calls = clients;
      else delete message.tool_calls;
      if (clients.length === 0) (out.choices as Obj[])[0]!.finish_reason = 'stop';
      break;
    }
    round++;
    if (typeof message.content === 'string') shownText += message.content;
    body = nextBody(ctx, body, message, results, round);
    reply = await JsonReply.read(await sendContinuation(ctx, body), isChatCompletion);
    if (!reply.value) return reply.passThrough();
    out = reply.value;
  }
  if (!changed) return initial.passThrough();
  const message = (out.choices as Obj[])[0]!.message as Obj;
  if (shownText) message.content = shownText + (typeof message.content === 'string' ? message.content : '');
  // The client is billed for every round: report the sums.
  if (round > 0 && isObj(out.usage)) out.usage = sumUsageObjects(rounds);
  return new Response(JSON.stringify(out), { status: 200, headers: responseHeaders(reply.res, ['content-length']) });
}

/** A held finish chunk whose `tool_calls` finish no longer has a visible call. */
function stopInstead(raw: string): string {
  const ev = sseEventOf(raw);
  const d = parseData(ev);
  const choices = Array.isArray(d?.choices) ? (d.choices as Obj[]) : [];
  if (!d || !choices.some((c) => c.finish_reason === 'tool_calls')) return raw;
  return formatEvent(ev.event, { ...d, choices: choices.map((c) => (c.finish_reason === 'tool_calls' ? { ...c, finish_reason: 'stop' } : c)) });
}

export function chatStream(ctx: RetrievalContext, first: IncomingMessage): ReadableStream<Uint8Array> {
  return streamFrom(chatEvents(ctx, first));
}

interface Call {
  id?: string;
  name?: string;
  arguments: string;
}

async function* chatEvents(ctx: RetrievalContext, first: IncomingMessage): AsyncGenerator<string> {
  let res = first;
  let body = ctx.body;
  let nextIndex = 0;
  let id: unknown; // the first round's chunk id: the client sees one id for its whole response
  let billed: unknown; // the usage of the rounds before this one, summed
  for (let round = 0; ; round++) {
    let roundUsage: unknown; // the last usage object of this round (cumulative when repeated)
    /**
     * A chunk as the client gets it. After hidden rounds it keeps the first round's id, and its usage
     * is that of every round so far (what the client is billed).
     */
    const out = (ev: SseEvent, data: Obj, rewritten: boolean): string => {
      if (round === 0) return rewritten ? formatEvent(ev.event, data) : ev.raw;
      const usage = isObj(data.usage) ? { usage: addUsageObject(billed, data.usage) } : {};
      return formatEvent(ev.event, { ...data, ...(id !== undefined && 'id' in data ? { id } : {}), ...usage });
    };
    const calls = new Map<number, Call>();
    const map = new Map<number, number | null>();
    let content = '';
    const held: string[] = [];
    const usage = zeroUsage();
    for await (const ev of sseEvents(res)) {
      const d = parseData(ev);
      if (!d) {
        // `[DONE]` waits for the round's decision; anything else unknown passes.
        if (ev.data === '[DONE]') held.push(ev.raw);
        else yield ev.raw;
        continue;
      }
      maxUsage(usage, usageIn(d));
      if (round === 0 && id === undefined && typeof d.id === 'string') id = d.id;
      if (isObj(d.usage)) roundUsage = d.usage;
      const choices = Array.isArray(d.choices) ? (d.choices as Obj[]) : [];
      const choice = choices.find((c) => isObj(c) && (c.index ?? 0) === 0);
      if (!choice) {
        // A usage-only chunk after the finish waits with it.
        if (held.length > 0) held.push(out(ev, d, false));
        else yield out(ev, d, false);
        continue;
      }
      const delta = isObj(choice.delta) ? choice.delta : {};
      if (typeof delta.content === 'string') content += delta.content;
      let rewritten = false;
      if (Array.isArray(delta.tool_calls)) {
        const kept: Obj[] = [];
        for (const tc of delta.tool_calls as Obj[]) {
          const i = typeof tc.index === 'number' ? tc.index : 0;
          const call = calls.get(i) ?? { arguments: '' };
          calls.set(i, call);
          if (typeof tc.id === 'string') call.id = tc.id;
          if (isObj(tc.function) && typeof tc.function.name === 'string') call.name = tc.function.name;
          if (isObj(tc.function) && typeof tc.function.arguments === 'string') call.arguments += tc.function.arguments;
          if (!map.has(i)) map.set(i, call.name === RETRIEVE_TOOL ? null : nextIndex++);
          const to = map.get(i);
          if (to === null || to === undefined) {
            rewritten = true;
            continue;
          }
          if (to !== i) rewritten = true;
          kept.push({ ...tc, index: to });
        }
        if (rewritten) {
          const onlyCalls = Object.keys(delta).every((k) => k === 'tool_calls') && choice.finish_reason == null;
          if (kept.length === 0 && onlyCalls) continue;
          const { tool_calls: _dropped, ...rest } = delta;
          const newDelta = kept.length > 0 ? { ...rest, tool_calls: kept } : rest;
          const chunk = { ...d, choices: choices.map((c) => (c === choice ? { ...choice, delta: newDelta } : c)) };
          if (choice.finish_reason != null) held.push(out(ev, chunk, true));
          else yield out(ev, chunk, true);
          continue;
        }
      }
      if (choice.finish_reason != null) held.push(out(ev, d, false));
      else yield out(ev, d, false);
    }
    ctx.onUsage(usage);
    billed = addUsageObject(billed, roundUsage);
    const all = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    const retrieves = all.filter((c) => c.name === RETRIEVE_TOOL);
    if (retrieves.length === 0) {
      yield* held;
      return;
    }
    const asObj = (c: Call): Obj => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } });
    const results = await answerAll(ctx, retrieves.map(asObj));
    const clients = all.filter((c) => c.name !== RETRIEVE_TOOL);
    if (clients.length > 0 || round >= ctx.maxRounds) {
      if (clients.length > 0 && clients[0]!.id) ctx.memory.remember(clients[0]!.id, { calls: retrieves.map(asObj), results });
      yield* clients.length > 0 ? held : held.map(stopInstead);
      return;
    }
    const assistant = { role: 'assistant', content: content || null, tool_calls: retrieves.map(asObj) };
    body = nextBody(ctx, body, assistant, results, round + 1);
    res = await sendContinuation(ctx, body);
    if (res.statusCode !== 200) {
      yield await continuationErrorEvent('chat', res);
      return;
    }
  }
}
