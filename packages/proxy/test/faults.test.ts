// Issue 14, smaller items and the cheap half of the fault suite (bench/ts/proxy-faults.ts runs the heavy
// half): an upstream reset mid-stream is one log line naming the request, a client that disconnects is
// not an upstream error, and many concurrent streams and large bodies pass byte for byte.
import { getEventListeners } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callUpstream } from '../src/forward.js';
import { startProxy, type LedgerSnapshot, type RunningProxy } from '../src/index.js';
import { aEvent, FakeUpstream, sha } from './support/fake-upstream.js';

let upstream: FakeUpstream;
let proxy: RunningProxy;
const home = mkdtempSync(join(tmpdir(), 'headroom-faults-'));

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
  proxy = await startProxy({ port: 0, home, upstreams: { openai: upstream.url, anthropic: upstream.url }, maxBodyBytes: 64 * 1024 * 1024 });
});
afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});
afterEach(() => vi.restoreAllMocks());

const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
const request = (content: string, stream = true) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 16, stream, messages: [{ role: 'user', content }] });
const events = (n: number) => [
  aEvent({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
  ...Array.from({ length: n }, (_, i) => aEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `w${i} ` } })),
  aEvent({ type: 'message_stop' }),
];
const stats = async () => ((await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot).totals;

async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('an upstream that resets mid-stream', () => {
  it('cuts the client off (no clean end) and logs one line naming method, path, upstream and what happened', async () => {
    const before = await stats();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    upstream.script({ sse: events(4), resetAfter: 3, delayMs: 20 });
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers, body: request('hi') });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const read = async () => {
      for (;;) {
        const r = await reader.read();
        if (r.done) return 'clean end';
        text += Buffer.from(r.value).toString();
      }
    };
    await expect(read()).rejects.toThrow();
    expect(text).toBe(events(4).slice(0, 3).join(''));
    await until(() => logged.mock.calls.length > 0, 'the log line');
    expect(logged.mock.calls).toHaveLength(1);
    const [line, ...rest] = logged.mock.calls[0]!;
    expect(rest).toEqual([]);
    expect(typeof line).toBe('string');
    expect(line).not.toContain('\n');
    expect(line).toMatch(new RegExp(`^headroom proxy: POST /v1/messages → ${upstream.url}: the upstream closed the connection after ${Buffer.byteLength(text)} bytes of the response`));
    expect(info).not.toHaveBeenCalled();
    // One upstream error; the connection the proxy cut is no client abort.
    const after = await stats();
    expect([after.errors - before.errors, after.clientAborts - before.clientAborts]).toEqual([1, 0]);
  });
});

describe('a client that disconnects mid-stream', { timeout: 15_000 }, () => {
  it('counts as a client abort in /stats and /metrics, not as an upstream error, and stops the upstream', async () => {
    const before = await stats();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    upstream.aborted = 0;
    upstream.script({ sse: events(200), delayMs: 20 });
    const ac = new AbortController();
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers, body: request('long answer'), signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    await until(() => upstream.aborted === 1, 'the upstream to see the abort');
    await until(async () => (await stats()).clientAborts === before.clientAborts + 1, 'the abort to be counted');
    const after = await stats();
    expect(after.errors).toBe(before.errors);
    expect(await (await fetch(`${proxy.url}/metrics`)).text()).toMatch(/^headroom_client_aborts_total\{provider="anthropic",model="claude-sonnet-4-6"\} [1-9]/m);
    expect(logged).not.toHaveBeenCalled();
  });
});

describe('load and large bodies', { timeout: 60_000 }, () => {
  it('200 concurrent streams all arrive complete and byte for byte', async () => {
    upstream.script({ sse: events(5), delayMs: 5 });
    const want = events(5).join('');
    const got = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers, body: request(`client ${i}`) });
        return { status: res.status, text: await res.text() };
      }),
    );
    expect(got.filter((g) => g.status === 200 && g.text === want)).toHaveLength(200);
  });

  it('a 24 MB body with nothing to compress reaches the upstream byte for byte', async () => {
    upstream.script({ json: { id: 'msg_big', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 1, output_tokens: 1 } } });
    // Non-ASCII and escapes included: nothing may be re-encoded on the way.
    const body = request(`${'é\\n"x'.repeat(1000)}${'0123456789abcdef'.repeat(1_500_000)}`, false);
    const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers, body });
    expect(res.status).toBe(200);
    expect(upstream.received.at(-1)!.sha).toBe(sha(body));
  });
});

describe('defect 13: nothing of a request stays reachable once its exchange is over', () => {
  it("leaves no listener on the client's abort signal (they held the request body and the response)", async () => {
    upstream.script({ sse: events(3) });
    const client = new AbortController();
    const body = new Uint8Array(Buffer.from(request('x'.repeat(100_000))));
    const res = await callUpstream({ method: 'POST', url: `${upstream.url}/v1/messages`, headers: new Headers(headers), body, signal: client.signal });
    expect(getEventListeners(client.signal, 'abort').length).toBeGreaterThan(0); // the exchange is still on
    for await (const chunk of res) void chunk;
    await until(() => res.destroyed && getEventListeners(client.signal, 'abort').length === 0, 'the listeners to go');
    expect(getEventListeners(client.signal, 'abort')).toEqual([]);
  });
});
