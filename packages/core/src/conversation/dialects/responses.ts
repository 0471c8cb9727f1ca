// OpenAI Responses: tool calls are `function_call` output items, answers `function_call_output` input
// items. Output items of the hidden calls are removed; items of every round the client saw are kept.
import type { Dialect, Obj, SseStreamer, StreamedRound } from '../dialect.js';
import { isObj } from '../reply.js';
import { keyFromArguments, RETRIEVE_TOOL } from '../retrieve-tool.js';
import { formatEvent, parseData, type SseEvent } from '../sse.js';
import { streamErrorEvent } from '../stream-error.js';
import { readUsage, zeroUsage } from '../usage.js';

const isRetrieve = (i: Obj): boolean => i.type === 'function_call' && i.name === RETRIEVE_TOOL;
const isCall = (i: Obj): boolean => typeof i.type === 'string' && i.type.endsWith('_call');
const output = (reply: Obj): Obj[] => (Array.isArray(reply.output) ? reply.output : []).filter(isObj);

export const responses: Dialect = {
  isReply: (v) => Array.isArray(v.output),
  calls: (reply) => output(reply).filter(isCall),
  isRetrieve,
  keyOf: (call) => keyFromArguments(call.arguments),
  callId: (call) => (typeof call.call_id === 'string' ? call.call_id : undefined),
  result: (call, text) => ({ type: 'function_call_output', call_id: call.call_id, output: text }),
  nextBody(body, reply, results, lastRound) {
    const input = Array.isArray(body.input) ? body.input : typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : [];
    return { ...body, input: [...input, ...output(reply), ...results], ...(lastRound ? { tool_choice: 'none' } : {}) };
  },
  hide(reply) {
    reply.output = output(reply).filter((i) => !isRetrieve(i));
  },
  visible: (reply) => output(reply).filter((i) => !isRetrieve(i)),
  prepend(reply, shown) {
    reply.output = [...shown, ...output(reply)];
  },
  streamer: () => new ResponsesStreamer(),
};

const FINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

class ResponsesStreamer implements SseStreamer {
  private nextIndex = 0;
  private seq = 0; // continuation rounds renumber sequence_number after what the client has seen
  private readonly shown: unknown[] = [];

  async *round(events: AsyncIterator<SseEvent>, round: number): AsyncGenerator<string, StreamedRound | undefined> {
    const map = new Map<number, number | null>();
    for (let r = await events.next(); !r.done; r = await events.next()) {
      const ev = r.value;
      const d = parseData(ev);
      if (!d) {
        yield ev.raw;
        continue;
      }
      const type = String(d.type ?? '');
      if (round > 0 && (type === 'response.created' || type === 'response.in_progress')) continue;
      if (FINAL.has(type)) return this.end(ev, d, round);
      let data = d;
      let changed = false;
      if (typeof d.output_index === 'number') {
        const i = d.output_index;
        if (type === 'response.output_item.added') map.set(i, isObj(d.item) && isRetrieve(d.item) ? null : this.nextIndex++);
        const to = map.get(i);
        if (to === null) continue;
        if (to !== undefined && to !== i) {
          data = { ...data, output_index: to };
          changed = true;
        }
      }
      if (round > 0 && typeof d.sequence_number === 'number') {
        data = { ...data, sequence_number: this.seq++ };
        changed = true;
      } else if (typeof d.sequence_number === 'number') this.seq = Math.max(this.seq, d.sequence_number + 1);
      yield changed ? formatEvent(ev.event, data) : ev.raw;
    }
    return undefined; // no final event: the client gets the stream as the upstream ended it
  }

  private end(ev: SseEvent, final: Obj, round: number): StreamedRound {
    const response = isObj(final.response) ? final.response : {};
    return {
      reply: response,
      usage: readUsage(response.usage) ?? zeroUsage(),
      finish: (f) => {
        if (!f.hid && round === 0) return [ev.raw];
        // After hidden rounds the client is billed for every round. The response id stays the last
        // round's: it is the one a later `previous_response_id` can continue from (the first round's
        // stored response ends with an unanswered retrieve call).
        const visible = output(response).filter((i) => !isRetrieve(i));
        const data = {
          ...final,
          response: { ...response, output: [...this.shown, ...visible], ...(f.billed && isObj(response.usage) ? { usage: f.billed } : {}) },
          ...(round > 0 ? { sequence_number: this.seq++ } : {}),
        };
        return [formatEvent(ev.event, data)];
      },
    };
  }

  continuing(r: StreamedRound): void {
    this.shown.push(...output(r.reply).filter((i) => !isRetrieve(i)));
  }

  errorEvent(status: number, text: string): string {
    return streamErrorEvent('responses', status, text, this.seq++);
  }
}
