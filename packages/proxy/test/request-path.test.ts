import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_FILE, startProxy, type LedgerSnapshot, type RunningProxy } from '../src/index.js';
import { isLoopback } from '../src/admin.js';
import { FakeUpstream, sha } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, chatCompletion, chatHistory, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-path-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-x', ...headers }, body });

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, maxBodyBytes: 1_000_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('the request path', () => {
  it('forwards a request with nothing to compress byte for byte', async () => {
    upstream.script({ json: chatCompletion({ content: 'hi' }) });
    // Small tool result, odd spacing, escaped unicode: any re-serialization would change the hash.
    const body = `{ "model":"gpt-4o",  "messages":[{"role":"user","content":"h\\u00e9llo 😀"},{"role":"tool","tool_call_id":"c","content":"short"}], "temperature": 1.0 }`;
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(200);
    expect(upstream.received[0]!.sha).toBe(sha(body));
  });

  it('x-headroom-bypass: 1 skips compression (and the header is not forwarded)', async () => {
    upstream.script({ json: chatCompletion({ content: 'hi' }) });
    const body = JSON.stringify({ model: 'gpt-4o', messages: chatHistory() });
    await post('/v1/chat/completions', body, { 'x-headroom-bypass': '1' });
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.headers['x-headroom-bypass']).toBeUndefined();
  });

  it('forwards malformed JSON untouched so the upstream answers it', async () => {
    upstream.script({ status: 400, text: '{"error":{"message":"invalid json"}}' });
    const res = await post('/v1/messages', '{"model": "claude", "messages": [', { 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('{"error":{"message":"invalid json"}}');
    expect(upstream.received[0]!.body.toString()).toBe('{"model": "claude", "messages": [');
  });

  it('refuses oversized bodies with a clear 413 and does not call the upstream', async () => {
    upstream.script({ json: {} });
    const res = await post('/v1/messages', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('headroom_request_too_large');
    expect(body.error.message).toContain('1000000 bytes');
    expect(upstream.received).toHaveLength(0);
  });

  it('on a budget overrun sends the original bytes', async () => {
    const slow = await startProxy({ port: 0, home, budgetMs: 0, upstreams: { anthropic: upstream.url, openai: upstream.url } });
    try {
      upstream.script({ json: chatCompletion({ content: 'hi' }) });
      // Content the memo has not seen, so compression cannot finish within 0 ms.
      const history = chatHistory();
      history[2] = { role: 'tool', tool_call_id: 'call_1', content: SERVICES.replace('disk full', 'disk gone') };
      const body = JSON.stringify({ model: 'gpt-4o', messages: history });
      const res = await fetch(`${slow.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
      expect(upstream.received[0]!.sha).toBe(sha(body));
      expect((await slow.stats()).totals.failOpen).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('serves originals on GET /v1/retrieve/:key, 404 for unknown keys, 400 for malformed ones', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'ok' }]) });
    await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: anthropicHistory() }), { 'anthropic-version': '2023-06-01' });
    const key = /key=(hr_[0-9a-f]{24})/.exec(upstream.received[0]!.body.toString())![1]!;
    const res = await fetch(`${proxy.url}/v1/retrieve/${key}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SERVICES);
    expect(readFileSync(join(home, 'ccr', key), 'utf8')).toBe(SERVICES); // the marker's file= path
    expect((await fetch(`${proxy.url}/v1/retrieve/hr_${'0'.repeat(24)}`)).status).toBe(404);
    expect((await fetch(`${proxy.url}/v1/retrieve/nope`)).status).toBe(400);
  });

  it('reports /stats, /metrics and /readyz', async () => {
    expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
    const stats = (await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot;
    const claude = stats.models.find((m) => m.provider === 'anthropic' && m.model === 'claude-sonnet-4-6')!;
    expect(claude.requests).toBe(1);
    expect(claude.compressed).toBe(1);
    expect(claude.tokensAfter).toBeLessThan(claude.tokensBefore);
    expect(claude.tools.list_services!.blocks).toBe(1);
    expect(claude.inputTokens).toBe(100);
    expect(claude.cacheReadTokens).toBe(40);
    expect(claude.cacheWriteTokens).toBe(5);
    const gpt = stats.models.find((m) => m.provider === 'openai' && m.model === 'gpt-4o')!;
    expect(gpt.bypasses).toBe(1);
    expect(stats.totals.netSavedTokens).toBe(stats.totals.tokensBefore - stats.totals.tokensAfter - stats.totals.retrievalTokens);
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE headroom_requests_total counter');
    expect(metrics).toContain('headroom_requests_total{provider="anthropic",model="claude-sonnet-4-6"} 1');
    expect(metrics).toContain('headroom_tool_tokens_total{provider="anthropic",model="claude-sonnet-4-6",tool="list_services",stage="before"}');
  });

  it('persists the ledger across restarts', async () => {
    const before = await proxy.stats();
    await proxy.close();
    expect(existsSync(join(home, LEDGER_FILE))).toBe(true);
    proxy = await startProxy({ port: 0, home, upstreams: { anthropic: upstream.url, openai: upstream.url } });
    expect((await proxy.stats()).totals).toEqual(before.totals);
    expect((await proxy.stats()).since).toBe(before.since);
  });

  it('admin endpoints recognise loopback peers only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it('binds to loopback by default', () => {
    expect(proxy.config.host).toBe('127.0.0.1');
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
