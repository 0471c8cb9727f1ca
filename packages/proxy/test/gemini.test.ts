// The Gemini routes: functionResponse parts compressed at birth, everything else byte for byte (request
// and response), SSE streamed through, usageMetadata into the ledger, other Gemini calls forwarded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream, sha } from './support/fake-upstream.js';
import { SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-gemini-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url, gemini: `${upstream.url}/v1beta` } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

const contents = (tool = 'list_services', output: unknown = SERVICES) => [
  { role: 'user', parts: [{ text: 'Which service is failing?' }] },
  { role: 'model', parts: [{ functionCall: { id: 'c1', name: tool, args: {} } }] },
  { role: 'user', parts: [{ functionResponse: { id: 'c1', name: tool, response: { output } } }] },
];
const TOOLS = [{ functionDeclarations: [{ name: 'list_services', description: 'lists services', parameters: { type: 'OBJECT', properties: {} } }] }];

const candidate = (text: string, usage: Record<string, number>, finish?: string) => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(finish ? { finishReason: finish } : {}) }],
  usageMetadata: usage,
  modelVersion: 'gemini-2.5-pro',
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-key', ...headers }, body });

describe('Gemini generateContent', () => {
  it('compresses the functionResponse and leaves every other byte as the client sent it', async () => {
    const reply = candidate('service-137 is down', { promptTokenCount: 900, candidatesTokenCount: 12, thoughtsTokenCount: 30, cachedContentTokenCount: 400, totalTokenCount: 942 }, 'STOP');
    upstream.script({ json: reply });
    const body = JSON.stringify({ contents: contents(), tools: TOOLS, generationConfig: { temperature: 0 } });
    const res = await post('/v1beta/models/gemini-2.5-pro:generateContent', body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(JSON.stringify(reply));
    const sent = upstream.received[0]!;
    expect(sent.url).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe('g-key');
    const sentContents = sent.json!.contents as ReturnType<typeof contents>;
    expect(sentContents.slice(0, 2)).toEqual(contents().slice(0, 2));
    const fr = (sentContents[2]!.parts[0] as { functionResponse: { id: string; name: string; response: { output: string } } }).functionResponse;
    expect(fr.id).toBe('c1');
    expect(fr.name).toBe('list_services');
    expect(fr.response.output).toContain('[headroom: omitted 293 items of 300');
    expect(fr.response.output).toContain('error: disk full');
    // No retrieval loop for Gemini: the tool list is the client's, byte for byte.
    expect(sent.json!.tools).toEqual(TOOLS);
    expect(sent.body.toString('utf8')).toContain(JSON.stringify(TOOLS));
    const key = /key=(hr_[0-9a-f]{24})/.exec(fr.response.output)![1]!;
    expect(await (await fetch(`${proxy.url}/v1/retrieve/${key}`)).text()).toBe(SERVICES);
  });

  it('usageMetadata reaches the ledger under the model named in the path', async () => {
    const e = (await proxy.stats()).models.find((m) => m.provider === 'gemini' && m.model === 'gemini-2.5-pro')!;
    expect(e.requests).toBe(1);
    expect(e.compressed).toBe(1);
    expect(e.tools.list_services!.tokensAfter).toBeLessThan(e.tools.list_services!.tokensBefore);
    expect({ input: e.inputTokens, output: e.outputTokens, cacheRead: e.cacheReadTokens }).toEqual({ input: 900, output: 42, cacheRead: 400 });
  });

  it('a request with nothing to compress reaches the upstream byte for byte', async () => {
    upstream.script({ json: candidate('hi', { promptTokenCount: 3, candidatesTokenCount: 1 }) });
    const body = '{"contents": [{"role": "user", "parts": [{"text": "hello \\u00e9"}]}],  "generationConfig": {}}';
    await post('/v1beta/models/gemini-2.5-flash:generateContent?key=abc', body);
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent?key=abc');
  });

  it('results of file-reading tools and non-string responses are left as they are', async () => {
    upstream.script({ json: candidate('ok', {}) });
    const body = JSON.stringify({ contents: [...contents('read_file'), ...contents('list_services', JSON.parse(SERVICES)).slice(1)] });
    await post('/v1beta/models/gemini-2.5-pro:generateContent', body);
    expect(upstream.received[0]!.sha).toBe(sha(body));
  });

  it('x-headroom-bypass: 1 sends the request as it came', async () => {
    upstream.script({ json: candidate('ok', {}) });
    const body = JSON.stringify({ contents: contents() });
    await post('/v1beta/models/gemini-2.5-pro:generateContent', body, { 'x-headroom-bypass': '1' });
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.headers['x-headroom-bypass']).toBeUndefined();
  });
});

describe('Gemini streamGenerateContent', () => {
  it('streams the SSE through byte for byte and books the last chunk’s usage', async () => {
    const events = [
      `data: ${JSON.stringify(candidate('service-137 ', { promptTokenCount: 700, candidatesTokenCount: 2, totalTokenCount: 702 }))}\r\n\r\n`,
      `data: ${JSON.stringify(candidate('is down', { promptTokenCount: 700, candidatesTokenCount: 5, totalTokenCount: 705 }, 'STOP'))}\r\n\r\n`,
    ];
    let open = () => {};
    upstream.script({ sse: events, gate: { after: 1, open: new Promise<void>((r) => (open = r)) } });
    const res = await post('/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse', JSON.stringify({ contents: contents() }));
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = await reader.read();
    // Incremental: the first event arrives before the upstream has sent the second.
    expect(new TextDecoder().decode(first.value)).toBe(events[0]);
    open();
    let rest = '';
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      rest += new TextDecoder().decode(r.value);
    }
    expect(rest).toBe(events[1]);
    expect(upstream.received[0]!.url).toBe('/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse');
    expect(JSON.stringify(upstream.received[0]!.json)).toContain('[headroom: omitted 293 items of 300');
    const e = (await proxy.stats()).models.find((m) => m.provider === 'gemini' && m.model === 'gemini-2.5-flash-lite')!;
    expect({ input: e.inputTokens, output: e.outputTokens }).toEqual({ input: 700, output: 5 });
  });
});

describe('other Gemini calls', () => {
  it('countTokens is forwarded untouched, to the Gemini upstream', async () => {
    upstream.script({ json: { totalTokens: 31 } });
    const body = JSON.stringify({ contents: contents() });
    const res = await post('/v1beta/models/gemini-2.5-pro:countTokens', body);
    expect(await res.json()).toEqual({ totalTokens: 31 });
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.url).toBe('/v1beta/models/gemini-2.5-pro:countTokens');
  });
});

describe('a Gemini upstream that cannot be reached', () => {
  it('answers in Google’s error shape, on the compressing route and on a forwarded one', async () => {
    const closed = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url, gemini: 'http://127.0.0.1:9' } });
    try {
      for (const path of ['/v1beta/models/gemini-2.5-pro:generateContent', '/v1beta/models/gemini-2.5-pro:countTokens']) {
        const res = await fetch(`${closed.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-key' }, body: JSON.stringify({ contents: contents() }) });
        expect(res.status).toBe(502);
        const body = (await res.json()) as { error: { code: number; status: string; message: string } };
        expect(body.error.code).toBe(502);
        expect(body.error.status).toBe('UNAVAILABLE');
        expect(body.error.message).toContain('could not reach the upstream http://127.0.0.1:9');
      }
    } finally {
      await closed.close();
    }
  });
});
