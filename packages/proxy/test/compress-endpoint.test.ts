// POST /v1/compress: every message shape, bypass, bad input, access (loopback / bearer token), and the
// same memo, store and ledger as the proxy routes.
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, chatCompletion, chatHistory, responsesInput, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-compress-endpoint-'));
process.env.HEADROOM_HOME = home;
const TOKEN = 'hr-test-token-5f1c9a';
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let guarded: RunningProxy;

beforeAll(async () => {
  await upstream.start();
  const options = { port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } };
  proxy = await startProxy(options);
  guarded = await startProxy({ ...options, compressToken: TOKEN });
});

afterAll(async () => {
  await proxy.close();
  await guarded.close();
  await upstream.stop();
});

/** A raw HTTP call, so the Host header can be set (fetch forbids it). */
function call(base: string, path: string, body: string | undefined, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const compress = (body: unknown, headers?: Record<string, string>, base = proxy.url) => call(base, '/v1/compress', typeof body === 'string' ? body : JSON.stringify(body), headers);

const KEY = /key=(hr_[0-9a-f]{24})/;

describe('POST /v1/compress: shapes', () => {
  it('OpenAI Chat: the tool message is compressed, every other message comes back as sent', async () => {
    const messages = chatHistory();
    const { status, json } = await compress({ model: 'gpt-4o', messages, config: { mode: 'ccr' } });
    expect(status).toBe(200);
    const out = json.messages as Record<string, unknown>[];
    expect(out).toHaveLength(3);
    expect(out.slice(0, 2)).toEqual(messages.slice(0, 2));
    const text = out[2]!.content as string;
    expect(text).toContain('[headroom: omitted 293 items of 300');
    expect(text).toContain('error: disk full'); // the failing row is kept
    const key = KEY.exec(text)![1]!;
    expect(json.ccr_keys).toEqual([key]);
    expect(json.ccr_hashes).toEqual([key.slice(3)]);
    expect(json.transforms_applied).toEqual([expect.stringMatching(/^json:/)]);
    const before = json.tokens_before as number;
    const after = json.tokens_after as number;
    expect(after).toBeLessThan(before / 4);
    expect(json.tokens_saved).toBe(before - after);
    expect(json.compression_ratio).toBeCloseTo(after / before, 10);
  });

  it('Anthropic Messages: the tool_result block is compressed', async () => {
    const messages = anthropicHistory();
    const { status, json } = await compress({ model: 'claude-sonnet-4-6', messages });
    expect(status).toBe(200);
    const out = json.messages as { content: unknown }[];
    expect(out.slice(0, 2)).toEqual(messages.slice(0, 2));
    const block = (out[2]!.content as Record<string, unknown>[])[0]!;
    expect(block).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' });
    expect(block.content).toContain('[headroom: omitted 293 items of 300');
    expect(json.ccr_hashes).toHaveLength(1);
  });

  it('Responses input items (sent as `input`): the function_call_output is compressed', async () => {
    const input = responsesInput();
    const { status, json } = await compress({ model: 'gpt-4o', input });
    expect(status).toBe(200);
    const out = json.messages as Record<string, unknown>[];
    expect(out.slice(0, 2)).toEqual(input.slice(0, 2));
    expect(out[2]!.output).toContain('[headroom: omitted 293 items of 300');
  });

  it('a list with nothing to compress comes back as sent, with zero savings', async () => {
    const messages = [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }];
    const { status, json } = await compress({ model: 'gpt-4o', messages });
    expect(status).toBe(200);
    expect(json.messages).toEqual(messages);
    expect(json.tokens_saved).toBe(0);
    expect(json.compression_ratio).toBe(1);
    expect(json.ccr_hashes).toEqual([]);
  });

  it('config.frozen_message_count returns that prefix as sent', async () => {
    const messages = [...chatHistory(), { role: 'user', content: 'and now?' }];
    const { json } = await compress({ model: 'gpt-4o', messages, config: { frozen_message_count: 3 } });
    expect(json.messages).toEqual(messages);
    expect(json.ccr_hashes).toEqual([]);
  });
});

describe('POST /v1/compress: one store, memo and ledger with the proxy', () => {
  it('the key resolves through GET /v1/retrieve (hr_ key and bare hash) to the exact original', async () => {
    const { json } = await compress({ model: 'gpt-4o', messages: chatHistory() });
    const key = (json.ccr_keys as string[])[0]!;
    const byKey = await fetch(`${proxy.url}/v1/retrieve/${key}`);
    expect(await byKey.text()).toBe(SERVICES);
    const byHash = await call(proxy.url, `/v1/retrieve/${key.slice(3)}`, undefined, {}, 'GET');
    expect(byHash.status).toBe(200);
    expect(byHash.json).toMatchObject({ hash: key.slice(3), key, original_content: SERVICES });
  });

  it('the proxy route sends the same bytes for the same tool result (memo and sticky bytes shared)', async () => {
    const { json } = await compress({ model: 'gpt-4o', messages: chatHistory() });
    const compressed = (json.messages as { content: string }[])[2]!.content;
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    const res = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'gpt-4o', messages: chatHistory() }),
    });
    expect(res.status).toBe(200);
    expect((upstream.received[0]!.json!.messages as { content: string }[])[2]!.content).toBe(compressed);
  });

  it('requests and savings are in the ledger under provider "compress"', async () => {
    const e = (await proxy.stats()).models.find((m) => m.provider === 'compress' && m.model === 'gpt-4o')!;
    expect(e.requests).toBeGreaterThanOrEqual(4);
    expect(e.compressed).toBeGreaterThanOrEqual(2);
    expect(e.tokensAfter).toBeLessThan(e.tokensBefore);
  });
});

describe('POST /v1/compress: bypass and bad input', () => {
  it.each(['true', '1'])('x-headroom-bypass: %s returns the messages unchanged', async (v) => {
    const messages = chatHistory();
    const { status, json } = await compress({ model: 'gpt-4o', messages }, { 'x-headroom-bypass': v });
    expect(status).toBe(200);
    expect(json).toEqual({ messages, tokens_before: 0, tokens_after: 0, tokens_saved: 0, compression_ratio: 1, transforms_applied: [], ccr_hashes: [], ccr_keys: [] });
  });

  it.each([
    ['malformed JSON', '{"messages": [', /Invalid JSON/],
    ['a JSON array', '[]', /must be a JSON object/],
    ['no messages', '{"model": "gpt-4o"}', /Missing required field: messages or input/],
    ['messages not a list', '{"messages": "hi"}', /messages must be a list/],
    ['a message that is not an object', '{"messages": [{"role": "user", "content": "x"}, 7]}', /messages\[1\] is not an object/],
    ['a model that is not a string', '{"messages": [], "model": 4}', /model must be a string/],
    ['a config that is not an object', '{"messages": [], "config": "fast"}', /config must be an object/],
    ['a mode that drops content without a marker', '{"messages": [], "config": {"mode": "lossy_inline"}}', /Invalid config.mode.*"ccr"/],
    ['a negative frozen_message_count', '{"messages": [], "config": {"frozen_message_count": -1}}', /frozen_message_count/],
    ['an unknown profile', '{"messages": [], "config": {"profile": "max"}}', /config.profile/],
  ])('%s: 400 invalid_request', async (_name, body, message) => {
    const { status, json } = await compress(body);
    expect(status).toBe(400);
    expect(json.error).toEqual({ type: 'invalid_request', message: expect.stringMatching(message) });
  });

  it('malformed JSON is a 400 under bypass too', async () => {
    const { status } = await compress('{nope', { 'x-headroom-bypass': 'true' });
    expect(status).toBe(400);
  });
});

describe('POST /v1/compress: access', () => {
  const messages = chatHistory();

  it('without a token: a request addressed to another host name is refused with a way forward', async () => {
    const { status, json } = await compress({ messages }, { host: 'headroom.example.com' });
    expect(status).toBe(403);
    expect((json.error as { message: string }).message).toMatch(/--compress-token/);
  });

  it('with a token: loopback callers need none, remote callers need it, a wrong one is a 401', async () => {
    expect((await compress({ messages }, {}, guarded.url)).status).toBe(200);
    expect((await compress({ messages }, { host: 'headroom.example.com' }, guarded.url)).status).toBe(403);
    expect((await compress({ messages }, { host: 'headroom.example.com', authorization: `Bearer ${TOKEN}` }, guarded.url)).status).toBe(200);
    const wrong = await compress({ messages }, { host: 'headroom.example.com', authorization: `Bearer ${TOKEN}x` }, guarded.url);
    expect(wrong.status).toBe(401);
    expect((await compress({ messages }, { authorization: 'Bearer nope' }, guarded.url)).status).toBe(401);
    expect(JSON.stringify(wrong.json)).not.toContain(TOKEN);
  });

  it('the bare-hash retrieval follows the same rule', async () => {
    const { json } = await compress({ messages }, {}, guarded.url);
    const hash = (json.ccr_hashes as string[])[0]!;
    expect((await call(guarded.url, `/v1/retrieve/${hash}`, undefined, { host: 'headroom.example.com' }, 'GET')).status).toBe(403);
    const ok = await call(guarded.url, `/v1/retrieve/${hash}`, undefined, { host: 'headroom.example.com', authorization: `Bearer ${TOKEN}` }, 'GET');
    expect(ok.json.original_content).toBe(SERVICES);
  });

  it('the token is never logged', async () => {
    const logged: unknown[] = [];
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a)));
    try {
      await compress({ messages }, { host: 'headroom.example.com', authorization: `Bearer ${TOKEN}` }, guarded.url);
      await compress({ messages }, { authorization: `Bearer ${TOKEN}-wrong` }, guarded.url);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
  });
});
