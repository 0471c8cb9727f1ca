import { startProxy, type RunningProxy } from '@headroom/proxy';
import { localDay } from '@headroom/proxy/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, makeSandbox, startFakeUpstream, type FakeUpstream, type Sandbox } from './helpers/sandbox.js';

let upstream: FakeUpstream;
let proxy: RunningProxy;
let sb: Sandbox;

const bigLog =
  Array.from({ length: 600 }, (_, i) => `2026-11-21T12:${String(i % 60).padStart(2, '0')}:00Z INFO build step ${i} ok`).join('\n') +
  '\n2026-11-21T12:59:00Z ERROR step 601 failed: tsc exited with code 2\n';

const body = JSON.stringify({
  model: 'claude-sonnet-4-6',
  max_tokens: 100,
  messages: [
    { role: 'user', content: 'why did the build fail?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'npm run build' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: bigLog }] },
  ],
});

beforeAll(async () => {
  upstream = await startFakeUpstream();
  sb = makeSandbox();
  proxy = await startProxy({ port: 0, home: sb.headroomHome, upstreams: { anthropic: upstream.url, openai: upstream.url } });
  const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' }, body });
  await res.arrayBuffer();
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

const run = (...args: string[]) => headroom(sb, [...args, '--port', String(proxy.port)]).done;

describe('headroom inspect', () => {
  it('lists the last requests and shows one as JSON with both texts of its block', async () => {
    const list = await run('inspect', '--json');
    expect(list.code).toBe(0);
    const traces = JSON.parse(list.stdout) as { id: number; model: string; blocks: { tool: string; contentType: string }[] }[];
    expect(traces.map((t) => [t.id, t.model, t.blocks.map((b) => `${b.tool}/${b.contentType}`)])).toEqual([[1, 'claude-sonnet-4-6', ['Bash/log']]]);
    const one = JSON.parse((await run('inspect', '1', '--json')).stdout) as { blocks: { original: string; compressed: string }[] };
    expect(one.blocks[0]!.original).toBe(bigLog);
    const sent = JSON.parse(upstream.requests.at(-1)!.body) as { messages: { content: { content: string }[] }[] };
    expect(one.blocks[0]!.compressed).toBe(sent.messages[2]!.content[0]!.content);
  });

  it('prints a request with its decisions and the block side by side, omitted runs folded', async () => {
    const r = await run('inspect', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Request 1');
    expect(r.stdout).toMatch(/#1 Bash · log — /);
    expect(r.stdout).toMatch(/original\s+│ sent upstream/);
    // The error line is kept: it stands on both sides of one row.
    expect(r.stdout).toMatch(/ERROR step 601 failed: tsc exited with code 2\s+│ 2026-11-21T12:59:00Z ERROR step 601 failed/);
    expect(r.stdout).toMatch(/− \d+ lines not sent as they were/);
    expect(r.stdout).toContain('[headroom: omitted');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('filters the list like the dashboard', async () => {
    const json = async (...args: string[]) => (JSON.parse((await run('inspect', '--json', ...args)).stdout) as { id: number }[]).map((t) => t.id);
    expect(await json('--tool', 'Bash', '--content-type', 'log', '--outcome', 'compressed')).toEqual([1]);
    expect(await json('--model', 'gpt-4o')).toEqual([]);
    const bad = await run('inspect', '--outcome', 'great');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('outcome must be one of compressed, failOpen, bypass, error, retrieval');
  });

  it('says what is wrong: an unknown id, no proxy', async () => {
    const missing = await run('inspect', '99');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no request "99" in the trace');
    const none = await headroom(sb, ['inspect', '--port', '1']).done;
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no Headroom proxy answers at http://127.0.0.1:1');
    expect((await run('inspect', '--last', '0')).stderr).toContain('--last must be a whole number ≥ 1');
  });
});

describe('headroom perf', () => {
  it('breaks the savings down by day and by content type as the proxy recorded them', async () => {
    const p = JSON.parse((await run('perf', '--json')).stdout) as { byDay: { label: string; count: number; saved: number }[]; byContentType: { label: string; count: number; saved: number }[]; undatedRequests: number };
    const stats = (await (await fetch(`${proxy.url}/stats`)).json()) as { totals: { netSavedTokens: number } };
    expect(p.byDay).toEqual([expect.objectContaining({ label: localDay(), count: 1, saved: stats.totals.netSavedTokens })]);
    expect(p.byContentType).toEqual([expect.objectContaining({ label: 'log', count: 1, saved: stats.totals.netSavedTokens })]);
    expect(p.undatedRequests).toBe(0);
    const text = (await run('perf')).stdout;
    expect(text).toMatch(new RegExp(`By day\\n {2}${localDay()} {2}█+`));
    expect(text).toMatch(/By content type\n {2}log {2}█+/);
    expect(text).not.toContain('not recorded');
  });
});
