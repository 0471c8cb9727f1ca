// Issue 14, defects 3, 6, 8 and 11: unattributable requests stay local, the compression path fails open
// on any error, loopback-only endpoints refuse foreign Host names, and upstream URLs are validated.
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, resolveUpstreams, startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream, sha } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, chatCompletion, chatHistory } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-hardening-'));
const openai = new FakeUpstream();
const anthropic = new FakeUpstream();
let proxy: RunningProxy;

/** A raw HTTP/1.1 request with full control of the headers (fetch will not let a test set Host). */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  await openai.start();
  await anthropic.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { openai: openai.url, anthropic: anthropic.url } });
});

afterAll(async () => {
  await proxy.close();
  await openai.stop();
  await anthropic.stop();
});

describe('defect 3: requests the proxy cannot attribute to a provider are answered locally', () => {
  it("Claude Code's start-up HEAD / and a bare GET / never leave the machine", async () => {
    openai.script({ json: { leaked: true } });
    anthropic.script({ json: { leaked: true } });
    const head = await raw(proxy.url, 'HEAD', '/');
    const get = await raw(proxy.url, 'GET', '/');
    expect(head.status).toBe(200);
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toMatchObject({ service: 'headroom-proxy' });
    expect(openai.received).toHaveLength(0);
    expect(anthropic.received).toHaveLength(0);
  });

  it('an unknown path without provider headers gets a local 404, nothing upstream', async () => {
    openai.script({ json: { leaked: true } });
    anthropic.script({ json: { leaked: true } });
    const res = await raw(proxy.url, 'GET', '/favicon.ico');
    expect(res.status).toBe(404);
    expect((JSON.parse(res.body) as { error: { type: string } }).error.type).toBe('headroom_unknown_route');
    expect(openai.received).toHaveLength(0);
    expect(anthropic.received).toHaveLength(0);
  });

  it('still routes by path and headers', async () => {
    openai.script({ json: { from: 'openai' } });
    anthropic.script({ json: { from: 'anthropic' } });
    // OpenAI API path, no headers at all.
    expect((await raw(proxy.url, 'GET', '/v1/models')).body).toBe('{"from":"openai"}');
    // Anthropic headers on a shared path.
    expect((await raw(proxy.url, 'GET', '/v1/models', { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' })).body).toBe('{"from":"anthropic"}');
    // Anthropic path without headers.
    expect((await raw(proxy.url, 'POST', '/v1/messages/count_tokens', { 'content-type': 'application/json' }, '{}')).body).toBe('{"from":"anthropic"}');
    // A bearer token on a non-/v1 path: an OpenAI-compatible client.
    expect((await raw(proxy.url, 'GET', '/custom', { authorization: 'Bearer sk-x' })).body).toBe('{"from":"openai"}');
    expect(openai.received.map((r) => r.url)).toEqual(['/v1/models', '/custom']);
    expect(anthropic.received.map((r) => r.url)).toEqual(['/v1/models', '/v1/messages/count_tokens']);
  });
});

describe('defect 6: any failure on the compression path sends the original bytes', () => {
  it('a request nested 8,000 levels deep with a compressible tool result is forwarded unchanged (Anthropic)', async () => {
    anthropic.script({ json: anthropicMessage([{ type: 'text', text: 'ok' }]) });
    const history = anthropicHistory([{ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'probe', input: { x: 1 } }] }]);
    const text = JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: history });
    // Splice the deep value in as text: JSON.stringify of it would overflow the test's own stack.
    const body = text.replace('{"x":1}', '{"x":' + '{"a":'.repeat(8000) + '1' + '}'.repeat(8000) + '}');
    expect(body).not.toBe(text);
    const res = await raw(proxy.url, 'POST', '/v1/messages', { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' }, body);
    expect(res.status).toBe(200);
    expect(anthropic.received).toHaveLength(1);
    expect(anthropic.received[0]!.sha).toBe(sha(body));
  });

  it('the same on the Chat route', async () => {
    openai.script({ json: chatCompletion({ content: 'ok' }) });
    const text = JSON.stringify({ model: 'gpt-4o', messages: chatHistory(), metadata: { x: 1 } });
    const body = text.replace('{"x":1}', '{"x":' + '['.repeat(8000) + ']'.repeat(8000) + '}');
    const res = await raw(proxy.url, 'POST', '/v1/chat/completions', { 'content-type': 'application/json', authorization: 'Bearer sk-x' }, body);
    expect(res.status).toBe(200);
    expect(openai.received).toHaveLength(1);
    expect(openai.received[0]!.sha).toBe(sha(body));
  });
});

describe('defect 8: loopback-only endpoints accept loopback Host names only', () => {
  const LOCAL = ['/stats', '/metrics', '/readyz', `/v1/retrieve/hr_${'0'.repeat(24)}`];

  it('refuses a foreign Host (DNS rebinding) with 403 and a JSON error', async () => {
    for (const path of LOCAL) {
      for (const host of ['evil.example.com', 'evil.example.com:8787', `attacker.test:${proxy.port}`, '127.0.0.1.nip.io']) {
        const res = await raw(proxy.url, 'GET', path, { host });
        expect(res.status, `${path} Host: ${host}`).toBe(403);
        expect(String(res.headers['content-type'])).toContain('application/json');
        const err = (JSON.parse(res.body) as { error: { type: string; message: string } }).error;
        expect(err.type).toBe('headroom_forbidden_host');
        expect(err.message).toContain('Host');
      }
    }
  });

  it('answers localhost, 127.0.0.1 and [::1], with or without a port', async () => {
    for (const host of ['localhost', `localhost:${proxy.port}`, '127.0.0.1', `127.0.0.1:${proxy.port}`, '[::1]', `[::1]:${proxy.port}`, 'LOCALHOST']) {
      const res = await raw(proxy.url, 'GET', '/stats', { host });
      expect(res.status, host).toBe(200);
    }
  });

  it('/v1/retrieve/:key with another method stays local (not forwarded under /v1)', async () => {
    openai.script({ json: { leaked: true } });
    const res = await raw(proxy.url, 'POST', `/v1/retrieve/hr_${'0'.repeat(24)}`, { authorization: 'Bearer sk-x' }, '{}');
    expect(res.status).toBe(405);
    expect(openai.received).toHaveLength(0);
    expect((await raw(proxy.url, 'POST', `/v1/retrieve/hr_${'0'.repeat(24)}`, { host: 'evil.example.com' }, '{}')).status).toBe(403);
  });

  it('/livez stays open to any Host', async () => {
    expect((await raw(proxy.url, 'GET', '/livez', { host: 'evil.example.com' })).status).toBe(200);
  });
});

describe('defect 11: upstream URLs are validated and both base-URL forms are accepted', () => {
  it('an upstream given with the SDK convention /v1 does not double the path', async () => {
    const p = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { openai: `${openai.url}/v1/`, anthropic: `${anthropic.url}/v1` } });
    try {
      openai.script({ json: chatCompletion({ content: 'ok' }) });
      anthropic.script({ json: anthropicMessage([{ type: 'text', text: 'ok' }]) });
      await raw(p.url, 'POST', '/v1/chat/completions?x=1', { authorization: 'Bearer sk-x' }, '{"model":"gpt-4o","messages":[]}');
      await raw(p.url, 'GET', '/v1/models', { authorization: 'Bearer sk-x' });
      await raw(p.url, 'POST', '/v1/messages', { 'anthropic-version': '2023-06-01' }, '{"model":"c","messages":[]}');
      expect(openai.received.map((r) => r.url)).toEqual(['/v1/chat/completions?x=1', '/v1/models']);
      expect(anthropic.received.map((r) => r.url)).toEqual(['/v1/messages']);
    } finally {
      await p.close();
    }
  });

  it('a gateway base path is kept', () => {
    expect(resolveUpstreams({ openai: 'https://gw.example.com/openai/v1', anthropic: 'https://gw.example.com/anthropic/', gemini: 'https://gw.example.com/google/v1beta' }, {})).toEqual({
      openai: 'https://gw.example.com/openai',
      anthropic: 'https://gw.example.com/anthropic',
      gemini: 'https://gw.example.com/google',
      chatgpt: 'https://chatgpt.com',
    });
  });

  it('refuses a value that is not an http(s) URL, naming the flag or variable, before listening', async () => {
    expect(() => resolveUpstreams({ openai: 'notaurl' }, {})).toThrow(/OpenAI upstream.*notaurl.*http/);
    expect(() => resolveUpstreams({ anthropic: 'ftp://host' }, {})).toThrow(/Anthropic upstream.*ftp:\/\/host/);
    expect(() => resolveUpstreams({}, { HEADROOM_OPENAI_UPSTREAM: 'api.openai.com' })).toThrow(/HEADROOM_OPENAI_UPSTREAM/);
    expect(() => resolveUpstreams({ openai: 'http://host/v1?key=x' }, {})).toThrow(/query/);
    expect(() => resolveConfig({ upstreams: { openai: 'notaurl' } }, {})).toThrow(/notaurl/);
    await expect(startProxy({ port: 0, home, upstreams: { openai: 'notaurl' } })).rejects.toThrow(/notaurl/);
  });
});
