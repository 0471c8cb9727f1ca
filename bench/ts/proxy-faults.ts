// Fault suite: the proxy (its own process) between a client and a scripted loopback upstream that
// resets, hangs, trickles, and is sent 50 MB bodies, 6,000-level nesting, invalid UTF-8 and 200
// concurrent streams. For each case: what the client got, the proxy's RSS before, at peak and once idle
// again, and the latency the proxy added (same request sent directly to the upstream). Numbers and
// outcomes only, no assertions: the cheap correctness checks live in packages/proxy/test.
// Run: `cd bench && npm run bench:faults` (needs packages/cli built). FAULTS=name,name runs a subset.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerSnapshot } from '@headroom/proxy';
import { peakRssDuring, rssMiB, scriptedUpstream, settledRssMiB, startProxyProcess } from './proxy-faults-harness.js';

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };
const LIMITS = { firstByteMs: 2000, idleMs: 1000 };

interface Outcome {
  status: number;
  text: string;
  bytes: number;
  /** The stream or body broke off (what the client's reader threw). */
  error?: string;
  ms: number;
  received?: { bytes: number; sha: string; ff: number };
}

async function send(base: string, body: string | Blob, fault = ''): Promise<Outcome> {
  const start = performance.now();
  const res = await fetch(`${base}/v1/messages`, { method: 'POST', headers: { ...HEADERS, ...(fault ? { 'x-fault': fault } : {}) }, body });
  const reader = res.body!.getReader();
  const parts: Buffer[] = [];
  let bytes = 0;
  let error: string | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes < 1 << 20) parts.push(Buffer.from(value));
    }
  } catch (err) {
    error = (err as Error).cause ? `${(err as Error).message}: ${((err as Error).cause as Error).message}` : (err as Error).message;
  }
  const h = res.headers;
  return {
    status: res.status,
    text: Buffer.concat(parts).toString('utf8'),
    bytes,
    ms: performance.now() - start,
    ...(error ? { error } : {}),
    ...(h.has('x-received-bytes') ? { received: { bytes: Number(h.get('x-received-bytes')), sha: h.get('x-received-sha256')!, ff: Number(h.get('x-received-ff-bytes') ?? 0) } } : {}),
  };
}

const events = (text: string) => text.split(/\n\n/).filter((e) => e.trim() !== '');
const request = (messages: unknown[], stream = true) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, stream, messages });
const toolTurn = (id: string, name: string, text: string) => [
  { role: 'assistant', content: [{ type: 'tool_use', id, name, input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] },
];
/** A compressible tool result of about `bytes` bytes: a JSON listing with one row that matters. */
function listing(bytes: number, seed: number): string {
  const rows: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const row = JSON.stringify({ id: i, host: `node-${seed}-${i}`, status: i === 777 ? 'error: OOMKilled' : 'ok', cpu: (i * 7) % 100, zone: `z${i % 5}` });
    rows.push(row);
    size += row.length + 1;
  }
  return `[${rows.join(',')}]`;
}
const ask = { role: 'user', content: 'why is the deploy failing?' };
const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

interface Row {
  name: string;
  outcome: string;
  added: string;
}

const totals = async () => ((await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot).totals;

const home = mkdtempSync(join(tmpdir(), 'headroom-faults-'));
const upstream = await scriptedUpstream();
const proxy = await startProxyProcess(upstream.url, home, [
  '--max-body-bytes', String(64 * 1024 * 1024),
  '--upstream-first-byte-timeout-ms', String(LIMITS.firstByteMs),
  '--upstream-idle-timeout-ms', String(LIMITS.idleMs),
]);
const only = process.env.FAULTS?.split(',');
const rows: (Row & { before: number; peak: number; after: number; log: string })[] = [];

async function fault(name: string, run: () => Promise<Omit<Row, 'name'>>): Promise<void> {
  if (only && !only.some((o) => name.includes(o))) return;
  const before = await settledRssMiB(proxy.pid);
  proxy.takeStderr();
  const { result, peak } = await peakRssDuring(proxy.pid, run);
  const after = await settledRssMiB(proxy.pid);
  const log = proxy.takeStderr().trim().split('\n').filter(Boolean);
  rows.push({ name, ...result, before, peak, after, log: log.length === 0 ? '' : `${log.length} line(s), first: ${log[0]!.slice(0, 160)}` });
  console.error(`${name}: ${result.outcome} | RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} → ${after.toFixed(0)} MiB | added ${result.added}`);
}

// Warm-up: the addon, the tokenizer tables and the store are loaded before the first measurement.
await send(proxy.url, request([ask, ...toolTurn('toolu_w', 'list_nodes', listing(40_000, 0))], false));
const baseline = await settledRssMiB(proxy.pid);

await fault('upstream resets mid-stream', async () => {
  const r = await send(proxy.url, request([ask]), 'reset:3');
  return { outcome: `${r.status}, ${events(r.text).length} events, then ${r.error ? `the client's read fails (${r.error})` : 'a clean end (wrong!)'}`, added: '—' };
});

await fault('upstream hangs before its first byte', async () => {
  const r = await send(proxy.url, request([ask]), 'hang-head');
  const type = /"type":"(\w+)"/.exec(r.text.replace('"type":"error",', ''))?.[1];
  return { outcome: `${r.status} ${type} after ${(r.ms / 1000).toFixed(1)} s (first-byte limit ${LIMITS.firstByteMs / 1000} s)`, added: '—' };
});

await fault('upstream goes idle mid-stream', async () => {
  const r = await send(proxy.url, request([ask]), 'hang-body:2');
  const ev = events(r.text);
  return { outcome: `${r.status}, ${ev.length - 1} upstream events, then \`${ev.at(-1)!.split('\n')[0]}\` (${/"type":"(\w+_error)"/.exec(ev.at(-1)!)?.[1]}) after ${(r.ms / 1000).toFixed(1)} s (idle limit ${LIMITS.idleMs / 1000} s)`, added: '—' };
});

await fault('client disconnects mid-stream', async () => {
  const before = await totals();
  const stopped = upstream.stopped;
  const client = new AbortController();
  const res = await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { ...HEADERS, 'x-fault': 'sse:200:20' }, body: request([ask]), signal: client.signal });
  await res.body!.getReader().read();
  client.abort();
  await new Promise((r) => setTimeout(r, 500));
  const after = await totals();
  const upstreamStopped = upstream.stopped - stopped === 1 ? 'the upstream stream is stopped' : 'the upstream stream goes on (wrong!)';
  return { outcome: `${upstreamStopped}; /stats counts ${after.clientAborts - before.clientAborts} client abort, ${after.errors - before.errors} upstream errors`, added: '—' };
});

await fault('slow stream (1 event / 200 ms, 20 events)', async () => {
  const body = request([ask]);
  const direct = await send(upstream.url, body, 'sse:20:200');
  const proxied = await send(proxy.url, body, 'sse:20:200');
  return { outcome: `${proxied.status}, ${events(proxied.text).length} events, ${proxied.text === direct.text ? 'byte-identical to direct' : 'DIFFERENT from direct'}`, added: `${(proxied.ms - direct.ms).toFixed(0)} ms to the last byte (${direct.ms.toFixed(0)} direct)` };
});

for (const compressible of [true, false]) {
  await fault(`50 MB body, ${compressible ? 'compressible (20 tool results of 2 MB)' : 'nothing to compress (one 50 MB user text)'}`, async () => {
    const body = compressible
      ? request([ask, ...Array.from({ length: 20 }, (_, i) => toolTurn(`toolu_${i}`, 'list_nodes', listing(2_000_000, i))).flat()], false)
      : request([{ role: 'user', content: randomBytes(37_500_000).toString('base64') }], false);
    const direct = await send(upstream.url, body);
    const proxied = await send(proxy.url, body);
    const same = proxied.received?.sha === sha(body);
    const what = same ? 'original bytes upstream' : `${mb(proxied.received?.bytes ?? 0)} upstream (compressed)`;
    return { outcome: `${proxied.status}, ${mb(Buffer.byteLength(body))} sent, ${what}`, added: `${(proxied.ms - direct.ms).toFixed(0)} ms (${direct.ms.toFixed(0)} direct)` };
  });
}

await fault('JSON nested 6,000 levels (+ a compressible tool result)', async () => {
  const deep = '['.repeat(6000) + '1' + ']'.repeat(6000);
  const body = `{"model":"claude-sonnet-4-6","max_tokens":64,"metadata":{"deep":${deep}},"messages":${JSON.stringify([ask, ...toolTurn('toolu_d', 'list_nodes', listing(60_000, 1))])}}`;
  const direct = await send(upstream.url, body);
  const r = await send(proxy.url, body);
  return { outcome: `${r.status}, ${r.received?.sha === sha(body) ? 'original bytes upstream (fail-open)' : 'CHANGED bytes upstream'}`, added: `${(r.ms - direct.ms).toFixed(0)} ms` };
});

await fault('invalid UTF-8 in user text (+ a compressible tool result)', async () => {
  const head = Buffer.from(`{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[{"role":"user","content":"bad bytes: `);
  const tail = Buffer.from(`"},${JSON.stringify(toolTurn('toolu_u', 'list_nodes', listing(60_000, 2))).slice(1)}}`);
  const body = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3]), tail]);
  const direct = await send(upstream.url, new Blob([body]));
  const r = await send(proxy.url, new Blob([body]));
  const kept = r.received && r.received.ff === 2;
  const compressed = r.received && r.received.bytes < body.length;
  return { outcome: `${r.status}, tool result ${compressed ? 'compressed' : 'not compressed'}, invalid bytes ${kept ? 'kept byte for byte' : 'REWRITTEN'}`, added: `${(r.ms - direct.ms).toFixed(0)} ms` };
});

await fault('200 concurrent streams (10 events, 20 ms apart)', async () => {
  const bodies = Array.from({ length: 200 }, (_, i) => request([{ role: 'user', content: `client ${i}` }]));
  const direct = await Promise.all(bodies.map((b) => send(upstream.url, b, 'sse:10:20')));
  const proxied = await Promise.all(bodies.map((b) => send(proxy.url, b, 'sse:10:20')));
  const ok = proxied.filter((r, i) => r.status === 200 && !r.error && r.text === direct[i]!.text).length;
  const bad = [...new Set(proxied.filter((r, i) => !(r.status === 200 && !r.error && r.text === direct[i]!.text)).map((r) => `${r.status} ${r.error ?? r.text.slice(0, 120)}`))];
  const d = direct.map((r) => r.ms);
  const p = proxied.map((r) => r.ms);
  return {
    outcome: `${ok}/200 complete and byte-identical to direct${bad.length ? ` (others: ${bad.join('; ')})` : ''}`,
    added: `p50 ${(pct(p, 50) - pct(d, 50)).toFixed(0)} ms, p99 ${(pct(p, 99) - pct(d, 99)).toFixed(0)} ms (direct p50 ${pct(d, 50).toFixed(0)}, p99 ${pct(d, 99).toFixed(0)})`,
  };
});

const endTotals = await totals();
const final = await settledRssMiB(proxy.pid);
await proxy.stop();
await upstream.close();
rmSync(home, { recursive: true, force: true });

console.log(`\nproxy RSS after warm-up ${baseline.toFixed(0)} MiB; at the end ${final.toFixed(0)} MiB (${rssMiB(process.pid).toFixed(0)} MiB in this client process)`);
console.log('\n| fault | what the client got | proxy RSS before → peak → idle (MiB) | added latency |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.outcome} | ${r.before.toFixed(0)} → ${r.peak.toFixed(0)} → ${r.after.toFixed(0)} | ${r.added} |`);
console.log(`\n/stats totals: ${JSON.stringify(endTotals)}`);
const logs = rows.filter((r) => r.log);
if (logs.length > 0) console.log('\nproxy stderr per fault:\n' + logs.map((r) => `- ${r.name}: ${r.log}`).join('\n'));
