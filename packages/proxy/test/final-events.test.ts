// Issue 14 (smaller item): on the retrieval path the round's outcome is decided at its terminal event
// (Anthropic `message_stop`, Chat `[DONE]`, Responses `response.completed`), not when the upstream
// closes the connection. An upstream that keeps the connection open after its last event must neither
// hold the client's final events back nor stall the hidden continuation.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicSse, callItem, chatCompletion, chatHistory, chatSse, messageItem, responsesInput, responsesSse } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-final-events-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let key = '';

const OPENAI = { authorization: 'Bearer sk-test' };
const ANTHROPIC = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

/** Reads the client's stream until `last` appears; never waits for the stream to close. */
async function readUntil(path: string, body: unknown, headers: Record<string, string>, last: string): Promise<string> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(last)) {
    const r = await reader.read();
    if (r.done) break;
    text += decoder.decode(r.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  upstream.script({ json: chatCompletion({ content: 'x' }) });
  await new OpenAI({ apiKey: 'sk-test', baseURL: `${proxy.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'gpt-4o', messages: chatHistory() as OpenAI.ChatCompletionMessageParam[] });
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('an upstream that keeps the connection open after its last event', () => {
  it('Anthropic: message_delta and message_stop reach the client; a retrieve round continues at message_stop', async () => {
    const body = { model: 'claude-sonnet-4-6', max_tokens: 100, stream: true, messages: anthropicHistory() };
    upstream.script({ sse: anthropicSse([{ type: 'text', text: 'All fine.' }]), holdOpen: true });
    const plain = await readUntil('/v1/messages', body, ANTHROPIC, 'event: message_stop');
    expect(plain).toContain('"stop_reason":"end_turn"');
    expect(plain).toContain('event: message_stop');

    upstream.script(
      { sse: anthropicSse([{ type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }], 'tool_use'), holdOpen: true },
      { sse: anthropicSse([{ type: 'text', text: 'Found it.' }]), holdOpen: true },
    );
    const continued = await readUntil('/v1/messages', body, ANTHROPIC, 'event: message_stop');
    expect(upstream.received).toHaveLength(2);
    expect(continued).toContain('Found it.');
    expect(continued).not.toContain('headroom_retrieve');
  });

  it('Chat: the finish chunk and [DONE] reach the client; a retrieve round continues at [DONE]', async () => {
    const body = { model: 'gpt-4o', stream: true, messages: chatHistory() };
    upstream.script({ sse: chatSse('All fine.', []), holdOpen: true });
    const plain = await readUntil('/v1/chat/completions', body, OPENAI, 'data: [DONE]');
    expect(plain).toContain('"finish_reason":"stop"');

    upstream.script(
      { sse: chatSse(null, [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ key }) }], 'tool_calls'), holdOpen: true },
      { sse: chatSse('Found it.', []), holdOpen: true },
    );
    const continued = await readUntil('/v1/chat/completions', body, OPENAI, 'data: [DONE]');
    expect(upstream.received).toHaveLength(2);
    expect(continued).toContain('Found it.');
    expect(continued).not.toContain('headroom_retrieve');
  });

  it('Responses: response.completed reaches the client; a retrieve round continues at response.completed', async () => {
    const body = { model: 'gpt-4o', stream: true, input: responsesInput() };
    upstream.script({ sse: responsesSse([messageItem('All fine.')]), holdOpen: true });
    const plain = await readUntil('/v1/responses', body, OPENAI, 'event: response.completed');
    expect(plain).toContain('All fine.');

    upstream.script({ sse: responsesSse([callItem('headroom_retrieve', JSON.stringify({ key }), 'call_r')]), holdOpen: true }, { sse: responsesSse([messageItem('Found it.')]), holdOpen: true });
    const continued = await readUntil('/v1/responses', body, OPENAI, 'event: response.completed');
    expect(upstream.received).toHaveLength(2);
    expect(continued).toContain('Found it.');
    expect(continued).not.toContain('headroom_retrieve');
  });
});
