import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { LEDGER_FILE, localDay, readLedger } from '../src/ledger.js';
import { TraceRing } from '../src/trace-ring.js';
import type { RequestTrace } from '../src/trace.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, anthropicSse, retrieveUse, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-trace-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

const headers = { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
const ask = (extra: Record<string, unknown> = {}) =>
  fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory(), ...extra }) });
const getJson = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${proxy.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
};

interface Page {
  requests: RequestTrace[];
  matching: number;
  next: number | null;
  capacity: number;
  facets: Record<string, string[]>;
}
type Viewed = RequestTrace & { blocks: (RequestTrace['blocks'][number] & { original: string | null; compressed: string; originalMissing?: string })[] };

/** A GET with a chosen Host header (fetch will not let a test set Host). */
function withHost(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(proxy.url + path, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

let key = '';
let first: RequestTrace;

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url, gemini: `${upstream.url}/v1beta` } });
  // Learn the key the proxy issues for SERVICES, then ask again with the model retrieving it.
  upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
  await ask();
  key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
  upstream.script({ json: anthropicMessage([retrieveUse(key)], 'tool_use') }, { json: anthropicMessage([{ type: 'text', text: 'service-137' }]) });
  expect((await ask()).status).toBe(200);
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('the decision trace', () => {
  it('lists each request newest first with its blocks, retrievals, upstream usage and net saving', async () => {
    const { status, body } = await getJson<Page>('/v1/requests');
    expect(status).toBe(200);
    expect(body.requests.map((t) => t.id)).toEqual([2, 1]);
    const [t] = body.requests;
    first = t!;
    expect(t).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6', api: 'anthropic', route: '/v1/messages', stream: false, bypass: false, status: 200, retrievalTool: true, budgetMs: 30_000 });
    expect(t!.failOpen).toBeUndefined();
    expect(t!.blocks).toHaveLength(1);
    const b = t!.blocks[0]!;
    expect(b).toMatchObject({ tool: 'list_services', contentType: 'json', message: 2 });
    expect(b.transform).toMatch(/^json:/);
    expect(b.keys).toContain(key);
    expect(b.tokensAfter).toBeLessThan(b.tokensBefore);
    expect([t!.tokensBefore, t!.tokensAfter]).toEqual([b.tokensBefore, b.tokensAfter]);
    // The model asked for the original once: its exact tokens count against the saving.
    const back = countTokens(SERVICES, 'claude-sonnet-4-6').tokens;
    expect(t!.retrievals).toEqual([{ round: 1, key, tokens: back }]);
    expect(t!.rounds).toBe(1);
    expect(t!.retrievalTokens).toBe(back);
    expect(t!.netSavedTokens).toBe(b.tokensBefore - b.tokensAfter - back);
    // Two upstream answers (the call and its continuation), each billed.
    expect(t!.usage).toEqual({ input: 200, output: 20, cacheRead: 80, cacheWrite: 10, responses: 2 });
  });

  it('shows one request with the original from the store beside the exact text sent upstream', async () => {
    const { status, body } = await getJson<Viewed>(`/v1/requests/${first.id}`);
    expect(status).toBe(200);
    const b = body.blocks[0]!;
    expect(b.original).toBe(SERVICES);
    const sent = (upstream.received[0]!.json!.messages as { content: { content: string }[] }[])[2]!.content[0]!.content;
    expect(b.compressed).toBe(sent);
    expect(b.compressed).toContain(`key=${key}`);
  });

  it('pages and filters', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await ask();
    await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { ...headers, 'x-headroom-bypass': '1' }, body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: anthropicHistory() }) });
    const p1 = (await getJson<Page>('/v1/requests?limit=2')).body;
    expect(p1.requests.map((t) => t.id)).toEqual([4, 3]);
    expect(p1.matching).toBe(4);
    expect(p1.next).toBe(3);
    const p2 = (await getJson<Page>(`/v1/requests?limit=2&before=${p1.next}`)).body;
    expect(p2.requests.map((t) => t.id)).toEqual([2, 1]);
    expect(p2.next).toBeNull();
    expect((await getJson<Page>('/v1/requests?outcome=retrieval')).body.requests.map((t) => t.id)).toEqual([2]);
    expect((await getJson<Page>('/v1/requests?outcome=bypass')).body.requests.map((t) => t.id)).toEqual([4]);
    expect((await getJson<Page>('/v1/requests?model=claude-haiku-4-5')).body.requests.map((t) => t.id)).toEqual([4]);
    expect((await getJson<Page>('/v1/requests?contentType=json&tool=list_services')).body.requests.map((t) => t.id)).toEqual([3, 2, 1]);
    // A later turn resending the same tool result: its original is known from the first one.
    expect((await getJson<Viewed>('/v1/requests/3')).body.blocks[0]!.original).toBe(SERVICES);
    expect(p1.facets).toMatchObject({ providers: ['anthropic'], models: ['claude-haiku-4-5', 'claude-sonnet-4-6'], tools: ['list_services'], contentTypes: ['json'] });
  });

  it('answers bad queries, unknown ids, other methods and other hosts with errors that say so', async () => {
    const bad = await getJson<{ error: { type: string; message: string } }>('/v1/requests?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('limit must be a whole number from 1 to 500');
    expect((await getJson('/v1/requests?outcome=nope')).status).toBe(400);
    const missing = await getJson<{ error: { message: string } }>('/v1/requests/999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('keeps the last 500 requests');
    expect((await getJson('/v1/requests/abc')).status).toBe(404);
    expect((await getJson('/v1/requests', { method: 'POST', headers, body: '{}' })).status).toBe(405);
    // Not forwarded to the upstream either.
    expect(upstream.received.some((r) => r.url.startsWith('/v1/requests'))).toBe(false);
    for (const path of ['/v1/requests', '/v1/requests/1', '/dashboard', '/dashboard/app.js']) expect(await withHost(path, 'evil.example:8787'), path).toBe(403);
  });

  it('books tool-result tokens by day and content type in the ledger, net of the retrieval', async () => {
    const stats = (await getJson<ReturnType<typeof readLedger> & object>('/stats')).body;
    const traces = (await getJson<Page>('/v1/requests')).body.requests;
    const sum = (f: (t: RequestTrace) => number) => traces.reduce((n, t) => n + f(t), 0);
    expect(stats.days[localDay()]).toEqual({ count: 4, tokensBefore: sum((t) => t.tokensBefore), tokensAfter: sum((t) => t.tokensAfter), retrievalTokens: first.retrievalTokens });
    expect(stats.contentTypes).toEqual({ json: { count: 3, tokensBefore: sum((t) => t.tokensBefore), tokensAfter: sum((t) => t.tokensAfter), retrievalTokens: first.retrievalTokens } });
    expect(stats.totals.netSavedTokens).toBe(sum((t) => t.netSavedTokens));
    expect(stats.models.find((m) => m.model === 'claude-sonnet-4-6')!.tools).toEqual({
      list_services: { blocks: 3, tokensBefore: sum((t) => t.tokensBefore), tokensAfter: sum((t) => t.tokensAfter), retrievalTokens: first.retrievalTokens },
    });
  });
});

describe('a Gemini request', () => {
  it('is traced like the others, its model from the path', async () => {
    upstream.script({ json: { candidates: [{ content: { role: 'model', parts: [{ text: 'service-137' }] }, index: 0 }], usageMetadata: { promptTokenCount: 900, candidatesTokenCount: 12, cachedContentTokenCount: 400 } } });
    const contents = [
      { role: 'user', parts: [{ text: 'Which service is failing?' }] },
      { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'list_services', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'list_services', response: { output: SERVICES } } }] },
    ];
    const res = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:generateContent`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g' }, body: JSON.stringify({ contents }) });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const [t] = (await getJson<Page>('/v1/requests?provider=gemini')).body.requests;
    expect(t).toMatchObject({ provider: 'gemini', api: 'gemini', model: 'gemini-2.5-pro', status: 200, usage: { input: 900, output: 12, cacheRead: 400, cacheWrite: 0, responses: 1 } });
    expect(t!.blocks.map((b) => [b.tool, b.contentType])).toEqual([['list_services', 'json']]);
    const viewed = (await getJson<Viewed>(`/v1/requests/${t!.id}`)).body;
    expect(viewed.blocks[0]!.original).toBe(SERVICES);
    const sent = (upstream.received[0]!.json!.contents as { parts: { functionResponse?: { response: { output: string } } }[] }[])[2]!.parts[0]!.functionResponse!.response.output;
    expect(sent).toContain('[headroom: omitted');
    expect(viewed.blocks[0]!.compressed).toBe(sent);
  });
});

describe('streams and failures', () => {
  it('a streamed request: its usage once the stream has ended', async () => {
    upstream.script({ sse: anthropicSse([{ type: 'text', text: 'service-137' }]) });
    const res = await ask({ model: 'claude-opus-4-1', stream: true });
    await res.text();
    const [t] = (await getJson<Page>('/v1/requests?model=claude-opus-4-1')).body.requests;
    expect(t).toMatchObject({ stream: true, status: 200, usage: { input: 100, output: 15, responses: 1 } });
    expect(t!.blocks).toHaveLength(1);
  });

  it('an upstream that cannot be reached: the error, and the decisions made before it', async () => {
    const dead = await startProxy({ port: 0, home: mkdtempSync(join(tmpdir(), 'headroom-proxy-trace-dead-')), budgetMs: 30_000, upstreams: { anthropic: 'http://127.0.0.1:9', openai: 'http://127.0.0.1:9' } });
    try {
      const res = await fetch(`${dead.url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: anthropicHistory() }) });
      expect(res.status).toBe(502);
      const page = (await (await fetch(`${dead.url}/v1/requests?outcome=error`)).json()) as Page;
      expect(page.requests).toHaveLength(1);
      expect(page.requests[0]!.error).toBeTruthy();
      expect(page.requests[0]!.status).toBeUndefined();
      expect(page.requests[0]!.blocks[0]!.transform).toMatch(/^json:/);
    } finally {
      await dead.close();
    }
  });
});

describe('the dashboard', () => {
  it('is served from the built @headroom/dashboard package, with nothing loaded from elsewhere', async () => {
    for (const path of ['/dashboard', '/dashboard/']) {
      const page = await fetch(`${proxy.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await page.text();
      expect(html).toContain('<script type="module" src="/dashboard/app.js">');
      expect(html).not.toMatch(/https?:\/\//);
    }
    const js = await fetch(`${proxy.url}/dashboard/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('/v1/requests');
    expect((await fetch(`${proxy.url}/dashboard/package.json`)).status).toBe(404);
    expect((await fetch(`${proxy.url}/dashboard/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('the trace ring', () => {
  const trace = (chars: number): [Omit<RequestTrace, 'id'>, string[]] => [
    {
      time: new Date().toISOString(), provider: 'openai', model: 'm', api: 'chat', route: '/v1/chat/completions', stream: false, bypass: false, budgetMs: 1, compressMs: 0, retrievalTool: false,
      blocks: [], tokensBefore: 0, tokensAfter: 0, retrievals: [], rounds: 0, retrievalTokens: 0, netSavedTokens: 0, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, responses: 0 },
    },
    ['x'.repeat(chars)],
  ];

  it('keeps the last `capacity` requests and at most `maxChars` of text, oldest out first', () => {
    const ring = new TraceRing(3, 100);
    for (let i = 0; i < 5; i++) ring.add(...trace(10));
    expect(ring.list({}, 10).requests.map((t) => t.id)).toEqual([5, 4, 3]);
    ring.add(...trace(95));
    expect(ring.list({}, 10).requests.map((t) => t.id)).toEqual([6]);
    // A single trace over the text bound is still kept: the newest request is always visible.
    ring.add(...trace(500));
    expect(ring.list({}, 10).requests.map((t) => t.id)).toEqual([7]);
    expect(ring.get(7)!.sent[0]).toHaveLength(500);
  });

  it('holds a text resent by every turn once, and lets it go with the last trace that shows it', () => {
    const ring = new TraceRing(3, 1000);
    const [t] = trace(0);
    const same = () => ['y'.repeat(300)];
    ring.add(t, same());
    ring.add(t, same());
    ring.add(t, [...same(), 'z'.repeat(100)]);
    expect(ring.heldChars).toBe(400);
    expect(ring.list({}, 10).requests).toHaveLength(3);
    ring.add(t, ['w'.repeat(50)]);
    ring.add(t, ['w'.repeat(50)]);
    expect(ring.heldChars).toBe(450); // ids 3 (y, z) and 4, 5 (w)
    ring.add(t, ['v']);
    expect(ring.heldChars).toBe(51);
    expect(ring.get(6)!.sent).toEqual(['v']);
  });
});

describe('the ledger file', () => {
  it('reads a ledger written before days were recorded, and malformed figures as 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-ledger-'));
    writeFileSync(
      join(dir, LEDGER_FILE),
      JSON.stringify({ version: 1, since: '2026-11-01T00:00:00.000Z', models: [{ provider: 'openai', model: 'gpt-4o', requests: 3, tokensBefore: 900, tokensAfter: '300', retrievalTokens: -5, tools: { Bash: { blocks: 2, tokensBefore: 900, tokensAfter: 100 } } }, { provider: 7 }] }),
    );
    const l = readLedger(dir)!;
    expect(l.models).toHaveLength(1);
    expect(l.totals).toMatchObject({ requests: 3, tokensBefore: 900, tokensAfter: 0, retrievalTokens: 0, netSavedTokens: 900 });
    expect(l.models[0]!.tools).toEqual({ Bash: { blocks: 2, tokensBefore: 900, tokensAfter: 100, retrievalTokens: 0 } });
    expect([l.days, l.contentTypes, l.since]).toEqual([{}, {}, '2026-11-01T00:00:00.000Z']);
    writeFileSync(join(dir, LEDGER_FILE), JSON.stringify({ version: 2, models: [] }));
    expect(readLedger(dir)).toBeNull();
    expect(readLedger(join(dir, 'absent'))).toBeNull();
  });
});
