import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveUpstreams, type Upstreams } from '@headroom/proxy';
import { isHealthyProxy, localProxyUrl, proxyUpstreams } from '../proxy-health.js';
import { ensurePrivateDir, headroomHome, PRIVATE_FILE_MODE, tighten } from '@headroom/core';
import { clearState, isAlive, readState, writeState } from '../state.js';

export interface ProxyLease {
  url: string;
  /** True when a healthy proxy was already listening on the port and we use it. */
  reused: boolean;
  /** Where a proxy we started writes its output. */
  log?: string;
  /** Something the user should know about the proxy chosen (e.g. why the one on the port was not reused). */
  note?: string;
  /** Leaves the proxy; the last wrapped session out stops a proxy that a wrap started. */
  release(): Promise<void>;
}

/**
 * A proxy that a wrap started, shared by every wrapped session on its port (`state/proxy-<port>.json`).
 * It runs as its own detached process so that closing one agent never pulls the proxy from under
 * another one started in a second terminal; the last holder stops it.
 */
interface ProxyRecord {
  pid: number;
  url: string;
  holders: number[];
}

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));
const recordName = (port: number) => `proxy-${port}`;

function live(rec: ProxyRecord): number[] {
  return rec.holders.filter((p) => p !== process.pid && isAlive(p));
}

async function stop(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  // Wait (bounded) so the proxy flushes its ledger before our caller reports or exits.
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Proxies a crashed wrap left running with nobody using them. */
export async function stopOrphanedProxies(): Promise<number[]> {
  const stopped: number[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(headroomHome(), 'state')).filter((n) => /^proxy-\d+\.json$/.test(n));
  } catch {
    return stopped;
  }
  for (const n of names) {
    const name = n.slice(0, -'.json'.length);
    const rec = readState<ProxyRecord>(name);
    if (!rec || live(rec).length > 0) continue;
    if (isAlive(rec.pid)) {
      await stop(rec.pid);
      stopped.push(rec.pid);
    }
    clearState(name);
  }
  return stopped;
}

function lease(port: number, url: string, reused: boolean, log?: string): ProxyLease {
  return {
    url,
    reused,
    ...(log ? { log } : {}),
    release: async () => {
      const rec = readState<ProxyRecord>(recordName(port));
      if (!rec) return;
      const others = live(rec);
      if (others.length > 0) {
        writeState(recordName(port), { ...rec, holders: others });
        return;
      }
      await stop(rec.pid);
      clearState(recordName(port));
    },
  };
}

function join_(port: number, url: string, note?: string): ProxyLease {
  const rec = readState<ProxyRecord>(recordName(port));
  // A proxy someone runs themselves (`headroom proxy`) is used as it is, never stopped by us.
  if (rec && isAlive(rec.pid)) {
    writeState(recordName(port), { ...rec, holders: [...live(rec), process.pid] });
    return { ...lease(port, url, true), ...(note ? { note } : {}) };
  }
  return { url, reused: true, ...(note ? { note } : {}), release: async () => {} };
}

const NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', gemini: 'Gemini', chatgpt: 'ChatGPT' };
const nameOf = (k: string) => NAMES[k] ?? k;
const shown = (u: Upstreams) => Object.entries(u).map(([k, v]) => `${nameOf(k)} → ${v}`).join(', ');

/**
 * The healthy proxy on `port`, when it forwards where this wrap needs (`wanted`); otherwise why not.
 * Inside another wrap (`HEADROOM_WRAPPED`) the proxy on the port is the outer wrap's, which already
 * forwards to the user's own base URLs: it is joined whatever it reports.
 */
async function existing(port: number, wanted: Upstreams, insideWrap: boolean): Promise<{ lease?: ProxyLease; mismatch?: string }> {
  const url = localProxyUrl(port);
  if (!(await isHealthyProxy(url))) return {};
  if (insideWrap) return { lease: join_(port, url) };
  const has = await proxyUpstreams(url);
  if (!has) return { lease: join_(port, url, `the headroom proxy on port ${port} does not report its upstreams (an older version?): this wrap needs ${shown(wanted)}`) };
  // Only the upstreams both know: a proxy of another version may forward fewer kinds of request.
  const differ = Object.entries(wanted).filter(([k, v]) => has[k] !== undefined && has[k] !== v);
  if (differ.length === 0) return { lease: join_(port, url) };
  const what = differ.map(([k, v]) => `${nameOf(k)} to ${has[k]} (this wrap needs ${v})`).join(' and ');
  return { mismatch: `the headroom proxy on port ${port} forwards ${what}, so it is not reused: another one was started on a free port` };
}

/**
 * A proxy for one wrapped session: the healthy one already on `port` when it forwards to the upstreams
 * this wrap needs (from `env`: HEADROOM_*_UPSTREAM, else the public APIs), or a new detached one. A
 * proxy on the port that forwards elsewhere is left alone and a new one starts on a free port (the
 * lease's `note` says so). Port 0 always starts a new proxy on a free port.
 */
export async function acquireProxy(port: number, env: NodeJS.ProcessEnv = process.env): Promise<ProxyLease> {
  await stopOrphanedProxies();
  const wanted = resolveUpstreams({}, env);
  const insideWrap = Boolean(env.HEADROOM_WRAPPED);
  if (port !== 0) {
    const found = await existing(port, wanted, insideWrap);
    if (found.lease) return found.lease;
    if (found.mismatch) return { ...(await startProxyProcess(0, env, wanted, insideWrap)), note: found.mismatch };
  }
  return startProxyProcess(port, env, wanted, insideWrap);
}

async function startProxyProcess(port: number, env: NodeJS.ProcessEnv, wanted: Upstreams, insideWrap: boolean): Promise<ProxyLease> {
  const logs = join(headroomHome(), 'logs');
  ensurePrivateDir(headroomHome());
  ensurePrivateDir(logs);
  const log = join(logs, `proxy-${port || `wrap-${process.pid}`}.log`);
  const fd = openSync(log, 'w', PRIVATE_FILE_MODE);
  tighten(log, PRIVATE_FILE_MODE);
  const child = spawn(process.execPath, [BIN, 'proxy', '--port', String(port)], { detached: true, stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  child.unref();
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  for (let i = 0; i < 600; i++) {
    const text = readFileSync(log, 'utf8');
    const m = /listening on (http:\/\/\S+)/.exec(text);
    if (m) {
      const url = m[1]!;
      const actual = Number(new URL(url).port);
      writeState(recordName(actual), { pid: child.pid!, url, holders: [process.pid] } satisfies ProxyRecord);
      return lease(actual, url, false, log);
    }
    if (exited !== null) {
      // Another wrap may have started one on this port a moment before us.
      if (port !== 0) {
        const found = await existing(port, wanted, insideWrap);
        if (found.lease) return found.lease;
        if (found.mismatch) return { ...(await startProxyProcess(0, env, wanted, insideWrap)), note: found.mismatch };
      }
      throw new Error(`${text.trim().replace(/^headroom: /, '') || `the proxy exited with code ${exited}`} (log: ${log})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (child.pid) await stop(child.pid);
  throw new Error(`the proxy did not start within 30 s (log: ${log})`);
}
