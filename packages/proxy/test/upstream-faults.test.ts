// Issue 14, defect 12 (upstream timeouts) and the "reached and reset" item: a silent, stalled or
// resetting upstream on loopback; the client always ends with an error in its API's shape.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-faults-'));
const held: Socket[] = [];

/** Answers per path: `/v1/messages` etc. accept and never answer; `?stall` SSE sends one event then stalls. */
function faultyUpstream(): Server {
  const server = createHttpServer((req, res) => {
    held.push(req.socket);
    req.resume();
    req.on('end', () => {
      if (req.headers['x-test'] !== 'stall') return; // silent: head never sent
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const path = req.url!;
      if (path.startsWith('/v1/messages')) res.write('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":3,"output_tokens":0}}}\n\n');
      else if (path.startsWith('/v1/responses')) res.write('event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1"}}\n\n');
      else res.write('data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n');
      // …and nothing more, connection kept open.
    });
  });
  return server;
}

/** Accepts, reads the request, then resets the connection without answering. */
function resettingUpstream(): NetServer {
  return createNetServer((socket) => {
    socket.once('data', () => socket.resetAndDestroy());
    socket.on('error', () => {});
  });
}

async function listen(server: Server | NetServer): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let silent: Server;
let resetting: NetServer;
let proxy: RunningProxy;
let resetProxy: RunningProxy;

beforeAll(async () => {
  silent = faultyUpstream();
  resetting = resettingUpstream();
  const silentUrl = await listen(silent);
  const resetUrl = await listen(resetting);
  // Generous next to a loopback upstream's answer on a busy machine, short next to the test timeout: a
  // stalled stream must not be mistaken for a silent one, and each case ends by a limit, never a clock.
  const timeouts = { upstreamConnectTimeoutMs: 2_000, upstreamFirstByteTimeoutMs: 1_500, upstreamIdleTimeoutMs: 300 };
  proxy = await startProxy({ port: 0, home, upstreams: { openai: silentUrl, anthropic: silentUrl }, ...timeouts });
  resetProxy = await startProxy({ port: 0, home, upstreams: { openai: resetUrl, anthropic: resetUrl } });
});

afterAll(async () => {
  await proxy.close();
  await resetProxy.close();
  for (const s of held) s.destroy();
  silent.closeAllConnections();
  await new Promise((r) => silent.close(r));
  await new Promise((r) => resetting.close(r));
});

const anthropicBody = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
const chatBody = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const responsesBody = JSON.stringify({ model: 'gpt-4o', input: 'hi' });
const anthropicHeaders = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
const openaiHeaders = { 'content-type': 'application/json', authorization: 'Bearer k' };

describe('upstream timeouts (issue 14, defect 12)', { timeout: 15_000 }, () => {
  it('a silent upstream: Anthropic client gets a 504 timeout_error in Anthropic shape', async () => {
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: anthropicHeaders, body: anthropicBody });
    expect(res.status).toBe(504);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('timeout_error');
    expect(body.error.message).toMatch(/first-byte timeout/);
  });

  it('a silent upstream: OpenAI Chat and Responses clients get a 504 {error:{…}}', async () => {
    for (const [path, payload] of [
      ['/v1/chat/completions', chatBody],
      ['/v1/responses', responsesBody],
    ] as const) {
      const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: openaiHeaders, body: payload });
      expect(res.status).toBe(504);
      const body = (await res.json()) as { error: { type: string; message: string; code: string } };
      expect(body.error.type).toBe('timeout_error');
      expect(body.error.code).toBe('upstream_timeout');
      expect(body.error.message).toContain('timed out');
    }
  });

  it('a silent upstream on a forwarded route: 504 too', async () => {
    const res = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: 'Bearer k' } });
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('timeout_error');
  });

  it('an Anthropic stream that stalls after one event ends with an Anthropic error event', async () => {
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { ...anthropicHeaders, 'x-test': 'stall' }, body: anthropicBody });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('event: message_start\n')).toBe(true);
    const last = text.trim().split('\n\n').at(-1)!;
    expect(last.split('\n')[0]).toBe('event: error');
    const data = JSON.parse(last.split('\n')[1]!.slice('data: '.length)) as { type: string; error: { type: string; message: string } };
    expect(data.type).toBe('error');
    expect(data.error.type).toBe('timeout_error');
    expect(data.error.message).toMatch(/idle timeout/);
  });

  it('a Chat stream that stalls ends with a Chat error chunk, never [DONE]', async () => {
    const res = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { ...openaiHeaders, 'x-test': 'stall' }, body: chatBody });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1)!;
    const data = JSON.parse(last.slice('data: '.length)) as { error: { type: string; message: string } };
    expect(data.error.type).toBe('timeout_error');
  });

  it('a Responses stream that stalls ends with a Responses error event numbered after the last one', async () => {
    const res = await fetch(`${proxy.url}/v1/responses`, { method: 'POST', headers: { ...openaiHeaders, 'x-test': 'stall' }, body: responsesBody });
    expect(res.status).toBe(200);
    const last = (await res.text()).trim().split('\n\n').at(-1)!;
    expect(last.split('\n')[0]).toBe('event: error');
    const data = JSON.parse(last.split('\n')[1]!.slice('data: '.length)) as Record<string, unknown>;
    expect(data).toMatchObject({ type: 'error', code: 'upstream_timeout', sequence_number: 1 });
  });

  it('defaults: connect 10 s, first byte 300 s, idle 120 s', () => {
    expect(resetProxy.config.upstreamTimeouts).toEqual({ connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000 });
  });
});

describe('an upstream that was reached and reset (issue 14, smaller item)', () => {
  it('says the upstream closed the connection, not that it could not be reached', async () => {
    for (const [path, headers, payload] of [
      ['/v1/messages', anthropicHeaders, anthropicBody],
      ['/v1/chat/completions', openaiHeaders, chatBody],
      ['/v1/models', { authorization: 'Bearer k' }, undefined],
    ] as const) {
      const res = await fetch(`${resetProxy.url}${path}`, { method: payload ? 'POST' : 'GET', headers, ...(payload ? { body: payload } : {}) });
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type).toBe('headroom_upstream_closed');
      expect(body.error.message).toContain('closed the connection');
      expect(body.error.message).not.toContain('could not reach');
    }
  });

  it('a real connect failure still says the upstream could not be reached', async () => {
    const dead = await startProxy({ port: 0, home, upstreams: { openai: 'http://127.0.0.1:1', anthropic: 'http://127.0.0.1:1' } });
    try {
      const res = await fetch(`${dead.url}/v1/messages`, { method: 'POST', headers: anthropicHeaders, body: anthropicBody });
      expect(res.status).toBe(502);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      expect(body.error.type).toBe('headroom_upstream_unreachable');
      expect(body.error.message).toContain('could not reach the upstream http://127.0.0.1:1');
    } finally {
      await dead.close();
    }
  });
});
