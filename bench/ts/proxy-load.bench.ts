// Load benchmark: 16 concurrent streaming clients send agent-sized Anthropic requests (~200 KB, eight
// tool results, fresh on every turn) to a local fake upstream: directly, through a bare Node pipe proxy
// (the floor any Node proxy pays), and through Headroom's proxy; then once more through Headroom with the
// same request every turn (memo hits). Reports time to first byte and to the last byte (p50/p99), what
// each proxy adds, and Headroom's added p99 as a multiple of the pipe's; then the proxy process's CPU per
// request (Linux, from /proc) and, measured apart in this process, what a fresh request's CPU goes to.
// Numbers only, never assertions.
// Both proxies run as their own processes, as they do for users; clients and the fake upstream share
// this one. Run with `npm run bench:proxy` (in bench/; release addon).
// BENCH_CLIENTS / BENCH_TURNS override.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccrKey as ccrKeyOf, compressText, countTokensBatch, findToolTexts, SqliteStore } from '@headroom/core';
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
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

/** One agent's history: ~200 KB over eight tool results (JSON listings and logs), unique per client and turn. */
function history(client: number, turn: number): unknown[] {
  const messages: unknown[] = [{ role: 'user', content: `Client ${client}: why is the deploy failing?` }];
  for (let t = 0; t < TOOL_RESULTS; t++) {
    const id = `toolu_${client}_${t}`;
    const text =
      t % 2 === 0
        ? JSON.stringify(Array.from({ length: 330 }, (_, i) => ({ id: i, host: `c${client}-t${turn}-node-${i}`, status: i === 77 ? 'error: OOMKilled' : 'ok', cpu: (i * 7) % 100 })))
        : Array.from({ length: 480 }, (_, i) => `2026-01-0${1 + (t % 9)}T10:${String(i % 60).padStart(2, '0')}:00Z INFO client=${client} turn=${turn} step ${i} done in ${i % 13} ms`).join('\n');
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id, name: t % 2 === 0 ? 'list_nodes' : 'read_logs', input: {} }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] });
  }
  return messages;
}

interface Timing {
  /** Milliseconds to the response's first body byte, and to its last. */
  first: number;
  last: number;
}

async function once(base: string, body: string): Promise<Timing> {
  const start = performance.now();
  const res = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    body,
  });
  const reader = res.body!.getReader();
  let first = NaN;
  for (;;) {
    const chunk = await reader.read();
    if (Number.isNaN(first)) first = performance.now() - start;
    if (chunk.done) break;
  }
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return { first, last: performance.now() - start };
}

/** CLIENTS concurrent clients, each sending TURNS requests one after another. */
async function run(base: string, body: (client: number, turn: number) => string): Promise<Timing[]> {
  const timings: Timing[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let t = 0; t < TURNS; t++) timings.push(await once(base, body(c, t)));
    }),
  );
  return timings;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

/** Resolves with the URL a child process prints (`listening on http://…`) and a stop that waits for its exit. */
function listening(child: ReturnType<typeof spawn>, name: string): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening:\n${out}`)));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        child.removeAllListeners('exit');
        // Stopped means exited: the proxy saves its ledger on the way out.
        resolve({
          url,
          pid: child.pid,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** `headroom proxy` on a free port in a child process. */
function startProxyProcess(upstream: string, home: string): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const bin = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
  const child = spawn(process.execPath, [bin, 'proxy', '--port', '0', '--anthropic-upstream', upstream, '--openai-upstream', upstream], {
    env: { ...process.env, HEADROOM_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listening(child, 'headroom proxy');
}

/** The floor: a Node HTTP proxy that pipes request and response bytes through untouched, in its own process. */
const PIPE = `
const http = require('node:http');
const upstream = new URL(process.argv[1]);
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const up = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
`;

function startPipeProcess(upstream: string): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', PIPE, upstream], { stdio: ['ignore', 'pipe', 'inherit'] });
  return listening(child, 'pipe proxy');
}

/**
 * What one fresh request's CPU goes to, each part measured alone in this process over the tool results
 * of a fresh body: compressing them with their exact counts (the proxy counts after the send, but it
 * counts), the counts alone, and storing the originals. Compression alone is the first less the second;
 * the proxy's total less all three is its event loop (parse, splice, HTTP).
 */
async function breakdown(body: string): Promise<void> {
  const rounds = 20;
  const texts = findToolTexts((JSON.parse(body) as { messages: unknown[] }).messages).map((t) => t.text);
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-store-'));
  const store = SqliteStore.open({ path: join(dir, 'ccr.sqlite'), filesDir: join(dir, 'files') });
  const ms = { compressed: 0, counts: 0, store: 0 };
  // CPU of the whole process (every thread), so work spread over the thread pool counts in full.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let r = 0; r < rounds; r++) {
    const fresh = texts.map((t) => `${t}\n${r}`);
    let t0 = cpu();
    const out = await Promise.all(fresh.map((t) => compressText(t, { store: false, cache: false, deferCounts: true })));
    await Promise.all(out.map((o) => o.counted));
    ms.compressed += cpu() - t0;
    t0 = cpu();
    countTokensBatch(fresh.flatMap((t, i) => [t, out[i]!.text]), 'claude-sonnet-4-6');
    ms.counts += cpu() - t0;
    t0 = cpu();
    await Promise.all(fresh.map((t) => store.put(ccrKeyOf(t), t)));
    ms.store += cpu() - t0;
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const f = (n: number) => (n / rounds).toFixed(1);
  console.log(
    `a fresh request's parts, measured apart (CPU ms): compress with exact counts ${f(ms.compressed)} (counts alone ${f(ms.counts)}, so compression ${f(ms.compressed - ms.counts)}), store originals ${f(ms.store)}`,
  );
}

const home = mkdtempSync(join(tmpdir(), 'headroom-proxy-bench-'));
const upstream = await fakeUpstream();
const proxy = await startProxyProcess(upstream.url, home);
const pipe = await startPipeProcess(upstream.url);
const request = (c: number, t: number) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1024, stream: true, messages: history(c, t) });
const fresh = Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: TURNS }, (_, t) => request(c, t)));
const repeated = Array.from({ length: CLIENTS }, (_, c) => request(c, TURNS));
const warm = (c: number) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 8, stream: true, messages: [{ role: 'user', content: `warm-up ${c}` }] });
console.log(`proxy load: ${CLIENTS} concurrent streaming clients × ${TURNS} turns, ${(Buffer.byteLength(fresh[0]![0]!) / 1024).toFixed(0)} KB bodies (${TOOL_RESULTS} tool results, fresh every turn)`);
await run(upstream.url, warm);
await run(pipe.url, warm);
await run(proxy.url, warm); // loads the addon and opens the store before timing
/** Milliseconds of CPU (user + system) a process has used so far; NaN where /proc is not there. */
function cpuMs(pid: number | undefined): number {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return NaN;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s on Linux
}
const direct = await run(upstream.url, (c, t) => fresh[c]![t]!);
const piped = await run(pipe.url, (c, t) => fresh[c]![t]!);
const cpu0 = cpuMs(proxy.pid);
const proxied = await run(proxy.url, (c, t) => fresh[c]![t]!);
const cpu1 = cpuMs(proxy.pid);
const memo = await run(proxy.url, (c) => repeated[c]!);
const cpu2 = cpuMs(proxy.pid);
const at = (xs: Timing[], key: keyof Timing, p: number) => pct(xs.map((x) => x[key]), p);
for (const key of ['first', 'last'] as const) {
  console.log(key === 'first' ? 'time to first byte' : 'time to last byte');
  for (const [name, xs] of [['direct', direct], ['bare pipe proxy', piped], ['headroom (fresh)', proxied], ['headroom (memo hits)', memo]] as const) {
    const added = name === 'direct' ? '' : `   added p50 ${fmt(at(xs, key, 50) - at(direct, key, 50))}  p99 ${fmt(at(xs, key, 99) - at(direct, key, 99))}`;
    console.log(`  ${name.padEnd(22)} p50 ${fmt(at(xs, key, 50))}  p99 ${fmt(at(xs, key, 99))}${added}`);
  }
}
const addedP99 = (xs: Timing[]) => at(xs, 'first', 99) - at(direct, 'first', 99);
console.log(`headroom's added first-byte p99 / the pipe's: ${(addedP99(proxied) / addedP99(piped)).toFixed(2)}× (fresh), ${(addedP99(memo) / addedP99(piped)).toFixed(2)}× (memo hits)`);
console.log(`headroom's first-byte p99 / the pipe's: ${(at(proxied, 'first', 99) / at(piped, 'first', 99)).toFixed(2)}× (fresh)`);
const t = ((await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot).totals;
console.log(`compression: ${t.tokensBefore} → ${t.tokensAfter} tool-result tokens (${((1 - t.tokensAfter / Math.max(1, t.tokensBefore)) * 100).toFixed(1)}% saved), ${t.failOpen} fail-open, ${(t.compressionMs / Math.max(1, t.requests)).toFixed(1)} ms compression per request`);
console.log(`proxy CPU per request: ${((cpu1 - cpu0) / proxied.length).toFixed(1)} ms fresh, ${((cpu2 - cpu1) / memo.length).toFixed(1)} ms memo hit`);
await breakdown(fresh[0]![0]!);
await proxy.stop();
await pipe.stop();
upstream.close();
rmSync(home, { recursive: true, force: true });
