// withHeadroom() with the real `openai` and `@anthropic-ai/sdk` clients against a local fake upstream:
// compression seen upstream, the retrieval round trip answered in process (JSON and streams), streams
// incremental, usage intact, the same client type back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHeadroom } from '../src/adapters/index.js';
import { openStore, type CcrStore } from '../src/index.js';
// The proxy's own fake upstream and recorded-shape replies: one copy for both packages' tests.
import { FakeUpstream } from '../../proxy/test/support/fake-upstream.js';
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
  retrieveUse,
  SERVICES,
} from '../../proxy/test/support/fixtures.js';

const upstream = new FakeUpstream();
let store: CcrStore;
let openai: OpenAI;
let anthropic: Anthropic;

const OMITTED = '[headroom: omitted 293 items of 300';
const keyOf = (v: unknown) => /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(v))![1]!;
const TOOLS = [{ type: 'function' as const, function: { name: 'list_services', parameters: { type: 'object', properties: {} } } }];
const chat = () => ({ model: 'gpt-4o', tools: TOOLS, messages: chatHistory() as OpenAI.ChatCompletionMessageParam[] });
const ATOOLS = [{ name: 'list_services', description: 'List services', input_schema: { type: 'object' as const, properties: {} } }];
const ask = () => ({ model: 'claude-sonnet-4-6', max_tokens: 100, tools: ATOOLS, messages: anthropicHistory() as Anthropic.MessageParam[] });

beforeAll(async () => {
  await upstream.start();
  store = await openStore({ home: mkdtempSync(join(tmpdir(), 'headroom-adapters-')) });
  openai = withHeadroom(new OpenAI({ apiKey: 'sk-test', baseURL: `${upstream.url}/v1`, maxRetries: 0 }), { store, budgetMs: 30_000 });
  anthropic = withHeadroom(new Anthropic({ apiKey: 'sk-ant-test', baseURL: upstream.url, maxRetries: 0 }), { store, budgetMs: 30_000 });
});

afterAll(async () => {
  await upstream.stop();
  await store.close();
});

describe('withHeadroom(new OpenAI())', () => {
  it('gives back an OpenAI client whose chat.completions.create sends the tool result compressed', async () => {
    expect(openai).toBeInstanceOf(OpenAI);
    upstream.script({ json: chatCompletion({ content: 'service-137' }) });
    const res = await openai.chat.completions.create(chat());
    expect(res.choices[0]!.message.content).toBe('service-137');
    expect(res.usage).toEqual({ prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 30 } });
    const sent = upstream.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    const messages = sent.json!.messages as { content: string }[];
    expect(messages[2]!.content).toContain(OMITTED);
    expect(messages[2]!.content).toContain('error: disk full');
    expect((sent.json!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['list_services', 'headroom_retrieve']);
    expect((await store.get(keyOf(messages))).found).toBe(true);
  });

  it('answers headroom_retrieve in process (JSON): the client gets the final answer, billed for both rounds', async () => {
    upstream.script({ json: chatCompletion({ content: 'x' }) });
    await openai.chat.completions.create(chat());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { json: chatCompletion({ tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: JSON.stringify({ key }) } }] }, 'tool_calls') },
      { json: chatCompletion({ content: 'service-137 is down' }) },
    );
    const res = await openai.chat.completions.create(chat());
    expect(res.choices[0]!.message.content).toBe('service-137 is down');
    expect(res.choices[0]!.message.tool_calls).toBeUndefined();
    expect(res.usage!.prompt_tokens).toBe(200);
    expect(upstream.received).toHaveLength(2);
    expect((upstream.received[1]!.json!.messages as unknown[]).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
  });

  it('streams incrementally and answers headroom_retrieve inside the stream', async () => {
    upstream.script({ json: chatCompletion({ content: 'x' }) });
    await openai.chat.completions.create(chat());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { sse: chatSse(null, [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ key }) }], 'tool_calls') },
      { sse: chatSse('service-137 is down', []), delayMs: 30 },
    );
    const stream = await openai.chat.completions.create({ ...chat(), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) {
      chunks++;
      text += c.choices[0]?.delta.content ?? '';
      if (c.usage) usage = c.usage;
    }
    expect(text).toBe('service-137 is down');
    expect(chunks).toBeGreaterThan(2);
    expect(usage!.prompt_tokens).toBe(200);
    expect(JSON.stringify(upstream.received[1]!.json!.messages)).toContain(JSON.stringify(SERVICES));
  });

  it('responses.create compresses the function_call_output', async () => {
    upstream.script({ json: responseObject([messageItem('service-137')]) });
    const res = await openai.responses.create({ model: 'gpt-4o', input: responsesInput() as OpenAI.Responses.ResponseInput });
    expect(res.output_text).toBe('service-137');
    expect(res.usage!.input_tokens).toBe(100);
    expect(upstream.received[0]!.url).toBe('/v1/responses');
    expect(JSON.stringify((upstream.received[0]!.json!.input as unknown[])[2])).toContain(OMITTED);
  });

  it('a Responses retrieval call is answered and hidden', async () => {
    upstream.script({ json: responseObject([messageItem('x')]) });
    await openai.responses.create({ model: 'gpt-4o', input: responsesInput() as OpenAI.Responses.ResponseInput });
    const key = keyOf(upstream.received[0]!.json);
    upstream.script({ json: responseObject([callItem('headroom_retrieve', JSON.stringify({ key }), 'call_r')]) }, { json: responseObject([messageItem('service-137 is down')]) });
    const res = await openai.responses.create({ model: 'gpt-4o', input: responsesInput() as OpenAI.Responses.ResponseInput });
    expect(res.output_text).toBe('service-137 is down');
    expect(res.output.some((o) => o.type === 'function_call')).toBe(false);
  });

  it('other endpoints go through untouched', async () => {
    upstream.script({ json: { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] } });
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o']);
    expect(upstream.received[0]!.url).toBe('/v1/models');
  });
});

describe('withHeadroom(new Anthropic())', () => {
  it('messages.create sends the tool_result compressed and adds the retrieve tool', async () => {
    expect(anthropic).toBeInstanceOf(Anthropic);
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'service-137' }]) });
    const msg = await anthropic.messages.create(ask());
    expect(msg.content).toEqual([{ type: 'text', text: 'service-137' }]);
    expect(msg.usage.cache_read_input_tokens).toBe(40);
    const sent = upstream.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-ant-test'); // how this SDK version sends its key, through withOptions too
    expect(JSON.stringify((sent.json!.messages as unknown[])[2])).toContain(OMITTED);
    expect((sent.json!.tools as { name: string }[]).map((t) => t.name)).toEqual(['list_services', 'headroom_retrieve']);
  });

  it('messages.create: the retrieval round trip is answered in process', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await anthropic.messages.create(ask());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { json: anthropicMessage([{ type: 'text', text: 'Let me look. ' }, retrieveUse(key)], 'tool_use') },
      { json: anthropicMessage([{ type: 'text', text: 'Only service-137 fails.' }]) },
    );
    const msg = await anthropic.messages.create(ask());
    expect(msg.content).toEqual([
      { type: 'text', text: 'Let me look. ' },
      { type: 'text', text: 'Only service-137 fails.' },
    ]);
    expect(msg.usage.input_tokens).toBe(200);
    expect((upstream.received[1]!.json!.messages as unknown[]).at(-1)).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_r', content: SERVICES }] });
  });

  it('messages.stream: events arrive as they are sent, retrieval inside the stream, one message_start and stop', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await anthropic.messages.create(ask());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { sse: anthropicSse([{ type: 'text', text: 'Checking. ' }, { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }], 'tool_use'), delayMs: 20 },
      { sse: anthropicSse([{ type: 'text', text: 'service-137 has a full disk.' }]), delayMs: 20 },
    );
    const stream = anthropic.messages.stream(ask());
    const types: string[] = [];
    let textBeforeEnd = '';
    stream.on('text', (t) => (textBeforeEnd += t));
    stream.on('streamEvent', (e) => types.push(e.type));
    const msg = await stream.finalMessage();
    expect(textBeforeEnd).toBe('Checking. service-137 has a full disk.');
    expect(msg.content.map((b) => (b.type === 'text' ? b.text : b.type))).toEqual(['Checking. ', 'service-137 has a full disk.']);
    expect(types.filter((t) => t === 'message_start')).toHaveLength(1);
    expect(types.filter((t) => t === 'message_stop')).toHaveLength(1);
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
    expect(JSON.stringify(upstream.received[1]!.json!.messages)).toContain(JSON.stringify(SERVICES));
  });

  it('a key the conversation was not given is not answered from the store', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await anthropic.messages.create(ask());
    const other = 'hr_0123456789abcdef01234567';
    upstream.script(
      { json: anthropicMessage([retrieveUse(other)], 'tool_use') },
      { json: anthropicMessage([{ type: 'text', text: 'ok' }]) },
    );
    await anthropic.messages.create(ask());
    expect(JSON.stringify((upstream.received[1]!.json!.messages as unknown[]).at(-1))).toContain('unknown key here');
  });
});
