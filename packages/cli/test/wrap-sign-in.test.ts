// `wrap codex` follows Codex's sign-in (ChatGPT, a stored API key, or OPENAI_API_KEY), and a wrapped
// agent behind a corporate proxy still reaches the headroom proxy on loopback. The stand-in `codex` here
// does what the real one does with the provider block (checked against Codex 0.171 in e2e/agents): it
// reads base_url and requires_openai_auth from config.toml and sends its login's headers there.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, killRecordedProxies, makeSandbox, type Sandbox } from './helpers/sandbox.js';

const CODEX = String.raw`#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const home = process.env.CODEX_HOME || path.join(process.env.HOME, '.codex');
const config = fs.readFileSync(path.join(home, 'config.toml'), 'utf8');
const block = config.slice(config.indexOf('[model_providers.headroom]'));
const baseUrl = /base_url = "([^"]+)"/.exec(block)[1];
const headers = { 'content-type': 'application/json' };
if (/requires_openai_auth = true/.test(block)) {
  const auth = JSON.parse(fs.readFileSync(path.join(home, 'auth.json'), 'utf8'));
  if (auth.tokens) Object.assign(headers, { authorization: 'Bearer ' + auth.tokens.access_token, 'chatgpt-account-id': auth.tokens.account_id, originator: 'codex_exec' });
  else headers.authorization = 'Bearer ' + auth.OPENAI_API_KEY;
} else headers.authorization = 'Bearer ' + process.env.OPENAI_API_KEY;
const lines = Array.from({ length: 400 }, (_, i) => '2026-12-02T06:00:' + String(i % 60).padStart(2, '0') + 'Z INFO worker-' + (i % 4) + ' request ' + i + ' served in ' + (10 + (i % 7)) + ' ms');
lines[217] = '2026-12-02T06:03:37Z ERROR worker-1 request 217 failed: CANARY-7781 disk quota exceeded on /var/data';
const body = { model: 'gpt-5.1-codex', stream: false, input: [{ role: 'user', content: 'why did request 217 fail?' }, { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: '{"cmd":"cat app.log"}' }, { type: 'function_call_output', call_id: 'c1', output: lines.join('\n') }] };
const rec = { env: { NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy, HTTPS_PROXY: process.env.HTTPS_PROXY }, block };
fetch(baseUrl + '/responses', { method: 'POST', headers, body: JSON.stringify(body) })
  .then(async (r) => { rec.response = { status: r.status, body: await r.text() }; })
  .catch((e) => { rec.response = { error: String(e) }; })
  .finally(() => { fs.writeFileSync(path.join(process.env.RECORDS, 'codex.json'), JSON.stringify(rec)); });
`;

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Plays the ChatGPT backend and the OpenAI API at once: answers Responses, records what arrived where. */
let backend: Server;
let backendUrl = '';
const seen: Seen[] = [];
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'resp_1', object: 'response', status: 'completed', output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'quota', annotations: [] }] }] }));
    });
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const sb of sandboxes) killRecordedProxies(sb);
  backend.closeAllConnections();
  await new Promise((r) => backend.close(r));
});

const CONFIG = '# mine\nmodel = "gpt-5.1-codex"\n';

function sandbox(auth: unknown, env: NodeJS.ProcessEnv = {}): Sandbox {
  const sb = makeSandbox({ HEADROOM_OPENAI_UPSTREAM: backendUrl, HEADROOM_CHATGPT_UPSTREAM: backendUrl, ...env });
  sandboxes.push(sb);
  mkdirSync(join(sb.home, '.codex'), { recursive: true });
  writeFileSync(join(sb.home, '.codex', 'config.toml'), CONFIG);
  if (auth !== undefined) writeFileSync(join(sb.home, '.codex', 'auth.json'), JSON.stringify(auth));
  writeFileSync(join(sb.bin, 'codex'), CODEX);
  chmodSync(join(sb.bin, 'codex'), 0o755);
  return sb;
}

const record = (sb: Sandbox) => JSON.parse(readFileSync(join(sb.records, 'codex.json'), 'utf8')) as { env: Record<string, string | undefined>; block: string; response: { status: number; body: string } };

const CHATGPT_AUTH = { auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { id_token: 'h.p.s', access_token: 'chatgpt-token-canary', refresh_token: 'r', account_id: 'acct-9' }, last_refresh: '2026-12-01T00:00:00Z' };

describe('wrap codex follows the sign-in', () => {
  it('ChatGPT: the provider sends the ChatGPT login to /backend-api/codex; the backend gets it untouched, compressed; config.toml restored', async () => {
    const sb = sandbox(CHATGPT_AUTH);
    seen.length = 0;
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex', 'exec', 'hi']).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('OPENAI_API_KEY');
    expect(r.stderr).toContain('codex is signed in with ChatGPT: requests go through headroom to the ChatGPT backend');
    const rec = record(sb);
    expect(rec.block).toMatch(/base_url = "http:\/\/127\.0\.0\.1:\d+\/backend-api\/codex"\nrequires_openai_auth = true\nwire_api = "responses"\n/);
    expect(rec.block).not.toContain('env_key');
    expect(rec.response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/backend-api/codex/responses');
    expect(seen[0]!.headers.authorization).toBe('Bearer chatgpt-token-canary');
    expect(seen[0]!.headers['chatgpt-account-id']).toBe('acct-9');
    expect(seen[0]!.body).toContain('[headroom: omitted');
    expect(seen[0]!.body).toContain('CANARY-7781 disk quota exceeded');
    expect(readFileSync(join(sb.home, '.codex', 'config.toml'), 'utf8')).toBe(CONFIG);
    const doctor = JSON.parse((await headroom(sb, ['doctor', '--port', '0', '--json']).done).stdout) as { checks: { name: string; detail: string }[] };
    expect(doctor.checks.find((c) => c.name === 'codex')!.detail).toContain('signed in with ChatGPT');
  });

  it('an API key stored by `codex login --with-api-key`: the provider sends it to /v1 (no OPENAI_API_KEY needed)', async () => {
    const sb = sandbox({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-stored-canary' });
    seen.length = 0;
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('OPENAI_API_KEY is not set');
    expect(record(sb).block).toContain('requires_openai_auth = true');
    expect(seen.map((s) => [s.path, s.headers.authorization])).toEqual([['/v1/responses', 'Bearer sk-stored-canary']]);
  });

  it('no sign-in and no OPENAI_API_KEY: a warning that says to run `codex login`', async () => {
    const sb = sandbox(undefined);
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.stderr).toMatch(/no Codex sign-in in .*auth\.json and OPENAI_API_KEY is not set: run `codex login`/);
    expect(record(sb).block).toContain('env_key = "OPENAI_API_KEY"');
  });
});

describe('wrap behind a corporate proxy', () => {
  it("loopback joins the agent's NO_PROXY (the user's entries kept), so the agent reaches headroom directly", async () => {
    const sb = sandbox(CHATGPT_AUTH, { HTTPS_PROXY: 'http://proxy.corp.test:3128', NO_PROXY: '.corp.test' });
    seen.length = 0;
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.code, r.stderr).toBe(0);
    const rec = record(sb);
    expect(rec.env.NO_PROXY).toBe('.corp.test,127.0.0.1,localhost,::1');
    expect(rec.env.no_proxy).toBe(rec.env.NO_PROXY);
    expect(rec.env.HTTPS_PROXY).toBe('http://proxy.corp.test:3128');
    // The loopback backend is reached directly by the proxy too (loopback never goes through a proxy).
    expect(rec.response.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
