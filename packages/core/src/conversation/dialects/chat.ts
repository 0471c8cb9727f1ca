// OpenAI Chat Completions: tool calls are the message's `tool_calls`, answers `tool` messages. Only
// choice 0 is inspected: agents ask for one choice, and a request with n > 1 simply gets its choices as
// the upstream sent them.
import type { Dialect, Obj, SseStreamer, StreamedRound } from '../dialect.js';
import { isObj } from '../reply.js';
import { keyFromArguments, RETRIEVE_TOOL } from '../retrieve-tool.js';
import { formatEvent, parseData, sseEventOf, type SseEvent } from '../sse.js';
import { streamErrorEvent } from '../stream-error.js';
import { addUsageObject, maxUsage, usageIn, zeroUsage } from '../usage.js';

const fn = (c: Obj): Obj => (isObj(c.function) ? c.function : {});
const isRetrieve = (c: Obj): boolean => fn(c).name === RETRIEVE_TOOL;
const choice0 = (reply: Obj): Obj => (reply.choices as Obj[])[0]!;
const message = (reply: Obj): Obj => choice0(reply).message as Obj;
const toolCalls = (reply: Obj): Obj[] => {
  const calls = message(reply).tool_calls;
  return Array.isArray(calls) ? calls.filter(isObj) : [];
};

export const chat: Dialect = {
  isReply: (v) => Array.isArray(v.choices) && isObj(v.choices[0]) && isObj(v.choices[0].message),
  calls: toolCalls,
  isRetrieve,
  keyOf: (call) => keyFromArguments(fn(call).arguments),
  callId: (call) => (typeof call.id === 'string' && call.id ? call.id : undefined),
  result: (call, text) => ({ role: 'tool', tool_call_id: call.id, content: text }),
  nextBody(body, reply, results, lastRound) {
    return { ...body, messages: [...(body.messages as unknown[]), message(reply), ...results], ...(lastRound ? { tool_choice: 'none' } : {}) };
  },
  hide(reply, endTurn) {
    const m = message(reply);
    const clients = toolCalls(reply).filter((c) => !isRetrieve(c));
    if (clients.length > 0) m.tool_calls = clients;
    else delete m.tool_calls;
    if (endTurn) choice0(reply).finish_reason = 'stop';
  },
  visible: (reply) => (typeof message(reply).content === 'string' ? [message(reply).content] : []),
  prepend(reply, shown) {
    const text = shown.join('');
    const m = message(reply);
    if (text) m.content = text + (typeof m.content === 'string' ? m.content : '');
  },
  streamer: () => new ChatStreamer(),
};

/** A held finish chunk whose `tool_calls` finish no longer has a visible call. */
function stopInstead(raw: string): string {
  const ev = sseEventOf(raw);
  const d = parseData(ev);
  const choices = Array.isArray(d?.choices) ? (d.choices as Obj[]) : [];
  if (!d || !choices.some((c) => c.finish_reason === 'tool_calls')) return raw;
  return formatEvent(ev.event, { ...d, choices: choices.map((c) => (c.finish_reason === 'tool_calls' ? { ...c, finish_reason: 'stop' } : c)) });
}

interface Call {
  id?: string;
  name?: string;
  arguments: string;
}

class ChatStreamer implements SseStreamer {
  private nextIndex = 0;
  private id: unknown; // the first round's chunk id: the client sees one id for its whole response

  async *round(events: AsyncIterator<SseEvent>, round: number, billedBefore: unknown): AsyncGenerator<string, StreamedRound | undefined> {
    /**
     * A chunk as the client gets it. After hidden rounds it keeps the first round's id, and its usage
     * is that of every round so far (what the client is billed).
     */
    const out = (ev: SseEvent, data: Obj, rewritten: boolean): string => {
      if (round === 0) return rewritten ? formatEvent(ev.event, data) : ev.raw;
      const usage = isObj(data.usage) ? { usage: addUsageObject(billedBefore, data.usage) } : {};
      return formatEvent(ev.event, { ...data, ...(this.id !== undefined && 'id' in data ? { id: this.id } : {}), ...usage });
    };
    const calls = new Map<number, Call>();
    const map = new Map<number, number | null>();
    let content = '';
    const held: string[] = [];
    const usage = zeroUsage();
    let roundUsage: unknown; // the last usage object of this round (cumulative when repeated)
    const end = (): StreamedRound => {
      const all = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
      const msg = { role: 'assistant', content: content || null, ...(all.length > 0 ? { tool_calls: all } : {}) };
      return {
        reply: { choices: [{ index: 0, message: msg }], usage: roundUsage },
        usage,
        finish: (f) => (f.endTurn ? held.map(stopInstead) : held),
      };
    };
    for (let r = await events.next(); !r.done; r = await events.next()) {
      const ev = r.value;
      const d = parseData(ev);
      if (!d) {
        // `[DONE]` ends the round and waits for its decision; anything else unknown passes.
        if (ev.data !== '[DONE]') {
          yield ev.raw;
          continue;
        }
        held.push(ev.raw);
        return end();
      }
      maxUsage(usage, usageIn(d));
      if (round === 0 && this.id === undefined && typeof d.id === 'string') this.id = d.id;
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
        for (const tc of (delta.tool_calls as unknown[]).filter(isObj)) {
          const i = typeof tc.index === 'number' ? tc.index : 0;
          const call = calls.get(i) ?? { arguments: '' };
          calls.set(i, call);
          if (typeof tc.id === 'string') call.id = tc.id;
          if (isObj(tc.function) && typeof tc.function.name === 'string') call.name = tc.function.name;
          if (isObj(tc.function) && typeof tc.function.arguments === 'string') call.arguments += tc.function.arguments;
          if (!map.has(i)) map.set(i, call.name === RETRIEVE_TOOL ? null : this.nextIndex++);
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
    // Ended without `[DONE]`: the round is still decided on what arrived.
    return end();
  }

  continuing(): void {}

  errorEvent(status: number, text: string): string {
    return streamErrorEvent('chat', status, text);
  }
}
