// Claude Code on a subscription: an OAuth bearer token and `anthropic-beta` flags (OAuth, 1M context, tool
// search, context management) instead of an API key, server-side tools (web search, tool search) whose
// blocks come back in the history with encrypted content, and `count_tokens` calls. The stand-in plays
// Anthropic: it records what arrives; the proxy must pass all of that through untouched while it
// compresses the tool results and answers headroom_retrieve.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { aEvent, FakeUpstream, sha } from './support/fake-upstream.js';
import { anthropicMessage, SERVICES } from './support/fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-subscription-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;

// As Claude Code 2.1 sends them with a subscription login (recorded against a loopback server).
const OAUTH = {
  authorization: 'Bearer sk-ant-oat01-canary-token',
  'anthropic-version': '2023-06-01',
  'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20,context-1m-2025-08-07,context-management-2025-06-27,advanced-tool-use-2025-11-20',
  'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)',
  'x-app': 'cli',
};

const SEARCH_USE = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'disk full error ext4' } };
const SEARCH_RESULT = {
  type: 'web_search_tool_result',
  tool_use_id: 'srvtoolu_1',
  content: [{ type: 'web_search_result', url: 'https://example.org/ext4', title: 'ext4: No space left', encrypted_content: 'EqQBCkYIBxgCKkAgc2VhcmNoIHJlc3VsdCBjYW5hcnk='.repeat(40), page_age: '2 days ago' }],
};
const TOOL_SEARCH_USE = { type: 'server_tool_use', id: 'srvtoolu_2', name: 'tool_search_tool_regex', input: { pattern: 'deploy' } };
const TOOL_SEARCH_RESULT = { type: 'tool_search_tool_result', tool_use_id: 'srvtoolu_2', content: { type: 'tool_search_tool_search_result', tool_references: [{ type: 'tool_reference', tool_name: 'mcp__ci__deploy' }] } };

const history = () => [
  { role: 'user', content: 'Which service is failing, and what does the web say about it?' },
  { role: 'assistant', content: [SEARCH_USE, SEARCH_RESULT, TOOL_SEARCH_USE, TOOL_SEARCH_RESULT, { type: 'text', text: 'Let me list the services.' }, { type: 'tool_use', id: 'toolu_1', name: 'list_services', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: SERVICES }] },
];
const request = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'claude-sonnet-4-6',
    max_tokens: 1024,
    tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }, { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' }, { name: 'list_services', input_schema: { type: 'object', properties: {} } }],
    context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
    messages: history(),
    ...extra,
  });

async function post(path: string, body: string): Promise<Response> {
  return fetch(proxy.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...OAUTH }, body });
}

beforeAll(async () => {
  await upstream.start();
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
});

afterAll(async () => {
  await proxy.close();
  await upstream.stop();
});

describe('Claude Code on a subscription', () => {
  it('OAuth bearer and anthropic-beta reach Anthropic untouched; server-tool blocks byte for byte; the tool result compressed', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'service-137' }]) });
    const body = request();
    const res = await post('/v1/messages?beta=true', body);
    expect(res.status).toBe(200);
    const sent = upstream.received[0]!;
    expect(sent.url).toBe('/v1/messages?beta=true');
    for (const [k, v] of Object.entries(OAUTH)) expect(sent.headers[k]).toBe(v);
    expect(sent.headers['x-api-key']).toBeUndefined();
    const text = sent.body.toString('utf8');
    // The client's own bytes for every server-side block and the context-management setting are still there.
    for (const block of [SEARCH_USE, SEARCH_RESULT, TOOL_SEARCH_USE, TOOL_SEARCH_RESULT]) expect(text).toContain(JSON.stringify(block));
    expect(text).toContain('"context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]}');
    expect(text).toContain('[headroom: omitted 293 items of 300');
    expect(text).toContain('error: disk full');
  });

  it('count_tokens is forwarded as it is: same bytes, same headers, the answer relayed', async () => {
    upstream.script({ json: { input_tokens: 18_244 } });
    const body = request();
    const res = await post('/v1/messages/count_tokens?beta=true', body);
    expect(await res.json()).toEqual({ input_tokens: 18_244 });
    const sent = upstream.received[0]!;
    expect(sent.url).toBe('/v1/messages/count_tokens?beta=true');
    expect(sent.sha).toBe(sha(body));
    for (const [k, v] of Object.entries(OAUTH)) expect(sent.headers[k]).toBe(v);
  });

  it('a streamed turn with a web search and a headroom_retrieve: the search blocks reach Claude Code and go back upstream as they came', async () => {
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await post('/v1/messages', request());
    const key = /key=(hr_[0-9a-f]{24})/.exec(upstream.received[0]!.body.toString())![1]!;
    const live = { ...SEARCH_RESULT, tool_use_id: 'srvtoolu_9', content: [{ ...SEARCH_RESULT.content[0]!, encrypted_content: 'bGl2ZSBzZWFyY2ggY2FuYXJ5'.repeat(20) }] };
    const round1 = [
      aEvent({ type: 'message_start', message: { ...anthropicMessage([]), stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } }),
      aEvent({ type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_9', name: 'web_search', input: {} } }),
      aEvent({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"service-137 disk full"}' } }),
      aEvent({ type: 'content_block_stop', index: 0 }),
      aEvent({ type: 'content_block_start', index: 1, content_block: live }),
      aEvent({ type: 'content_block_stop', index: 1 }),
      aEvent({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: {} } }),
      aEvent({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ key }) } }),
      aEvent({ type: 'content_block_stop', index: 2 }),
      aEvent({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20, server_tool_use: { web_search_requests: 1 } } }),
      aEvent({ type: 'message_stop' }),
    ];
    const round2 = [
      aEvent({ type: 'message_start', message: { ...anthropicMessage([]), stop_reason: null, usage: { input_tokens: 300, output_tokens: 1 } } }),
      aEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      aEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'service-137: disk full' } }),
      aEvent({ type: 'content_block_stop', index: 0 }),
      aEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 8 } }),
      aEvent({ type: 'message_stop' }),
    ];
    upstream.script({ sse: round1 }, { sse: round2 });
    const res = await post('/v1/messages?beta=true', request({ stream: true }));
    const stream = await res.text();
    // Claude Code sees the search and its result as Anthropic sent them, then the answer; not the retrieval.
    expect(stream).toContain(JSON.stringify({ type: 'content_block_start', index: 1, content_block: live }));
    expect(stream).toContain('"partial_json":"{\\"query\\":\\"service-137 disk full\\"}"');
    expect(stream).toContain('service-137: disk full');
    expect(stream).not.toContain('headroom_retrieve');
    const cont = upstream.received[1]!;
    for (const [k, v] of Object.entries(OAUTH)) expect(cont.headers[k]).toBe(v);
    const turn = (cont.json!.messages as { role: string; content: unknown[] }[]).at(-2)!;
    expect(turn.role).toBe('assistant');
    expect(turn.content[0]).toEqual({ type: 'server_tool_use', id: 'srvtoolu_9', name: 'web_search', input: { query: 'service-137 disk full' } });
    expect(turn.content[1]).toEqual(live);
    const earlier = JSON.stringify((cont.json!.messages as unknown[])[1]);
    for (const block of [SEARCH_USE, SEARCH_RESULT, TOOL_SEARCH_USE, TOOL_SEARCH_RESULT]) expect(earlier).toContain(JSON.stringify(block));
    expect(JSON.stringify((cont.json!.messages as unknown[]).at(-1))).toContain('error: disk full');
  });
});
