// Issue 14, defect 10: compressing a tool result must not rewrite the rest of the request. Invalid UTF-8
// in the user's text (which JSON.parse turns into U+FFFD) reaches the upstream byte for byte, as do the
// client's own spelling of escapes and its whitespace; only the compressed block's value changes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { spliceJson } from '@headroom/core/conversation';
import { FakeUpstream, sha } from './support/fake-upstream.js';
import { anthropicMessage, chatCompletion, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-utf8-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
// A lone continuation byte, a truncated 3-byte sequence and an overlong encoding: all invalid UTF-8.
const INVALID = [0x80, 0xe2, 0x82, 0x20, 0xc0, 0xaf, 0xff];

async function send(path: string, body: Buffer, headers: Record<string, string>): Promise<Buffer> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: new Uint8Array(body) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  expect(upstream.received).toHaveLength(1);
  return upstream.received[0]!.body;
}

describe('invalid UTF-8 outside a compressed tool result', () => {
  it('Anthropic: every byte before and after the compressed value reaches the upstream unchanged', async () => {
    const before = bytes(
      '{\n  "model": "claude-sonnet-4-6",\n  "max_tokens": 100,\n  "messages": [\n    {"role": "user", "content": "caf\\u00e9 ',
      INVALID,
      ' which \\/service fails?"},\n    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "list_services", "input": {}}]},\n',
      '    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": ',
    );
    const value = Buffer.from(JSON.stringify(SERVICES));
    const after = bytes('}, {"type": "text", "text": "and ', INVALID, ' then?"}]}\n  ],\n  "metadata": {"user_id": "u', INVALID, '"}\n}\n');
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'ok' }]) });
    const sent = await send('/v1/messages', Buffer.concat([before, value, after]), { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });

    // The tool result was compressed: the proxy did change the request.
    expect(sent.toString('utf8')).toContain('[headroom: omitted');
    expect(sha(sent.subarray(0, before.length))).toBe(sha(before));
    // After the compressed value: the client's bytes, with only the retrieve tool added after the last member.
    const metaEnd = after.lastIndexOf('"}') + 2;
    const toolsAt = sent.lastIndexOf(',"tools":[');
    expect(toolsAt).toBeGreaterThan(before.length + metaEnd);
    expect(sha(sent.subarray(toolsAt - metaEnd, toolsAt))).toBe(sha(after.subarray(0, metaEnd)));
    expect(sent.subarray(toolsAt).toString('utf8')).toMatch(/^,"tools":\[\{"name":"headroom_retrieve"[\s\S]*\]\n\}\n$/);
    // The invalid sequences are all there, none became U+FFFD.
    expect(sent.includes(Buffer.from('\ufffd'))).toBe(false);
    expect(sent.toString('latin1').split(Buffer.from(INVALID).toString('latin1'))).toHaveLength(4);
  });

  it('Chat: the same with the client’s own tools (the retrieve tool is appended to them)', async () => {
    const before = bytes('{"model":"gpt-4o","messages":[{"role":"user","content":"na', INVALID, 've?"},', '{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"list_services","arguments":"{}"}}]},', '{"role":"tool","tool_call_id":"call_1","content":');
    const value = Buffer.from(JSON.stringify(SERVICES));
    const toolsStart = bytes('},{"role":"user","content":"', INVALID, '"}],\n "tools": [ {"type":"function","function":{"name":"list_services","parameters":{"type":"object","properties":{}}}}');
    const end = bytes(' ]}');
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    const sent = await send('/v1/chat/completions', Buffer.concat([before, value, toolsStart, end]), { authorization: 'Bearer sk' });
    expect(sent.toString('utf8')).toContain('[headroom: omitted');
    expect(sha(sent.subarray(0, before.length))).toBe(sha(before));
    const at = sent.indexOf(toolsStart);
    expect(at).toBeGreaterThan(before.length);
    expect(sent.subarray(at + toolsStart.length).toString('utf8')).toMatch(/^,\{"type":"function","function":\{"name":"headroom_retrieve"[\s\S]*\} \]\}$/);
    expect(sent.includes(Buffer.from('\ufffd'))).toBe(false);
  });

  it('the splice reads back as the changed request, keeping unchanged bytes', () => {
    const raw = bytes('{ "a" : [1, 2.50, {"x":"', INVALID, '"}], "b":"old", "c":{} }');
    const orig = JSON.parse(raw.toString('utf8')) as { a: unknown[]; b: string; c: object };
    const next = { ...orig, a: [orig.a[0], ...orig.a.slice(1)], b: 'new', c: { k: 1 }, d: [1] };
    const out = spliceJson(raw, orig, next);
    expect(JSON.parse(out.toString('utf8'))).toEqual(next);
    expect(out.toString('latin1')).toBe(bytes('{ "a" : [1, 2.50, {"x":"', INVALID, '"}], "b":"new", "c":{"k":1},"d":[1] }').toString('latin1'));
  });
});
