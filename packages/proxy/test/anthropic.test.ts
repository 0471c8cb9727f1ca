import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, anthropicSse, retrieveUse, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-anthropic-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let client: Anthropic;

const TOOLS = [{ name: 'list_services', description: 'List services', input_schema: { type: 'object' as const, properties: {} } }];
const ask = (messages = anthropicHistory()) =>
  ({ model: 'claude-sonnet-4-6', max_tokens: 100, tools: TOOLS, messages }) as Anthropic.MessageCreateParamsNonStreaming;

/** The marker key in the tool result the upstream received. */
function keyOf(body: Record<string, unknown> | undefined): string {
  const m = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(body?.messages));
  if (!m) throw new Error('no marker in the upstream request');
  return m[1]!;
}

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: proxy.url, maxRetries: 0 });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('Anthropic Messages through the proxy', () => {
  it('compresses the tool result, adds headroom_retrieve, forwards the auth header', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'service-137 is failing' }]) });
    const msg = await client.messages.create(ask());
    expect(msg.content).toEqual([{ type: 'text', text: 'service-137 is failing' }]);
    const got = upstream.received[0]!;
    // SDK 1.x sends the key as a bearer token; either way the client's own header reaches the upstream.
    expect(got.headers.authorization).toBe('Bearer sk-ant-test');
    const result = JSON.stringify((got.json!.messages as unknown[])[2]);
    expect(result).toContain('[headroom: omitted 293 items of 300');
    expect(result).toContain('error: disk full');
    expect((got.json!.tools as { name: string }[]).map((t) => t.name)).toEqual(['list_services', 'headroom_retrieve']);
  });

  it('sends byte-identical compressed history and tools on the next turn', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'a' }]) });
    await client.messages.create(ask());
    await client.messages.create(ask([...anthropicHistory(), { role: 'assistant', content: 'a' }, { role: 'user', content: 'and now?' }]));
    const [first, second] = upstream.received.map((r) => r.json!);
    expect(JSON.stringify((second!.messages as unknown[]).slice(0, 3))).toBe(JSON.stringify(first!.messages));
    expect(JSON.stringify(second!.tools)).toBe(JSON.stringify(first!.tools));
  });

  it('answers headroom_retrieve itself (JSON) and the client never sees it', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'Let me look. ' }, retrieveUse('hr_000000000000000000000000')], 'tool_use') });
    await client.messages.create(ask());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { json: anthropicMessage([{ type: 'text', text: 'Let me look. ' }, retrieveUse(key)], 'tool_use') },
      { json: anthropicMessage([{ type: 'text', text: 'Only service-137 fails.' }]) },
    );
    const msg = await client.messages.create(ask());
    expect(msg.content).toEqual([
      { type: 'text', text: 'Let me look. ' },
      { type: 'text', text: 'Only service-137 fails.' },
    ]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(upstream.received).toHaveLength(2);
    const cont = upstream.received[1]!.json!.messages as { role: string; content: unknown }[];
    expect(cont.at(-1)).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_r', content: SERVICES }] });
    expect(cont.at(-2)!.role).toBe('assistant');
  });

  it('answers headroom_retrieve in a stream: events pass through, the tool block is held back', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await client.messages.create(ask());
    const key = keyOf(upstream.received[0]!.json);
    upstream.script(
      { sse: anthropicSse([{ type: 'text', text: 'Checking. ' }, { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }], 'tool_use') },
      { sse: anthropicSse([{ type: 'text', text: 'service-137 has a full disk.' }]) },
    );
    const stream = client.messages.stream(ask());
    const types: string[] = [];
    const indices: number[] = [];
    stream.on('streamEvent', (e) => {
      types.push(e.type);
      if ('index' in e) indices.push(e.index);
    });
    const msg = await stream.finalMessage();
    expect(msg.content.map((b) => (b.type === 'text' ? b.text : b.type))).toEqual(['Checking. ', 'service-137 has a full disk.']);
    expect(msg.stop_reason).toBe('end_turn');
    expect(types.filter((t) => t === 'message_start')).toHaveLength(1);
    expect(types.filter((t) => t === 'message_stop')).toHaveLength(1);
    expect([...new Set(indices)]).toEqual([0, 1]);
    expect(upstream.received).toHaveLength(2);
    expect(upstream.received[1]!.json!.stream).toBe(true);
    expect(JSON.stringify(upstream.received[1]!.json!.messages)).toContain(JSON.stringify(SERVICES));
  });

  it('with the client’s own tool in the same turn: answers the retrieval, lets the client call through, restores it next turn', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await client.messages.create(ask());
    const key = keyOf(upstream.received[0]!.json);
    const clientCall = { type: 'tool_use', id: 'toolu_c', name: 'list_services', input: {} };
    upstream.script({
      sse: anthropicSse([{ type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }, { ...clientCall, type: 'tool_use' as const }], 'tool_use'),
    });
    const msg = await client.messages.stream(ask()).finalMessage();
    expect(msg.content).toEqual([clientCall]);
    expect(msg.stop_reason).toBe('tool_use');

    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'done' }]) });
    const next = anthropicHistory([
      { role: 'assistant', content: msg.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_c', content: 'ok' }] },
    ]);
    await client.messages.create(ask(next as Anthropic.MessageParam[]));
    const sent = upstream.received[0]!.json!.messages as { content: { type: string; id?: string; tool_use_id?: string }[] }[];
    expect(sent[3]!.content.map((b) => b.id)).toEqual(['toolu_c', 'toolu_r']);
    expect(sent[4]!.content.map((b) => b.tool_use_id)).toEqual(['toolu_r', 'toolu_c']);
    expect(JSON.stringify(sent[4])).toContain(JSON.stringify(SERVICES));
  });

  it('a client that declares headroom_retrieve itself answers its calls: no second tool, nothing intercepted', async () => {
    const own = { name: 'headroom_retrieve', description: 'MCP', input_schema: { type: 'object' as const, properties: {} } };
    const call = retrieveUse('hr_000000000000000000000000');
    upstream.script({ json: anthropicMessage([call], 'tool_use') });
    const msg = await client.messages.create({ ...ask(), tools: [...TOOLS, own] });
    expect(msg.content).toEqual([call]);
    expect(upstream.received).toHaveLength(1);
    expect((upstream.received[0]!.json!.tools as { description: string }[]).map((t) => t.description)).toEqual(['List services', 'MCP']);
  });

  it('passes upstream errors through as sent', async () => {
    const error = { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } };
    upstream.script({ json: error, status: 429, headers: { 'retry-after': '7' } });
    const err = await client.messages.create(ask()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(429);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toEqual(error);
    expect((err as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after')).toBe('7');
  });

  it('an upstream reset mid-stream reaches the client as an error, never as a clean end', async () => {
    upstream.script({ sse: anthropicSse([{ type: 'text', text: 'partial' }]), resetAfter: 4 });
    await expect(client.messages.stream(ask()).finalMessage()).rejects.toThrow();
  });

  it('a client disconnect aborts the upstream stream', async () => {
    const events = anthropicSse([{ type: 'text', text: 'slow' }]);
    upstream.script({ sse: [...events.slice(0, 3), ...Array.from({ length: 50 }, () => ': keepalive\n\n'), ...events.slice(3)], delayMs: 40 });
    const before = upstream.aborted;
    const controller = new AbortController();
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...ask(), stream: true }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    for (let i = 0; i < 100 && upstream.aborted === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(upstream.aborted).toBe(before + 1);
  });
});
