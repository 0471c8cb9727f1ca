// Issue 14, defect 4: after a hidden retrieval round the client's usage is what it was billed — the sum
// of every round's usage, every numeric field (nested ones too) — on every route and mode. And (issue
// 14, smaller item) a streamed response keeps one chunk/message id from start to end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import {
  anthropicHistory,
  anthropicMessage,
  anthropicSse,
  callItem,
  chatCompletion,
  chatHistory,
  chatSse,
  messageItem,
  responseObject,
  responsesInput,
  responsesSse,
  retrieveUse,
} from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-billed-usage-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let key = '';
let openai: OpenAI;
let anthropicClient: Anthropic;

const RTOOLS = [{ type: 'function' as const, name: 'list_services', parameters: { type: 'object', properties: {} }, strict: false }];
const CTOOLS = [{ type: 'function' as const, function: { name: 'list_services', parameters: { type: 'object', properties: {} } } }];
const responses = () => ({ model: 'gpt-4o', tools: RTOOLS, input: responsesInput() as OpenAI.Responses.ResponseInput });
const chat = () => ({ model: 'gpt-4o', tools: CTOOLS, messages: chatHistory() as OpenAI.ChatCompletionMessageParam[] });
const anthropic = () => ({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() }) as Anthropic.MessageCreateParamsNonStreaming;

type Obj = Record<string, unknown>;
/** Rewrites the JSON of each SSE event (its `data:` line). */
const mapSse = (events: string[], f: (d: Obj) => Obj) =>
  events.map((e) => e.replace(/^data: (\{.*\})$/m, (_, json: string) => `data: ${JSON.stringify(f(JSON.parse(json) as Obj))}`));

async function rawEvents(path: string, body: unknown, headers: Record<string, string>): Promise<Obj[]> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const text = await res.text();
  return [...text.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!) as Obj);
}
const OPENAI = { authorization: 'Bearer sk-test' };
const ANTHROPIC = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

// ---- Anthropic: round 1 (the hidden one), round 2, and their sum ----
const A1 = {
  input_tokens: 100,
  output_tokens: 10,
  cache_read_input_tokens: 40,
  cache_creation_input_tokens: 5,
  cache_creation: { ephemeral_5m_input_tokens: 5, ephemeral_1h_input_tokens: 0 },
  server_tool_use: { web_search_requests: 1 },
  service_tier: 'standard',
};
const A2 = {
  input_tokens: 300,
  output_tokens: 20,
  cache_read_input_tokens: 140,
  cache_creation_input_tokens: 7,
  cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 4 },
  server_tool_use: { web_search_requests: 2 },
  service_tier: 'standard',
};
const ASUM = {
  input_tokens: 400,
  output_tokens: 30,
  cache_read_input_tokens: 180,
  cache_creation_input_tokens: 12,
  cache_creation: { ephemeral_5m_input_tokens: 8, ephemeral_1h_input_tokens: 4 },
  server_tool_use: { web_search_requests: 3 },
  service_tier: 'standard',
};

/** An Anthropic stream whose message_start reports `start` and message_delta `delta` (cumulative), with its own message id. */
const anthropicSseWith = (id: string, blocks: Parameters<typeof anthropicSse>[0], stop: string, start: Obj, delta: Obj) =>
  mapSse(anthropicSse(blocks, stop), (d) =>
    d.type === 'message_start' ? { ...d, message: { ...(d.message as Obj), id, usage: start } } : d.type === 'message_delta' ? { ...d, usage: delta } : d,
  );
const retrieveBlocks = () => [{ type: 'text' as const, text: 'Looking. ' }, { type: 'tool_use' as const, id: 'toolu_r', name: 'headroom_retrieve', input: { key } }];
const anthropicRounds = () => [
  // Round 1 the older way (message_delta carries only output_tokens), round 2 the newer (every figure, cumulative).
  { sse: anthropicSseWith('msg_A', retrieveBlocks(), 'tool_use', { ...A1, output_tokens: 1 }, { output_tokens: 10 }) },
  { sse: anthropicSseWith('msg_B', [{ type: 'text', text: 'done' }], 'end_turn', { ...A2, output_tokens: 1 }, A2) },
];

// ---- Chat ----
const C1 = {
  prompt_tokens: 100,
  completion_tokens: 10,
  total_tokens: 110,
  prompt_tokens_details: { cached_tokens: 30, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 4, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const C2 = {
  prompt_tokens: 250,
  completion_tokens: 25,
  total_tokens: 275,
  prompt_tokens_details: { cached_tokens: 90, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 6, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const CSUM = {
  prompt_tokens: 350,
  completion_tokens: 35,
  total_tokens: 385,
  prompt_tokens_details: { cached_tokens: 120, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 10, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const chatSseWith = (id: string, sse: string[], usage: Obj) => mapSse(sse, (d) => ({ ...d, id, ...(d.usage ? { usage } : {}) }));
const chatRounds = () => [
  { sse: chatSseWith('chatcmpl-A', chatSse('Looking. ', [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ key }) }], 'tool_calls'), C1) },
  { sse: chatSseWith('chatcmpl-B', chatSse('done', []), C2) },
];

// ---- Responses ----
const R1 = { input_tokens: 100, output_tokens: 10, total_tokens: 110, input_tokens_details: { cached_tokens: 20 }, output_tokens_details: { reasoning_tokens: 3 } };
const R2 = { input_tokens: 200, output_tokens: 30, total_tokens: 230, input_tokens_details: { cached_tokens: 60 }, output_tokens_details: { reasoning_tokens: 5 } };
const RSUM = { input_tokens: 300, output_tokens: 40, total_tokens: 340, input_tokens_details: { cached_tokens: 80 }, output_tokens_details: { reasoning_tokens: 8 } };
const responsesSseWith = (sse: string[], usage: Obj) =>
  mapSse(sse, (d) => (d.type === 'response.completed' ? { ...d, response: { ...(d.response as Obj), usage } } : d));
const retrieveItem = () => callItem('headroom_retrieve', JSON.stringify({ key }), 'call_r');

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  anthropicClient = new Anthropic({ apiKey: 'k', baseURL: proxy.url, maxRetries: 0 });
  upstream.script({ json: chatCompletion({ content: 'x' }) });
  await openai.chat.completions.create(chat());
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('usage after a hidden retrieval round is the sum of every round', () => {
  it('Anthropic JSON: every figure summed, cache reads and writes and nested counts included', async () => {
    upstream.script(
      { json: { ...anthropicMessage([{ type: 'text', text: 'Looking. ' }, retrieveUse(key)], 'tool_use'), usage: A1 } },
      { json: { ...anthropicMessage([{ type: 'text', text: 'done' }]), usage: A2 } },
    );
    const msg = await anthropicClient.messages.create(anthropic());
    expect(upstream.received).toHaveLength(2);
    expect(msg.usage).toEqual(ASUM);
  });

  it('Anthropic SSE: the final message_delta reports the sum, and the SDK’s final message has it', async () => {
    upstream.script(...anthropicRounds());
    const events = await rawEvents('/v1/messages', { ...anthropic(), stream: true }, ANTHROPIC);
    expect(upstream.received).toHaveLength(2);
    const delta = events.filter((e) => e.type === 'message_delta');
    expect(delta).toHaveLength(1);
    expect(delta[0]!.usage).toEqual(ASUM);

    upstream.script(...anthropicRounds());
    const msg = await anthropicClient.messages.stream(anthropic()).finalMessage();
    expect(msg.usage).toMatchObject({ input_tokens: 400, output_tokens: 30, cache_read_input_tokens: 180, cache_creation_input_tokens: 12 });
  });

  it('Chat JSON: every figure summed, prompt_tokens_details.cached_tokens included', async () => {
    upstream.script(
      { json: { ...chatCompletion({ tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: JSON.stringify({ key }) } }] }, 'tool_calls'), usage: C1 } },
      { json: { ...chatCompletion({ content: 'done' }), usage: C2 } },
    );
    const out = await openai.chat.completions.create(chat());
    expect(upstream.received).toHaveLength(2);
    expect(out.choices[0]!.message.content).toBe('done');
    expect(out.usage).toEqual(CSUM);
  });

  it('Chat SSE: the usage chunk reports the sum', async () => {
    upstream.script(...chatRounds());
    const chunks = await openai.chat.completions.create({ ...chat(), stream: true, stream_options: { include_usage: true } });
    const usages: unknown[] = [];
    for await (const c of chunks) if (c.usage) usages.push(c.usage);
    expect(upstream.received).toHaveLength(2);
    expect(usages).toEqual([CSUM]);
  });

  it('Responses JSON: every figure summed, input_tokens_details and output_tokens_details included', async () => {
    upstream.script({ json: { ...responseObject([retrieveItem()]), usage: R1 } }, { json: { ...responseObject([messageItem('done')]), usage: R2 } });
    const out = await openai.responses.create(responses());
    expect(upstream.received).toHaveLength(2);
    expect(out.output_text).toBe('done');
    expect(out.usage).toEqual(RSUM);
  });

  it('Responses SSE: response.completed reports the sum', async () => {
    upstream.script({ sse: responsesSseWith(responsesSse([retrieveItem()]), R1) }, { sse: responsesSseWith(responsesSse([messageItem('done')]), R2) });
    const final = await openai.responses.stream(responses()).finalResponse();
    expect(upstream.received).toHaveLength(2);
    expect(final.output_text).toBe('done');
    expect(final.usage).toEqual(RSUM);
  });

  it('a single round (no hidden round) keeps the upstream’s usage untouched', async () => {
    upstream.script({ json: { ...chatCompletion({ content: 'plain' }), usage: C2 } });
    const out = await openai.chat.completions.create(chat());
    expect(out.usage).toEqual(C2);
  });
});

describe('a streamed response keeps one id after a hidden round', () => {
  it('Chat SSE: every chunk has the first round’s id', async () => {
    upstream.script(...chatRounds());
    const events = await rawEvents('/v1/chat/completions', { ...chat(), stream: true }, OPENAI);
    expect(upstream.received).toHaveLength(2);
    expect(events.some((e) => JSON.stringify(e).includes('"done"'))).toBe(true);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(['chatcmpl-A']));
  });

  it('Anthropic SSE: one message_start, with the first round’s id', async () => {
    upstream.script(...anthropicRounds());
    const events = await rawEvents('/v1/messages', { ...anthropic(), stream: true }, ANTHROPIC);
    expect(upstream.received).toHaveLength(2);
    const ids = events.flatMap((e) => [e.id, (e.message as Obj | undefined)?.id].filter((v) => v !== undefined));
    expect(ids).toEqual(['msg_A']);
  });
});
