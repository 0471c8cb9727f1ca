// What the fault suite runs against: `headroom proxy` in its own process (so its RSS is its own), a
// scripted loopback upstream that misbehaves on request, and the proxy's resident memory read from /proc.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface ProxyProcess {
  url: string;
  pid: number;
  /** What the proxy printed on stderr since the last call. */
  takeStderr(): string;
  stop(): Promise<void>;
}

/** `headroom proxy` on a free port in a child process; resolves once it prints where it listens. */
export function startProxyProcess(upstream: string, home: string, args: string[] = []): Promise<ProxyProcess> {
  const bin = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
  const child = spawn(process.execPath, [bin, 'proxy', '--port', '0', '--anthropic-upstream', upstream, '--openai-upstream', upstream, ...args], {
    env: { ...process.env, HEADROOM_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`headroom proxy exited with ${code} before listening:\n${out}${stderr}`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      child.removeAllListeners('exit');
      resolve({
        url,
        pid: child.pid!,
        takeStderr: () => {
          const s = stderr;
          stderr = '';
          return s;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Resident set size of a process in MiB (Linux: /proc/<pid>/status). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The highest RSS seen while `work` runs (sampled every 25 ms). */
export async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 25);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssMiB(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * RSS once the proxy is idle again: sampled every second until 16 samples in a row lie within 2 MiB of
 * each other (or `maxMs` passes). V8 hands freed heap pages back on its own schedule (its memory reducer
 * runs some 10 s after the last large collection): the window is longer than that wait.
 */
export async function settledRssMiB(pid: number, maxMs = 45_000): Promise<number> {
  const samples: number[] = [];
  const until = Date.now() + maxMs;
  for (;;) {
    samples.push(rssMiB(pid));
    const last = samples.slice(-16);
    if (last.length === 16 && Math.max(...last) - Math.min(...last) < 2) return last[15]!;
    if (Date.now() > until) return samples.at(-1)!;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * The upstream's script, from the client's `x-fault` header (the proxy forwards it like any header):
 * - `sse:<events>:<delayMs>`: an Anthropic stream of `events` text deltas, `delayMs` apart;
 * - `reset:<events>`: that many events, then the socket is destroyed;
 * - `hang-head`: reads the request, never answers;
 * - `hang-body:<events>`: that many events, then silence;
 * - anything else: a JSON message.
 * Every answer carries the size and SHA-256 of the body the upstream received, and how many 0xFF/0xFE
 * bytes it held (never valid UTF-8: a client's invalid bytes that reached the upstream as sent).
 */
export interface ScriptedUpstream {
  url: string;
  /** Streams whose connection went away before the upstream finished them (the proxy stopped them). */
  readonly stopped: number;
  close(): Promise<void>;
}

const sse = (data: Record<string, unknown>) => `event: ${data.type as string}\ndata: ${JSON.stringify(data)}\n\n`;
const START = sse({ type: 'message_start', message: { id: 'msg_fault', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } });
const delta = (i: number) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `word${i} ` } });
const END = sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }) + sse({ type: 'message_stop' });

export function scriptedUpstream(): Promise<ScriptedUpstream> {
  let stopped = 0;
  const server = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableFinished && req.headers['x-fault']?.toString().startsWith('sse:')) stopped++;
    });
    const hash = createHash('sha256');
    let size = 0;
    let ff = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      hash.update(c);
      for (let i = c.indexOf(0xff); i !== -1; i = c.indexOf(0xff, i + 1)) ff++;
      for (let i = c.indexOf(0xfe); i !== -1; i = c.indexOf(0xfe, i + 1)) ff++;
    });
    req.on('end', () => void answer(req, res, { 'x-received-bytes': String(size), 'x-received-sha256': hash.digest('hex'), 'x-received-ff-bytes': String(ff) }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        get stopped() {
          return stopped;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

async function answer(req: IncomingMessage, res: ServerResponse, seen: Record<string, string>): Promise<void> {
  const [kind = '', a = '0', b = '0'] = String(req.headers['x-fault'] ?? '').split(':');
  const events = Number(a);
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if (kind === 'hang-head') return; // the socket stays open until the proxy gives up
  if (kind !== 'sse' && kind !== 'reset' && kind !== 'hang-body') {
    res.writeHead(200, { 'content-type': 'application/json', ...seen });
    res.end(JSON.stringify({ id: 'msg_fault', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 100, output_tokens: 1 } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', ...seen });
  res.write(START);
  for (let i = 0; i < events; i++) {
    if (res.destroyed) return;
    // Flushed before a reset, so the events really are on the wire when the connection dies.
    await new Promise((r) => res.write(delta(i), r));
    if (kind === 'sse' && Number(b) > 0) await wait(Number(b));
  }
  if (kind === 'reset') req.socket.destroy();
  else if (kind === 'sse') res.end(END);
  // hang-body: nothing more, the connection stays open
}
