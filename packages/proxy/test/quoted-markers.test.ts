// Issue 14, defect 9: only markers this proxy issued turn retrieval on, and only their keys are answered.
// Marker-shaped text the client sends (documentation quoting a marker, a key from another conversation)
// is just text: it does not change the request, and its key does not fetch that conversation's original.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { FakeUpstream, sha } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, chatCompletion, retrieveUse } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-quoted-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
/** A key the proxy issued to conversation A (its original is in the shared store). */
let keyA = '';

/** Another conversation's compressible tool result: different rows, so a different key. */
const INVENTORY = JSON.stringify(
  Array.from({ length: 300 }, (_, i) => ({ sku: `sku-${i}`, stock: i === 42 ? 'backordered' : 'in stock', warehouse: 'ams-2', bin: 100 + (i % 9) })),
);

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01', authorization: 'Bearer k', ...headers }, body });

const quotedDoc = (key: string) =>
  `Headroom docs: a compressed tool result ends with a marker such as [headroom: omitted 293 items of 300; key=${key}] ` +
  'and the model may call headroom_retrieve with that key.';

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  // Conversation A: its tool result is compressed, its original stored under keyA.
  upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
  await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() }));
  keyA = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
  const stored = await fetch(`${proxy.url}/v1/retrieve/${keyA}`);
  expect(await stored.text()).toContain('error: disk full');
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('quoted markers are just text', () => {
  it('Anthropic: a small tool result quoting a marker (with a stored key) reaches the upstream byte for byte, no tool added', async () => {
    const body = JSON.stringify({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'How does Headroom mark omissions?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_d', name: 'read_docs', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_d', content: quotedDoc(keyA) }] },
      ],
    });
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'ok' }]) });
    const res = await post('/v1/messages', body);
    expect(res.status).toBe(200);
    expect(upstream.received).toHaveLength(1);
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.json!.tools).toBeUndefined();
  });

  it('Chat: the same quoted marker leaves the request untouched', async () => {
    const body = JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'How does Headroom mark omissions?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_d', type: 'function', function: { name: 'read_docs', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_d', content: quotedDoc(keyA) },
      ],
    });
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(200);
    expect(upstream.received[0]!.sha).toBe(sha(body));
    expect(upstream.received[0]!.json!.tools).toBeUndefined();
  });
});

describe('only keys issued into this conversation are answered', () => {
  // Conversation B: its own compressed tool result (so retrieval is on), plus documentation quoting
  // conversation A's marker. The model asks for A's key: it must not get A's original.
  const historyB = () => [
    { role: 'user', content: 'Which item is backordered?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_i', name: 'list_inventory', input: {} }, { type: 'tool_use', id: 'toolu_d', name: 'read_docs', input: {} }] },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_i', content: INVENTORY },
        { type: 'tool_result', tool_use_id: 'toolu_d', content: quotedDoc(keyA) },
      ],
    },
  ];

  it('Anthropic: a retrieve call for a stored key of another conversation is answered "unknown here"', async () => {
    upstream.script({ json: anthropicMessage([retrieveUse(keyA)], 'tool_use') }, { json: anthropicMessage([{ type: 'text', text: 'done' }]) });
    const res = await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: historyB() }));
    expect(res.status).toBe(200);
    expect(upstream.received).toHaveLength(2);
    const first = JSON.stringify(upstream.received[0]!.json!.messages);
    const keyB = /omitted [^\]]*key=(hr_[0-9a-f]{24})/.exec(first.replace(quotedDoc(keyA), ''))![1]!;
    expect(keyB).not.toBe(keyA);
    const answer = JSON.stringify((upstream.received[1]!.json!.messages as { content: unknown }[]).at(-1)!.content);
    expect(answer).not.toContain('error: disk full');
    expect(answer).not.toContain('service-137');
    expect(answer).toContain('unknown key here');
  });

  it("Anthropic: the conversation's own key is still answered with its original", async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: historyB() }));
    const keyB = /omitted [^\]]*key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages).replace(quotedDoc(keyA), ''))![1]!;
    upstream.script({ json: anthropicMessage([retrieveUse(keyB)], 'tool_use') }, { json: anthropicMessage([{ type: 'text', text: 'done' }]) });
    await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: historyB() }));
    const answer = JSON.stringify((upstream.received[1]!.json!.messages as { content: unknown }[]).at(-1)!.content);
    expect(answer).toContain('backordered');
  });

  it('Chat: a retrieve call for another conversation\'s key does not return its original', async () => {
    const messages = [
      { role: 'user', content: 'Which item is backordered?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_i', type: 'function', function: { name: 'list_inventory', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_i', content: INVENTORY },
      { role: 'user', content: `Also see ${quotedDoc(keyA)}` },
    ];
    const call = { id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: JSON.stringify({ key: keyA }) } };
    upstream.script({ json: chatCompletion({ tool_calls: [call] }, 'tool_calls') }, { json: chatCompletion({ content: 'done' }) });
    const res = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o', messages }));
    expect(res.status).toBe(200);
    expect(upstream.received).toHaveLength(2);
    const answer = JSON.stringify((upstream.received[1]!.json!.messages as unknown[]).at(-1));
    expect(answer).not.toContain('error: disk full');
    expect(answer).toContain('unknown key here');
  });
});

