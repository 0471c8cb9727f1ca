import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, anthropicSse, retrieveUse } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-edges-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let client: Anthropic;
let key = '';

const ask = () => ({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() }) as Anthropic.MessageCreateParamsNonStreaming;
const retrieveSse = () => anthropicSse([{ type: 'text', text: 'Looking. ' }, { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key } }], 'tool_use');

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, maxRetrieveRounds: 1, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  client = new Anthropic({ apiKey: 'k', baseURL: proxy.url, maxRetries: 0 });
  upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
  await client.messages.create(ask());
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('retrieval edge cases', () => {
  it('the last allowed round forbids further tool calls, and a stray retrieve call is still hidden', async () => {
    upstream.script({ json: anthropicMessage([retrieveUse(key)], 'tool_use') });
    const msg = await client.messages.create(ask());
    expect(upstream.received).toHaveLength(2);
    expect(upstream.received[0]!.json!.tool_choice).toBeUndefined();
    expect(upstream.received[1]!.json!.tool_choice).toEqual({ type: 'none' });
    expect(msg.content).toEqual([]);
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('in a stream, too: out of rounds, the hidden call is dropped and the turn ends', async () => {
    upstream.script({ sse: retrieveSse() });
    const msg = await client.messages.stream(ask()).finalMessage();
    expect(upstream.received).toHaveLength(2);
    expect(msg.content.map((b) => b.type)).toEqual(['text', 'text']);
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('a slow retrieval stream is passed through as it arrives, not buffered', async () => {
    let open = () => {};
    upstream.script({ sse: retrieveSse(), gate: { after: 1, open: new Promise<void>((r) => (open = r)) } }, { sse: anthropicSse([{ type: 'text', text: 'done' }]) });
    const res = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...ask(), stream: true }),
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    // The first event reached the client while the upstream held the rest of its first round back.
    expect(first).toContain('message_start');
    expect(upstream.received).toHaveLength(1);
    open();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('"text":"done"');
    expect(rest).not.toContain('headroom_retrieve');
    expect(upstream.received).toHaveLength(2);
  });

  it('an error from the continuation reaches a streaming client as the upstream’s error event', async () => {
    const error = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    upstream.script({ sse: retrieveSse() }, { json: error, status: 529 });
    const stream = client.messages.stream(ask());
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toContain('Overloaded');
  });

  it('an error from the continuation reaches a JSON client with its status and body', async () => {
    const error = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    upstream.script({ json: anthropicMessage([retrieveUse(key)], 'tool_use') }, { json: error, status: 529 });
    const err = (await client.messages.create(ask()).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(err.status).toBe(529);
    expect(err.error).toEqual(error);
  });

  it('a reset during the continuation stream reaches the client as an error', async () => {
    upstream.script({ sse: retrieveSse() }, { sse: anthropicSse([{ type: 'text', text: 'partial' }]), resetAfter: 3 });
    await expect(client.messages.stream(ask()).finalMessage()).rejects.toThrow();
  });

  it('counts retrievals and the tokens they put back; savings are net of them', async () => {
    const t = (await proxy.stats()).totals;
    expect(t.retrievals).toBeGreaterThanOrEqual(4);
    expect(t.retrievalTokens).toBeGreaterThan(0);
    expect(t.netSavedTokens).toBe(t.tokensBefore - t.tokensAfter - t.retrievalTokens);
  });
});
