// Load benchmark: 16 concurrent streaming clients send agent-sized Anthropic requests (~200 KB, eight
// tool results) to a local fake upstream, once directly and once through the proxy. Reports latency to
// the last byte (p50/p99) for both and the latency the proxy adds. Numbers only, never assertions.
// The proxy runs as its own process (`headroom proxy`), as it does for users; clients and the fake
// upstream share this one. Run with `npm run bench:proxy` (in bench/; release addon).
// BENCH_CLIENTS / BENCH_TURNS override.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerSnapshot } from '@headroom/proxy';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const TURNS = Number(process.env.BENCH_TURNS ?? 12);
const TOOL_RESULTS = 8;

/** A fake Anthropic upstream: reads the whole body, then streams a short answer in 12 events. */
function fakeUpstream(): Promise<{ url: string; close(): void }> {
  const events = [
    `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, usage: { input_tokens: 1000, output_tokens: 1 } } })}\n\n`,
    `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n`,
    ...Array.from({ length: 8 }, (_, i) => `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"word${i} "}}\n\n`),
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`,
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n`,
  ];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const e of events) res.write(e);
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => (server.closeAllConnections(), server.close()) }),
    ),
  );
}

/** One agent's history: ~200 KB over eight tool results (JSON listings and logs), unique per client. */
function history(client: number): unknown[] {
  const messages: unknown[] = [{ role: 'user', content: `Client ${client}: why is the deploy failing?` }];
  for (let t = 0; t < TOOL_RESULTS; t++) {
    const id = `toolu_${client}_${t}`;
    const text =
      t % 2 === 0
        ? JSON.stringify(Array.from({ length: 330 }, (_, i) => ({ id: i, host: `c${client}-node-${i}`, status: i === 77 ? 'error: OOMKilled' : 'ok', cpu: (i * 7) % 100 })))
        : Array.from({ length: 480 }, (_, i) => `2026-01-0${1 + (t % 9)}T10:${String(i % 60).padStart(2, '0')}:00Z INFO client=${client} step ${i} done in ${i % 13} ms`).join('\n');
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id, name: t % 2 === 0 ? 'list_nodes' : 'read_logs', input: {} }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] });
  }
  return messages;
}

async function once(base: string, body: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    body,
  });
  const reader = res.body!.getReader();
  while (!(await reader.read()).done);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - start;
}

/** CLIENTS concurrent clients, each sending TURNS requests one after another (turn 0 is its first). */
async function run(base: string, bodies: string[]): Promise<{ first: number[]; later: number[] }> {
  const first: number[] = [];
  const later: number[] = [];
  await Promise.all(
    bodies.map(async (body) => {
      for (let t = 0; t < TURNS; t++) (t === 0 ? first : later).push(await once(base, body));
    }),
  );
  return { first, later };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

/** `headroom proxy` on a free port in a child process; resolves once it prints where it listens. */
function startProxyProcess(upstream: string, home: string): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
  const child = spawn(process.execPath, [bin, 'proxy', '--port', '0', '--anthropic-upstream', upstream, '--openai-upstream', upstream], {
    env: { ...process.env, HEADROOM_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`headroom proxy exited with ${code} before listening:\n${out}`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        child.removeAllListeners('exit');
        // Stopped means exited: the proxy saves its ledger on the way out.
        resolve({ url, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
      }
    });
  });
}

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-bench-'));
const upstream = await fakeUpstream();
const proxy = await startProxyProcess(upstream.url, home);
const bodies = Array.from({ length: CLIENTS }, (_, c) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1024, stream: true, messages: history(c) }));
const warm = Array.from({ length: CLIENTS }, (_, c) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 8, stream: true, messages: [{ role: 'user', content: `warm-up ${c}` }] }));
console.log(`proxy load: ${CLIENTS} concurrent streaming clients × ${TURNS} turns, ${(Buffer.byteLength(bodies[0]!) / 1024).toFixed(0)} KB bodies (${TOOL_RESULTS} tool results)`);
await run(upstream.url, warm);
await run(proxy.url, warm); // loads the addon and opens the store before timing
const direct = await run(upstream.url, bodies);
const proxied = await run(proxy.url, bodies);
const all = (r: { first: number[]; later: number[] }) => [...r.first, ...r.later];
const d = all(direct);
const p = all(proxied);
console.log(`direct              p50 ${fmt(pct(d, 50))}  p99 ${fmt(pct(d, 99))}`);
console.log(`proxied             p50 ${fmt(pct(p, 50))}  p99 ${fmt(pct(p, 99))}`);
console.log(`  first turn        p50 ${fmt(pct(proxied.first, 50))}  p99 ${fmt(pct(proxied.first, 99))}  (tool results compressed at birth)`);
console.log(`  later turns       p50 ${fmt(pct(proxied.later, 50))}  p99 ${fmt(pct(proxied.later, 99))}  (memo hits: byte-identical compressed text)`);
console.log(`added latency       p50 ${fmt(pct(p, 50) - pct(d, 50))}  p99 ${fmt(pct(p, 99) - pct(d, 99))}`);
console.log(`ratio proxied/direct p50 ${(pct(p, 50) / pct(d, 50)).toFixed(2)}×  p99 ${(pct(p, 99) / pct(d, 99)).toFixed(2)}×`);
const t = ((await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot).totals;
console.log(`compression: ${t.tokensBefore} → ${t.tokensAfter} tool-result tokens (${((1 - t.tokensAfter / Math.max(1, t.tokensBefore)) * 100).toFixed(1)}% saved), ${t.failOpen} fail-open, ${(t.compressionMs / Math.max(1, t.requests)).toFixed(1)} ms compression per request`);
await proxy.stop();
upstream.close();
rmSync(home, { recursive: true, force: true });
