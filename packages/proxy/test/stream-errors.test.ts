// Issue 14, defect 2: a retrieval continuation that fails after the stream's headers went out reaches the
// client as the stream error event of its API's spec, so SDKs end the stream with an error, never with a
// silent, empty success.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicSse, callItem, chatCompletion, chatHistory, chatSse, responsesInput, responsesSse } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-stream-errors-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let key = '';

const RTOOLS = [{ type: 'function' as const, name: 'list_services', parameters: { type: 'object', properties: {} }, strict: false }];
const CTOOLS = [{ type: 'function' as const, function: { name: 'list_services', parameters: { type: 'object', properties: {} } } }];
const responses = () => ({ model: 'gpt-4o', tools: RTOOLS, input: responsesInput() as OpenAI.Responses.ResponseInput });
const chat = () => ({ model: 'gpt-4o', tools: CTOOLS, messages: chatHistory() as OpenAI.ChatCompletionMessageParam[] });
const anthropic = () => ({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() }) as Anthropic.MessageCreateParamsNonStreaming;

/** The SSE events the client received, each with its terminating blank line. */
async function eventsOf(path: string, body: unknown, headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text.split(/(?<=\n\n)/).filter((e) => e.trim() !== '');
}
const OPENAI = { authorization: 'Bearer sk-test' };
const ANTHROPIC = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

const SERVER_ERROR = '{"error":{"message":"boom","type":"server_error","param":null,"code":null}}';
const retrieveResponsesSse = () => responsesSse([callItem('headroom_retrieve', JSON.stringify({ key }), 'call_r')]);
const retrieveChatSse = () => chatSse(null, [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ key }) }], 'tool_calls');
const retrieveAnthropicSse = () => anthropicSse([{ type: 'text', text: 'Looking. ' }, { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }], 'tool_use');

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  upstream.script({ json: chatCompletion({ content: 'x' }) });
  await new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 }).chat.completions.create(chat());
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('a failed retrieval continuation in a stream', () => {
  it('Responses: an `error` event of type "error" with code, message, param and the next sequence number', async () => {
    upstream.script({ sse: retrieveResponsesSse() }, { status: 500, text: SERVER_ERROR });
    const events = await eventsOf('/v1/responses', { ...responses(), stream: true }, OPENAI);
    expect(upstream.received).toHaveLength(2);
    // The client saw response.created (0) and response.in_progress (1); the hidden call's events are gone.
    expect(events.map((e) => /^event: (.*)$/m.exec(e)?.[1])).toEqual(['response.created', 'response.in_progress', 'error']);
    expect(events.at(-1)).toBe('event: error\ndata: {"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":2}\n\n');
  });

  it('Responses: the openai SDK sees the error event and its stream helper rejects', async () => {
    upstream.script({ sse: retrieveResponsesSse() }, { status: 500, text: SERVER_ERROR });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const seen: { type: string }[] = [];
    for await (const ev of await client.responses.create({ ...responses(), stream: true })) seen.push(ev);
    const last = seen.at(-1) as OpenAI.Responses.ResponseErrorEvent;
    expect(last).toEqual({ type: 'error', code: 'server_error', message: 'boom', param: null, sequence_number: 2 });
    expect(seen.some((e) => e.type === 'response.completed')).toBe(false);

    upstream.script({ sse: retrieveResponsesSse() }, { status: 500, text: SERVER_ERROR });
    const outcome = await client.responses
      .stream(responses())
      .finalResponse()
      .then(
        () => 'resolved',
        (e: unknown) => e,
      );
    expect(outcome).toMatchObject({ type: 'error', message: 'boom' });
  });

  it('Responses: a body that is not JSON still gives the spec shape', async () => {
    upstream.script({ sse: retrieveResponsesSse() }, { status: 502, text: 'Bad Gateway' });
    const events = await eventsOf('/v1/responses', { ...responses(), stream: true }, OPENAI);
    expect(events.at(-1)).toBe('event: error\ndata: {"type":"error","code":null,"message":"Bad Gateway","param":null,"sequence_number":2}\n\n');
  });

  it('Chat: an OpenAI error body is sent as a `{"error":…}` data chunk and the openai SDK throws', async () => {
    upstream.script({ sse: retrieveChatSse() }, { status: 500, text: SERVER_ERROR });
    const events = await eventsOf('/v1/chat/completions', { ...chat(), stream: true }, OPENAI);
    expect(events.at(-1)).toBe(`data: ${SERVER_ERROR}\n\n`);

    upstream.script({ sse: retrieveChatSse() }, { status: 500, text: SERVER_ERROR });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...chat(), stream: true });
    const err = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as Error).message).toContain('boom');
  });

  it('Chat: a body of another shape is still wrapped as `{"error":{…}}`, and the SDK throws', async () => {
    upstream.script({ sse: retrieveChatSse() }, { status: 504, text: '{"detail":"gateway timeout"}' });
    const events = await eventsOf('/v1/chat/completions', { ...chat(), stream: true }, OPENAI);
    expect(events.at(-1)).toBe('data: {"error":{"message":"{\\"detail\\":\\"gateway timeout\\"}","type":"server_error","param":null,"code":null}}\n\n');

    upstream.script({ sse: retrieveChatSse() }, { status: 504, text: '{"detail":"gateway timeout"}' });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...chat(), stream: true });
    const err = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
  });

  it('Anthropic: an Anthropic error body is passed on as the `error` event', async () => {
    const error = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}';
    upstream.script({ sse: retrieveAnthropicSse() }, { status: 529, text: error });
    const events = await eventsOf('/v1/messages', { ...anthropic(), stream: true }, ANTHROPIC);
    expect(events.at(-1)).toBe(`event: error\ndata: ${error}\n\n`);
  });

  it('Anthropic: a body of another shape becomes `{"type":"error","error":{type,message}}`, and the SDK throws', async () => {
    upstream.script({ sse: retrieveAnthropicSse() }, { status: 500, text: SERVER_ERROR });
    const events = await eventsOf('/v1/messages', { ...anthropic(), stream: true }, ANTHROPIC);
    expect(events.at(-1)).toBe('event: error\ndata: {"type":"error","error":{"type":"api_error","message":"boom"}}\n\n');

    upstream.script({ sse: retrieveAnthropicSse() }, { status: 502, text: 'Bad Gateway' });
    const client = new Anthropic({ apiKey: 'k', baseURL: proxy.url, maxRetries: 0 });
    const err = await client.messages
      .stream(anthropic())
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as Error).message).toContain('Bad Gateway');
  });
});
