import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodySha: string;
}

let upstream: Server;
let upstreamUrl: string;
let proxy: RunningProxy;
const seen: Seen[] = [];
const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-'));
let releaseStream: () => void = () => {};

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
const GZIPPED = gzipSync(Buffer.from('{"compressed":true}'));

function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, bodySha: sha(body) });
  const path = new URL(req.url!, 'http://upstream').pathname;
  if (path === '/v1/chat/completions') {
    res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'openai' });
    res.end(body);
  } else if (path === '/v1/messages') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: message_start\ndata: {"n":1}\n\n');
    releaseStream = () => res.end('event: message_stop\ndata: {"n":2}\n\n');
  } else if (path === '/gzip') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(GZIPPED);
  } else {
    res.writeHead(529, { 'content-type': 'application/json' });
    res.end('{"type":"error","error":{"type":"overloaded_error"}}');
  }
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startProxy({ port: 0, home, upstreams: { openai: upstreamUrl, anthropic: upstreamUrl } });
});

afterAll(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

describe('pass-through proxy', () => {
  it('answers /livez', async () => {
    const res = await fetch(`${proxy.url}/livez`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('forwards method, path, auth headers and body bytes untouched, and returns the upstream response', async () => {
    const body = '{"model":"gpt-4o","messages":[{"role":"user","content":"héllo \\u00e9 😀"}]}  ';
    const res = await fetch(`${proxy.url}/v1/chat/completions?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('openai');
    expect(await res.text()).toBe(body);
    const last = seen.at(-1)!;
    expect(last.url).toBe('/v1/chat/completions?x=1');
    expect(last.headers.authorization).toBe('Bearer sk-test');
    expect(last.bodySha).toBe(sha(Buffer.from(body)));
  });

  it('streams: the first event arrives before the upstream has finished', async () => {
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: '{}' });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('event: message_start\ndata: {"n":1}\n\n');
    releaseStream();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('event: message_stop\ndata: {"n":2}\n\n');
  });

  it('keeps compressed bodies compressed (byte-identical)', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      // A bearer token attributes the request to the OpenAI upstream (unattributable ones stay local).
      request(`${proxy.url}/gzip`, { headers: { authorization: 'Bearer sk-test' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.body.equals(GZIPPED)).toBe(true);
  });

  it('passes upstream errors through verbatim', async () => {
    const res = await fetch(`${proxy.url}/v1/anything`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(529);
    expect(await res.text()).toBe('{"type":"error","error":{"type":"overloaded_error"}}');
  });

  it('answers 502 with a clear message when the upstream is unreachable', async () => {
    const dead = await startProxy({ port: 0, home, upstreams: { openai: 'http://127.0.0.1:1', anthropic: 'http://127.0.0.1:1' } });
    try {
      const res = await fetch(`${dead.url}/v1/models`);
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type).toBe('headroom_upstream_unreachable');
      expect(body.error.message).toContain('http://127.0.0.1:1');
    } finally {
      await dead.close();
    }
  });
});
