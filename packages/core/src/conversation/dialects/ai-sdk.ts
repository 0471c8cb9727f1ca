// The Vercel AI SDK's model interface (LanguageModelV3), for `headroomMiddleware`: a reply is a
// generate result whose `content` holds `tool-call` parts (input as JSON text), answers are `tool-result`
// parts of a `tool` message in the prompt, and streams are part objects. The SDK's prompt is not a
// provider's history, so a hidden exchange is not put back into later requests (no splice memory): the
// marker stays in the tool result, and the model can ask again.
import type { Dialect, Finish, Obj, StreamedRound, Streamer } from '../dialect.js';
import { isObj } from '../reply.js';
import { keyFromArguments, RETRIEVE_TOOL } from '../retrieve-tool.js';
import { zeroUsage } from '../usage.js';

const content = (reply: Obj): Obj[] => (Array.isArray(reply.content) ? reply.content : []).filter(isObj);
const isCall = (p: Obj): boolean => p.type === 'tool-call' && p.providerExecuted !== true;
const isRetrieve = (p: Obj): boolean => p.type === 'tool-call' && p.toolName === RETRIEVE_TOOL;

function parsed(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** A reply's content as the assistant message of the next call's prompt. */
function assistantParts(reply: Obj): Obj[] {
  const options = (p: Obj) => (isObj(p.providerMetadata) ? { providerOptions: p.providerMetadata } : {});
  return content(reply).flatMap((p): Obj[] => {
    if (p.type === 'text') return [{ type: 'text', text: p.text, ...options(p) }];
    if (p.type === 'reasoning') return [{ type: 'reasoning', text: p.text, ...options(p) }];
    if (p.type === 'tool-call') return [{ type: 'tool-call', toolCallId: p.toolCallId, toolName: p.toolName, input: parsed(p.input), ...(p.providerExecuted ? { providerExecuted: true } : {}), ...options(p) }];
    return [];
  });
}

const stopped = (reason: unknown): Obj => ({ unified: 'stop', raw: isObj(reason) ? reason.raw : undefined });

export const aiSdk: Dialect<AiSdkStreamer> = {
  isReply: (v) => Array.isArray(v.content),
  calls: (reply) => content(reply).filter(isCall),
  isRetrieve,
  keyOf: (call) => keyFromArguments(call.input),
  callId: () => undefined,
  result: (call, text) => ({ type: 'tool-result', toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'text', value: text } }),
  nextBody(params, reply, results, lastRound) {
    const prompt = [...(params.prompt as unknown[]), { role: 'assistant', content: assistantParts(reply) }, { role: 'tool', content: results }];
    return { ...params, prompt, ...(lastRound ? { toolChoice: { type: 'none' } } : {}) };
  },
  hide(reply, endTurn) {
    reply.content = content(reply).filter((p) => !isRetrieve(p));
    if (endTurn) reply.finishReason = stopped(reply.finishReason);
  },
  visible: (reply) => content(reply).filter((p) => !isRetrieve(p)),
  prepend(reply, shown) {
    reply.content = [...shown, ...content(reply)];
  },
  streamer: () => new AiSdkStreamer(),
};

/** Stream parts: the hidden call's input parts and call are dropped; `finish` waits for the decision. */
export class AiSdkStreamer implements Streamer<Obj, Obj> {
  async *round(events: AsyncIterator<Obj>, round: number): AsyncGenerator<Obj, StreamedRound<Obj> | undefined> {
    const hidden = new Set<unknown>(); // ids of the retrieve calls' input parts
    const texts = new Map<unknown, Obj>(); // the round's text, by part id, in order (for the continuation)
    const calls: Obj[] = [];
    for (let r = await events.next(); !r.done; r = await events.next()) {
      const p = r.value;
      const type = p.type;
      // One stream for the client: the first round's start and response metadata stand for all.
      if (round > 0 && (type === 'stream-start' || type === 'response-metadata')) continue;
      if (type === 'tool-input-start' && p.toolName === RETRIEVE_TOOL) hidden.add(p.id);
      if ((type === 'tool-input-start' || type === 'tool-input-delta' || type === 'tool-input-end') && hidden.has(p.id)) continue;
      if (type === 'text-start') texts.set(p.id, { type: 'text', text: '' });
      if (type === 'text-delta') {
        const t = texts.get(p.id) ?? { type: 'text', text: '' };
        t.text = String(t.text) + String(p.delta ?? '');
        texts.set(p.id, t);
      }
      if (type === 'tool-call') {
        calls.push(p);
        if (isRetrieve(p)) continue;
      }
      if (type === 'finish') {
        return {
          reply: { content: [...texts.values(), ...calls], usage: p.usage, finishReason: p.finishReason },
          usage: zeroUsage(),
          finish: (f: Finish) => [{ ...p, ...(f.billed ? { usage: f.billed } : {}), ...(f.endTurn ? { finishReason: stopped(p.finishReason) } : {}) }],
        };
      }
      yield p;
    }
    return undefined; // no finish part: the client gets the stream as the model ended it
  }

  continuing(): void {}
}
