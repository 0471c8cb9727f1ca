import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { callItem, chatCompletion, chatHistory, chatSse, messageItem, responseObject, responsesInput, responsesSse, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-openai-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let client: OpenAI;
let key = '';

const TOOLS = [{ type: 'function' as const, function: { name: 'list_services', parameters: { type: 'object', properties: {} } } }];
const chat = () => ({ model: 'gpt-4o', tools: TOOLS, messages: chatHistory() as OpenAI.ChatCompletionMessageParam[] });
const RTOOLS = [{ type: 'function' as const, name: 'list_services', parameters: { type: 'object', properties: {} }, strict: false }];
const responses = () => ({ model: 'gpt-4o', tools: RTOOLS, input: responsesInput() as OpenAI.Responses.ResponseInput });
const retrieveArgs = () => JSON.stringify({ key });

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  upstream.script({ json: chatCompletion({ content: 'x' }) });
  await client.chat.completions.create(chat());
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('OpenAI Chat Completions through the proxy', () => {
  it('compresses the tool message and adds the retrieve tool', () => {
    const sent = upstream.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.stringify((sent.json!.messages as unknown[])[2])).toContain('[headroom: omitted 293 items of 300');
    expect((sent.json!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['list_services', 'headroom_retrieve']);
  });

  it('answers headroom_retrieve (JSON)', async () => {
    upstream.script(
      { json: chatCompletion({ tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: retrieveArgs() } }] }, 'tool_calls') },
      { json: chatCompletion({ content: 'service-137 is down' }) },
    );
    const res = await client.chat.completions.create(chat());
    expect(res.choices[0]!.message.content).toBe('service-137 is down');
    expect(res.choices[0]!.message.tool_calls).toBeUndefined();
    const cont = upstream.received[1]!.json!.messages as Record<string, unknown>[];
    expect(cont.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
  });

  it('answers headroom_retrieve in a stream', async () => {
    upstream.script(
      { sse: chatSse(null, [{ id: 'call_r', name: 'headroom_retrieve', args: retrieveArgs() }], 'tool_calls') },
      { sse: chatSse('service-137 is down', []) },
    );
    const stream = await client.chat.completions.create({ ...chat(), stream: true, stream_options: { include_usage: true } });
    let text = '';
    const finish: (string | null)[] = [];
    let toolDeltas = 0;
    let dones = 0;
    for await (const chunk of stream) {
      const c = chunk.choices[0];
      if (!c) {
        dones++;
        continue;
      }
      text += c.delta.content ?? '';
      if (c.delta.tool_calls) toolDeltas++;
      if (c.finish_reason) finish.push(c.finish_reason);
    }
    expect(text).toBe('service-137 is down');
    expect(toolDeltas).toBe(0);
    expect(finish).toEqual(['stop']);
    expect(dones).toBe(1); // one usage chunk: the hidden round's is not shown
    expect(upstream.received).toHaveLength(2);
  });

  it('mixed with a client tool in a stream: only the client call is shown, with index 0', async () => {
    upstream.script({
      sse: chatSse('', [
        { id: 'call_r', name: 'headroom_retrieve', args: retrieveArgs() },
        { id: 'call_c', name: 'list_services', args: '{}' },
      ], 'tool_calls'),
    });
    const stream = client.chat.completions.stream({ ...chat() });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls).toEqual([{ id: 'call_c', type: 'function', function: { name: 'list_services', arguments: '{}' } }]);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');

    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await client.chat.completions.create({
      ...chat(),
      messages: [...chat().messages, { role: 'assistant', content: null, tool_calls: [{ id: 'call_c', type: 'function', function: { name: 'list_services', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'call_c', content: 'ok' }],
    });
    const sent = upstream.received[0]!.json!.messages as Record<string, unknown>[];
    expect((sent[3]!.tool_calls as { id: string }[]).map((c) => c.id)).toEqual(['call_c', 'call_r']);
    expect(sent[4]).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
    expect(sent[5]).toEqual({ role: 'tool', tool_call_id: 'call_c', content: 'ok' });
  });

  it('passes a 500 through verbatim', async () => {
    upstream.script({ status: 500, text: '{"error":{"message":"boom","type":"server_error"}}' });
    const err = (await client.chat.completions.create(chat()).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(500);
    expect(err.error).toEqual({ message: 'boom', type: 'server_error' });
  });

  it('forwards GET /v1/models untouched', async () => {
    upstream.script({ json: { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] } });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o']);
    expect(upstream.received[0]!.url).toBe('/v1/models');
  });
});

describe('OpenAI Responses through the proxy', () => {
  it('answers headroom_retrieve (JSON) and keeps the visible items of every round', async () => {
    upstream.script(
      { json: responseObject([callItem('headroom_retrieve', retrieveArgs(), 'call_r')]) },
      { json: responseObject([messageItem('service-137 is down')]) },
    );
    const res = await client.responses.create(responses());
    expect(res.output_text).toBe('service-137 is down');
    expect(res.output.map((i) => i.type)).toEqual(['message']);
    const input = upstream.received[1]!.json!.input as Record<string, unknown>[];
    expect(input.at(-1)).toEqual({ type: 'function_call_output', call_id: 'call_r', output: SERVICES });
    expect(JSON.stringify(upstream.received[0]!.json!.input)).toContain('[headroom: omitted 293 items of 300');
  });

  it('answers headroom_retrieve in a stream', async () => {
    upstream.script({ sse: responsesSse([callItem('headroom_retrieve', retrieveArgs(), 'call_r')]) }, { sse: responsesSse([messageItem('service-137 is down')]) });
    const stream = client.responses.stream(responses());
    const types: string[] = [];
    const indices = new Set<number>();
    stream.on('event', (e) => {
      types.push(e.type);
      if ('output_index' in e) indices.add(e.output_index);
    });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('service-137 is down');
    expect(types.filter((t) => t === 'response.created')).toHaveLength(1);
    expect(types.filter((t) => t === 'response.completed')).toHaveLength(1);
    expect(types.some((t) => t.startsWith('response.function_call'))).toBe(false);
    expect([...indices]).toEqual([0]);
  });

  it('mixed with a client call in a stream: the client call is shown at output index 0', async () => {
    upstream.script({ sse: responsesSse([callItem('headroom_retrieve', retrieveArgs(), 'call_r'), callItem('list_services', '{}', 'call_c')]) });
    const stream = client.responses.stream(responses());
    const indices = new Set<number>();
    stream.on('event', (e) => {
      if ('output_index' in e) indices.add(e.output_index);
    });
    const final = await stream.finalResponse();
    expect(final.output.map((i) => (i.type === 'function_call' ? i.call_id : i.type))).toEqual(['call_c']);
    expect([...indices]).toEqual([0]);
    expect(upstream.received).toHaveLength(1);
  });

  it('mixed with a client call: the client sees only its own call', async () => {
    upstream.script({ json: responseObject([callItem('headroom_retrieve', retrieveArgs(), 'call_r'), callItem('list_services', '{}', 'call_c')]) });
    const res = await client.responses.create(responses());
    expect(res.output.map((i) => (i.type === 'function_call' ? i.name : i.type))).toEqual(['list_services']);
    upstream.script({ json: responseObject([messageItem('ok')]) });
    await client.responses.create({
      ...responses(),
      input: [...responsesInput(), callItem('list_services', '{}', 'call_c'), { type: 'function_call_output', call_id: 'call_c', output: 'ok' }] as OpenAI.Responses.ResponseInput,
    });
    const input = upstream.received[0]!.json!.input as Record<string, unknown>[];
    expect(input.slice(3).map((i) => `${i.type as string}:${i.call_id as string}`)).toEqual([
      'function_call:call_c',
      'function_call:call_r',
      'function_call_output:call_r',
      'function_call_output:call_c',
    ]);
  });
});
