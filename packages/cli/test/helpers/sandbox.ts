import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'dist', 'bin.js');

/** A temp HOME, HEADROOM_HOME and bin dir: nothing a test does touches the real home or ~/.headroom. */
export interface Sandbox {
  root: string;
  home: string;
  headroomHome: string;
  bin: string;
  records: string;
  env: NodeJS.ProcessEnv;
}

export function makeSandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
  const home = join(root, 'home');
  const headroomHome = join(root, 'headroom');
  const bin = join(root, 'bin');
  const records = join(root, 'records');
  for (const d of [home, headroomHome, bin, records]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, ...(process.env.PATH ?? '').split(delimiter)].join(delimiter),
    HOME: home,
    HEADROOM_HOME: headroomHome,
    RECORDS: records,
    NO_COLOR: '1',
    ...extraEnv,
  };
  return { root, home, headroomHome, bin, records, env };
}

/**
 * A fake agent: records its argv, the variables that matter and (for codex) its config file, then sends
 * one real request through the base URL it was given and records the answer. FAKE_EXIT sets its exit
 * code; FAKE_WAIT makes it write `<name>.ready` and wait for a signal.
 */
const AGENT_SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const name = path.basename(process.argv[1]);
const env = process.env;
const codexCfg = path.join(env.CODEX_HOME || path.join(env.HOME, '.codex'), 'config.toml');
const rec = {
  argv: process.argv.slice(2),
  env: Object.fromEntries(['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'ANTHROPIC_BASE_URL', 'COPILOT_PROVIDER_BASE_URL', 'COPILOT_PROVIDER_TYPE', 'OPENCODE_CONFIG_CONTENT', 'HEADROOM_WRAPPED', 'HEADROOM_PROXY_URL'].filter((k) => env[k] !== undefined).map((k) => [k, env[k]])),
  codexConfig: fs.existsSync(codexCfg) ? fs.readFileSync(codexCfg, 'utf8') : null,
};
const target = env.ANTHROPIC_BASE_URL && !env.OPENAI_BASE_URL && !env.OPENAI_API_BASE ? { url: env.ANTHROPIC_BASE_URL + '/v1/messages', headers: { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' } }
  : { url: (env.OPENAI_BASE_URL || env.OPENAI_API_BASE || env.COPILOT_PROVIDER_BASE_URL) + (name === 'codex' ? '/responses' : '/chat/completions'), headers: { authorization: 'Bearer k' } };
(async () => {
  try {
    const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: env.FAKE_BODY_FILE ? fs.readFileSync(env.FAKE_BODY_FILE, 'utf8') : JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi from ' + name }] }) });
    rec.response = { status: res.status, body: await res.json() };
  } catch (e) { rec.response = { error: String(e) }; }
  fs.writeFileSync(path.join(env.RECORDS, name + '.json'), JSON.stringify(rec));
  if (env.FAKE_WAIT) {
    process.on('SIGTERM', () => process.exit(143));
    fs.writeFileSync(path.join(env.RECORDS, name + '.ready'), String(process.pid));
    setInterval(() => {}, 1000);
    return;
  }
  process.exit(Number(env.FAKE_EXIT || 0));
})();
`;

export function installFakeAgent(sb: Sandbox, name: string): void {
  const file = join(sb.bin, name);
  writeFileSync(file, AGENT_SCRIPT);
  chmodSync(file, 0o755);
}

export interface AgentRecord {
  argv: string[];
  env: Record<string, string>;
  codexConfig: string | null;
  response: { status: number; body: { path: string; body: string } } | { error: string };
}

export function readRecord(sb: Sandbox, name: string): AgentRecord {
  return JSON.parse(readFileSync(join(sb.records, `${name}.json`), 'utf8')) as AgentRecord;
}

export interface FakeUpstream {
  url: string;
  requests: { method: string; path: string; body: string }[];
  close(): Promise<void>;
}

/** An upstream on 127.0.0.1 that answers every request with what it received. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export interface Run {
  child: ChildProcess;
  /** The wrapper exited (its stdio may stay open while an orphaned agent holds it). */
  exited: Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Spawns `headroom …` asynchronously (the fake upstream lives in this process, so no spawnSync). */
export function headroom(sb: Sandbox, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...sb.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, done, exited };
}

export async function waitForFile(file: string, timeoutMs = 15_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${file}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Pids of the proxies wraps in this sandbox started (`state/proxy-<port>.json`). */
export function recordedProxyPids(sb: Sandbox): number[] {
  try {
    return readdirSync(join(sb.headroomHome, 'state'))
      .filter((n) => n.startsWith('proxy-'))
      .map((n) => (JSON.parse(readFileSync(join(sb.headroomHome, 'state', n), 'utf8')) as { pid: number }).pid);
  } catch {
    return [];
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every proxy a test's wraps left behind (after a SIGKILL), so no process outlives the tests. */
export function killRecordedProxies(sb: Sandbox): void {
  for (const pid of recordedProxyPids(sb)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
