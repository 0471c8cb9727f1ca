// A corporate network on loopback: an HTTP CONNECT proxy that wants credentials, and an HTTPS upstream
// whose certificate comes from a private root (the TLS-inspecting kind) that only NODE_EXTRA_CA_CERTS
// makes Node trust. `headroom proxy` runs as its own process, as users run it, since Node reads
// NODE_EXTRA_CA_CERTS only at start-up. Upstream host names end in `.test`: the CONNECT proxy resolves
// them to loopback, and the proxy process gets the same mapping (test-hosts.mjs) for NO_PROXY's direct
// connections, so no DNS query ever leaves the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, headroom, makeSandbox, type Sandbox } from './helpers/sandbox.js';

const TLS = join(import.meta.dirname, 'fixtures', 'corporate-tls');
const CA = join(TLS, 'ca.pem');
const HOSTS = join(import.meta.dirname, 'fixtures', 'test-hosts.mjs');
const CREDS = 'corp-user:s3cret-canary';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const port = (s: Server) => (s.address() as AddressInfo).port;
const listen = (s: Server) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });

/** An upstream that records what it got and answers an Anthropic message (or a Chat completion). */
function upstreamHandler(seen: Seen[]) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'text', text: 'quota on /var/data' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 4 } }));
    });
  };
}

const httpsSeen: Seen[] = [];
const httpSeen: Seen[] = [];
const proxyLog: { kind: 'CONNECT' | 'HTTP'; target: string; auth: string | undefined }[] = [];
let httpsUpstream: Server;
let httpUpstream: Server;
let corpProxy: Server;

/** Where a `.test` host name of ours points: the two loopback upstreams. */
function loopbackPort(hostPort: string): number | undefined {
  const [host, p] = hostPort.split(':');
  return host!.endsWith('.test') && p ? Number(p) : undefined;
}

beforeAll(async () => {
  httpsUpstream = createHttpsServer({ cert: readFileSync(join(TLS, 'server.pem')), key: readFileSync(join(TLS, 'server-key.pem')) }, upstreamHandler(httpsSeen));
  httpUpstream = createHttpServer(upstreamHandler(httpSeen));
  // The corporate proxy: Basic credentials required (407 without them), tunnels only to our .test hosts.
  corpProxy = createHttpServer((req, res) => {
    const target = new URL(req.url ?? '');
    proxyLog.push({ kind: 'HTTP', target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const p = loopbackPort(target.host);
    if (!p) return void res.writeHead(403).end();
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const out = request({ host: '127.0.0.1', port: p, method: req.method, path: target.pathname + target.search, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(out);
  });
  corpProxy.on('connect', (req, socket, head) => {
    const auth = req.headers['proxy-authorization'];
    proxyLog.push({ kind: 'CONNECT', target: req.url ?? '', auth });
    if (auth !== `Basic ${Buffer.from(CREDS).toString('base64')}`) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="corp"\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const p = loopbackPort(req.url ?? '');
    if (!p) return void socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    const tunnel = connect(p, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
    socket.on('error', () => tunnel.destroy());
  });
  await Promise.all([listen(httpsUpstream), listen(httpUpstream), listen(corpProxy)]);
});

afterAll(async () => {
  await Promise.all([close(httpsUpstream), close(httpUpstream), close(corpProxy)]);
});

let running: ChildProcess | undefined;
afterEach(() => {
  running?.kill('SIGTERM');
  running = undefined;
  httpsSeen.length = 0;
  httpSeen.length = 0;
  proxyLog.length = 0;
});

/** `headroom proxy --port 0` with this environment; resolves to its URL once it listens. */
async function startHeadroom(sb: Sandbox, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'proxy', '--port', '0'], { env: { ...sb.env, NODE_OPTIONS: `--import=${HOSTS}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running = child;
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`headroom proxy exited (${code}): ${out}`)));
  });
}

const LOG = Array.from({ length: 400 }, (_, i) => `2026-12-02T06:00:${String(i % 60).padStart(2, '0')}Z INFO worker-${i % 4} request ${i} served in ${10 + (i % 7)} ms`);
LOG[217] = '2026-12-02T06:03:37Z ERROR worker-1 request 217 failed: CANARY-7781 disk quota exceeded on /var/data';

/** What Claude Code on a subscription sends: OAuth bearer, oauth beta, and a large Bash result. */
async function claudeRequest(proxyUrl: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${proxyUrl}/v1/messages?beta=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-ant-oat01-canary', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-6',
      max_tokens: 512,
      messages: [
        { role: 'user', content: 'why did request 217 fail?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'cat app.log' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: LOG.join('\n') }] },
      ],
    }),
  });
  return { status: res.status, body: await res.text() };
}

describe('behind a corporate proxy', () => {
  it('HTTPS_PROXY with credentials + NODE_EXTRA_CA_CERTS: a CONNECT tunnel, the private root trusted, compression and OAuth headers intact', async () => {
    const sb = makeSandbox();
    const url = await startHeadroom(sb, {
      HTTPS_PROXY: `http://${CREDS}@127.0.0.1:${port(corpProxy)}`,
      NODE_EXTRA_CA_CERTS: CA,
      HEADROOM_ANTHROPIC_UPSTREAM: `https://api.anthropic.test:${port(httpsUpstream)}`,
    });
    const r = await claudeRequest(url);
    expect(r.status, r.body).toBe(200);
    expect(JSON.parse(r.body).content[0].text).toBe('quota on /var/data');
    expect(proxyLog).toEqual([{ kind: 'CONNECT', target: `api.anthropic.test:${port(httpsUpstream)}`, auth: `Basic ${Buffer.from(CREDS).toString('base64')}` }]);
    expect(httpsSeen).toHaveLength(1);
    const sent = httpsSeen[0]!;
    expect(sent.url).toBe('/v1/messages?beta=true');
    expect(sent.headers.authorization).toBe('Bearer sk-ant-oat01-canary');
    expect(sent.headers['anthropic-beta']).toBe('claude-code-20250219,oauth-2025-04-20');
    expect(sent.headers['proxy-authorization']).toBeUndefined();
    expect(sent.body).toContain('[headroom: omitted');
    expect(sent.body).toContain('CANARY-7781 disk quota exceeded');
  });

  it('without NODE_EXTRA_CA_CERTS the private root is not trusted: a 502 that says why, nothing sent upstream', async () => {
    const sb = makeSandbox();
    const url = await startHeadroom(sb, { HTTPS_PROXY: `http://${CREDS}@127.0.0.1:${port(corpProxy)}`, HEADROOM_ANTHROPIC_UPSTREAM: `https://api.anthropic.test:${port(httpsUpstream)}` });
    const r = await claudeRequest(url);
    expect(r.status).toBe(502);
    expect(JSON.parse(r.body).error.message).toMatch(/certificate/i);
    expect(httpsSeen).toHaveLength(0);
  });

  it("a tunnel the proxy refuses (407): a 502 naming the proxy without its credentials, never the proxy's answer as the provider's", async () => {
    const sb = makeSandbox();
    const url = await startHeadroom(sb, { HTTPS_PROXY: `http://corp-user:wrong-canary@127.0.0.1:${port(corpProxy)}`, NODE_EXTRA_CA_CERTS: CA, HEADROOM_ANTHROPIC_UPSTREAM: `https://api.anthropic.test:${port(httpsUpstream)}` });
    const r = await claudeRequest(url);
    expect(r.status).toBe(502);
    const message = JSON.parse(r.body).error.message as string;
    expect(message).toContain(`the proxy http://***@127.0.0.1:${port(corpProxy)} refused the tunnel to api.anthropic.test:${port(httpsUpstream)}: 407`);
    expect(r.body).not.toContain('wrong-canary');
    expect(httpsSeen).toHaveLength(0);
  });

  it('NO_PROXY: the named host is reached directly', async () => {
    const sb = makeSandbox();
    const url = await startHeadroom(sb, {
      https_proxy: `http://${CREDS}@127.0.0.1:${port(corpProxy)}`,
      no_proxy: 'localhost,.anthropic.test',
      NODE_EXTRA_CA_CERTS: CA,
      HEADROOM_ANTHROPIC_UPSTREAM: `https://api.anthropic.test:${port(httpsUpstream)}`,
    });
    expect((await claudeRequest(url)).status).toBe(200);
    expect(proxyLog).toEqual([]);
    expect(httpsSeen).toHaveLength(1);
  });

  it('HTTP_PROXY: a plain-HTTP upstream is requested through the proxy in absolute form', async () => {
    const sb = makeSandbox();
    const url = await startHeadroom(sb, { HTTP_PROXY: `http://${CREDS}@127.0.0.1:${port(corpProxy)}`, HEADROOM_OPENAI_UPSTREAM: `http://api.openai.test:${port(httpUpstream)}` });
    const res = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer sk-canary' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(proxyLog).toEqual([{ kind: 'HTTP', target: `http://api.openai.test:${port(httpUpstream)}/v1/models`, auth: `Basic ${Buffer.from(CREDS).toString('base64')}` }]);
    expect(httpSeen.map((s) => [s.url, s.headers.authorization])).toEqual([['/v1/models', 'Bearer sk-canary']]);
  });

  it('doctor reports the proxy (credentials hidden), where each upstream goes, and the extra root', async () => {
    const sb = makeSandbox();
    const r = await headroom(sb, ['doctor', '--port', '0', '--json'], {
      HTTPS_PROXY: `http://${CREDS}@127.0.0.1:${port(corpProxy)}`,
      NO_PROXY: '.anthropic.test',
      NODE_EXTRA_CA_CERTS: CA,
      HEADROOM_ANTHROPIC_UPSTREAM: 'https://api.anthropic.test',
    }).done;
    const checks = Object.fromEntries((JSON.parse(r.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks.map((c) => [c.name, c]));
    expect(checks.network).toMatchObject({ status: 'ok' });
    expect(checks.network!.detail).toContain(`HTTPS_PROXY=http://***@127.0.0.1:${port(corpProxy)}`);
    expect(checks.network!.detail).toContain(`openai https://api.openai.com via http://***@127.0.0.1:${port(corpProxy)}`);
    expect(checks.network!.detail).toContain('anthropic https://api.anthropic.test direct');
    expect(r.stdout).not.toContain('s3cret-canary');
    expect(checks['CA certificates']).toMatchObject({ status: 'ok' });
    expect(checks['CA certificates']!.detail).toContain('1 certificate(s) (Headroom Test Corp Root CA)');
    const missing = await headroom(sb, ['doctor', '--port', '0', '--json'], { NODE_EXTRA_CA_CERTS: join(TLS, 'missing.pem'), HTTPS_PROXY: '127.0.0.1:3128' }).done;
    const m = Object.fromEntries((JSON.parse(missing.stdout) as { checks: { name: string; status: string; fix?: string }[] }).checks.map((c) => [c.name, c]));
    expect(m['CA certificates']).toMatchObject({ status: 'warn' });
    expect(m.network).toMatchObject({ status: 'warn', fix: expect.stringContaining('http://proxy.example.com:8080') });
  });
});
