import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { chatCompletion } from './support/fixtures.js';

// The tiny generated model (crates/headroom-ml/src/kompress/tiny.rs): fixed keep scores per token.
const TINY = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures', 'kompress-tiny');
const PARAGRAPH = 'We really keep the model in memory.\n    The cache is very fast and the server is slow.\n\nA request was compressed, the compression keeps words.\n';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-kompress-'));
const saved = { HEADROOM_HOME: process.env.HEADROOM_HOME, HEADROOM_KOMPRESS_MODEL: process.env.HEADROOM_KOMPRESS_MODEL };
const upstream = new FakeUpstream();
let proxy: RunningProxy;

beforeAll(async () => {
  process.env.HEADROOM_HOME = home;
  process.env.HEADROOM_KOMPRESS_MODEL = TINY;
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the proxy with a Kompress model installed', () => {
  it('compresses a prose tool result with the model and keeps answering /livez while it runs', async () => {
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    const prose = PARAGRAPH.repeat(400);
    const body = JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'what does the fetched page say?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'web_fetch', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: prose },
      ],
    });
    let settled = false;
    const pending = fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).finally(() => (settled = true));
    const live: number[] = [];
    while (!settled) live.push((await fetch(`${proxy.url}/livez`)).status);
    expect((await pending).status).toBe(200);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((s) => s === 200)).toBe(true);

    const sent = upstream.received[0]!.json as { messages: { content: string }[] };
    const tool = sent.messages[2]!.content;
    expect(tool).toMatch(/^\[headroom: omitted 5600 words of 10000; kept 0 by rule, 4400 by model score; key=hr_[0-9a-f]{24}; file=/);
    expect(tool.endsWith('request compression keeps words.\n')).toBe(true);
    // Everything else in the request is as the client sent it.
    expect(sent.messages[0]).toEqual({ role: 'user', content: 'what does the fetched page say?' });
  });
});
