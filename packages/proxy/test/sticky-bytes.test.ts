// Issue 14, defect 5: a tool result sent as is because compression overran the budget is sent as is on
// every later request (not compressed once its late result lands in the memo), so the provider's prompt
// cache keeps hitting; a tool result new on the later request is still compressed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { chatCompletion, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-sticky-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 0, upstreams: { anthropic: upstream.url, openai: upstream.url } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

const post = (body: unknown) =>
  fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-x' }, body: JSON.stringify(body) });

type Msg = { role: string; content: unknown };
const sentTool = (i: number, id: string) => {
  const body = upstream.received[i]!.json as { messages: (Msg & { tool_call_id?: string })[] };
  return body.messages.find((m) => m.role === 'tool' && m.tool_call_id === id)!.content as string;
};

describe('a tool result sent as is after a budget overrun', () => {
  it('is sent as is on the next turn too, while a new tool result is compressed', async () => {
    // Content no memo has seen, so compression cannot finish within the 0 ms budget.
    const first = SERVICES.replace('disk full', 'disk sticky one');
    const second = SERVICES.replace('disk full', 'disk sticky two');
    const turn1 = [
      { role: 'user', content: 'Which service is failing?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'list_services', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: first },
    ];
    upstream.script({ json: chatCompletion({ content: 'hi' }) });
    expect((await post({ model: 'gpt-4o', messages: turn1 })).status).toBe(200);
    expect((await proxy.stats()).totals.failOpen).toBe(1);
    expect(sentTool(0, 'call_1')).toBe(first);

    // The next turn has all the time it needs: compression finishes (the first result's compression
    // is in the memo by then, or is redone), yet the first result must go up as it did on turn 1.
    proxy.config.budgetMs = 30_000;
    const turn2 = [
      ...turn1,
      { role: 'assistant', content: 'Checking again.', tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'list_services', arguments: '{"all":true}' } }] },
      { role: 'tool', tool_call_id: 'call_2', content: second },
      { role: 'user', content: 'And now?' },
    ];
    upstream.script({ json: chatCompletion({ content: 'hi' }) });
    expect((await post({ model: 'gpt-4o', messages: turn2 })).status).toBe(200);
    expect((await proxy.stats()).totals.failOpen).toBe(1);
    expect(sentTool(0, 'call_1')).toBe(first);
    const fresh = sentTool(0, 'call_2');
    expect(fresh).not.toBe(second);
    expect(fresh.length).toBeLessThan(second.length);

    // And a third turn sends both exactly as the second did.
    upstream.script({ json: chatCompletion({ content: 'hi' }) });
    expect((await post({ model: 'gpt-4o', messages: [...turn2, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'Thanks' }] })).status).toBe(200);
    expect(sentTool(0, 'call_1')).toBe(first);
    expect(sentTool(0, 'call_2')).toBe(fresh);
  });
});
