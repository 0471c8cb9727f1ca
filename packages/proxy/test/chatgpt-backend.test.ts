// Codex signed in with ChatGPT: its `requires_openai_auth` provider points at the proxy's
// /backend-api/codex, and the proxy forwards to the ChatGPT backend Codex would have used, with the
// sign-in's headers untouched, compressing as on /v1/responses. The stand-in plays that backend: it
// refuses requests without the ChatGPT bearer token and account header, as the real one does.
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveUpstreams, startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { callItem, messageItem, responsesInput, responsesSse, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-chatgpt-'));
process.env.HEADROOM_HOME = home;
const backend = new FakeUpstream();
const openai = new FakeUpstream();
let proxy: RunningProxy;

// What Codex 0.171 sends with a ChatGPT sign-in (recorded from the real CLI against a loopback server).
const SIGN_IN = {
  authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJjaGF0Z3B0In0.sig',
  'chatgpt-account-id': 'acct-canary-42',
  originator: 'codex_exec',
  'session-id': '01a23578-7e00-7140-a682-cb96a746b1b7',
  'x-codex-window-id': '01a23578-7e00-7140-a682-cb96a746b1b7:0',
};

const body = () => JSON.stringify({ model: 'gpt-5.1-codex', stream: true, store: false, tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} }, strict: false }], input: responsesInput() });

async function post(path: string, payload: string, headers: Record<string, string> = SIGN_IN): Promise<{ status: number; text: string }> {
  const res = await fetch(proxy.url + path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers }, body: payload });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  await backend.start();
  await openai.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { openai: openai.url, anthropic: openai.url, chatgpt: backend.url } });
});

afterAll(async () => {
  await proxy.close();
  await backend.stop();
  await openai.stop();
});

describe('Codex with a ChatGPT sign-in', () => {
  it('POST /backend-api/codex/responses goes to the ChatGPT backend, sign-in headers untouched, tool output compressed', async () => {
    backend.script({ sse: responsesSse([messageItem('service-137 is down')]) });
    const r = await post('/backend-api/codex/responses', body());
    expect(r.status).toBe(200);
    expect(r.text).toContain('service-137 is down');
    expect(openai.received).toHaveLength(0);
    const sent = backend.received[0]!;
    expect(sent.url).toBe('/backend-api/codex/responses');
    for (const [k, v] of Object.entries(SIGN_IN)) expect(sent.headers[k]).toBe(v);
    const output = JSON.stringify((sent.json!.input as unknown[])[2]);
    expect(output).toContain('[headroom: omitted 293 items of 300');
    expect(output).toContain('error: disk full');
    expect(sent.body.length).toBeLessThan(body().length / 2);
  });

  it('the retrieval continuation goes to the same backend with the same sign-in', async () => {
    backend.script({ sse: responsesSse([messageItem('first')]) });
    await post('/backend-api/codex/responses', body());
    const key = /key=(hr_[0-9a-f]{24})/.exec(backend.received[0]!.body.toString())![1]!;
    backend.script({ sse: responsesSse([callItem('headroom_retrieve', JSON.stringify({ key }), 'call_r')]) }, { sse: responsesSse([messageItem('service-137: disk full')]) });
    const r = await post('/backend-api/codex/responses', body());
    expect(r.text).toContain('service-137: disk full');
    expect(r.text).not.toContain('headroom_retrieve');
    expect(backend.received.map((q) => q.url)).toEqual(['/backend-api/codex/responses', '/backend-api/codex/responses']);
    const cont = backend.received[1]!;
    for (const [k, v] of Object.entries(SIGN_IN)) expect(cont.headers[k]).toBe(v);
    expect(JSON.stringify(cont.json!.input)).toContain(JSON.stringify(SERVICES).slice(1, -1));
  });

  it("the backend's other paths (models, compaction) are forwarded byte for byte, query included", async () => {
    backend.script({ json: { models: [{ slug: 'gpt-5.1-codex' }] } });
    const res = await fetch(`${proxy.url}/backend-api/codex/models?client_version=0.171.0`, { headers: SIGN_IN });
    expect(await res.json()).toEqual({ models: [{ slug: 'gpt-5.1-codex' }] });
    expect(backend.received[0]!.url).toBe('/backend-api/codex/models?client_version=0.171.0');
    expect(backend.received[0]!.headers['chatgpt-account-id']).toBe('acct-canary-42');
  });

  it("the backend's own errors reach Codex as sent (an expired sign-in is Codex's to refresh)", async () => {
    backend.script({ json: { detail: 'token expired' }, status: 401 });
    const r = await post('/backend-api/codex/responses', body());
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text)).toEqual({ detail: 'token expired' });
  });

  it('a WebSocket upgrade is answered over HTTP, never left hanging (Codex then stays on HTTP)', async () => {
    backend.script({ status: 426, text: 'upgrade required' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${proxy.url}/backend-api/codex/responses`, { headers: { ...SIGN_IN, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    expect(status).not.toBe(101);
    expect(status).toBeGreaterThanOrEqual(400);
  });

  it("Responses Lite (code mode: tools in an additional_tools item): compressed, Codex's tool list untouched, and a `cat` of the marker's file goes back as the original", async () => {
    const lite = (extra: unknown[] = []) =>
      JSON.stringify({
        model: 'gpt-6.2-sol',
        stream: true,
        input: [
          { type: 'additional_tools', role: 'developer', tools: [{ type: 'namespace', name: 'functions', tools: [{ type: 'custom', name: 'exec', description: 'Run JavaScript' }] }] },
          { role: 'user', content: [{ type: 'input_text', text: 'Which service is failing?' }] },
          { type: 'custom_tool_call', call_id: 'c1', name: 'exec', input: "text(await tools.exec_command({ cmd: 'list-services' }))" },
          { type: 'custom_tool_call_output', call_id: 'c1', output: [{ type: 'input_text', text: SERVICES }] },
          ...extra,
        ],
      });
    backend.script({ sse: responsesSse([messageItem('ok')]) });
    await post('/backend-api/codex/responses', lite());
    const first = backend.received[0]!;
    expect(first.json!.tools).toBeUndefined();
    const shown = JSON.stringify(first.json!.input);
    expect(shown).toContain('[headroom: omitted 293 items of 300');
    const file = /file=([^\]\s;]+)\]/.exec(first.body.toString())![1]!;
    backend.script({ sse: responsesSse([messageItem('service-137')]) });
    const cat = `text(await tools.exec_command({ cmd: 'cat ${file}' }))`;
    await post('/backend-api/codex/responses', lite([{ type: 'custom_tool_call', call_id: 'c2', name: 'exec', input: cat }, { type: 'custom_tool_call_output', call_id: 'c2', output: [{ type: 'input_text', text: SERVICES }] }]));
    const second = backend.received[0]!;
    expect(second.json!.tools).toBeUndefined();
    expect((second.json!.input as { output?: { text: string }[] }[])[5]!.output![0]!.text).toBe(SERVICES);
  });

  it('HEADROOM_CHATGPT_UPSTREAM takes the backend origin or the base URL Codex itself uses', () => {
    expect(resolveUpstreams({}, {}).chatgpt).toBe('https://chatgpt.com');
    expect(resolveUpstreams({}, { HEADROOM_CHATGPT_UPSTREAM: 'https://chatgpt.example/backend-api/codex' }).chatgpt).toBe('https://chatgpt.example');
    expect(resolveUpstreams({}, { HEADROOM_CHATGPT_UPSTREAM: 'http://127.0.0.1:9/' }).chatgpt).toBe('http://127.0.0.1:9');
  });
});
