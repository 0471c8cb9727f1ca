// The savings ledger: what the proxy did, per provider, model and tool, persisted across restarts as
// one JSON file under HEADROOM_HOME (written to a temporary file and renamed, so a crash never leaves
// half a ledger).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '@headroom/core';
import { dirname, join } from 'node:path';

export interface ToolCounters {
  blocks: number;
  tokensBefore: number;
  tokensAfter: number;
}

export interface Counters {
  requests: number;
  /** Requests sent with at least one tool result compressed. */
  compressed: number;
  bypasses: number;
  /** Compression overran its budget or failed: the original was sent. */
  failOpen: number;
  /** Upstream error statuses, resets and unreachable upstreams. */
  errors: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  /** Tokens of originals put back into the conversation by `headroom_retrieve`. */
  retrievalTokens: number;
  /** Upstream usage as reported by the provider. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  compressionMs: number;
}

export interface ModelEntry extends Counters {
  provider: string;
  model: string;
  tools: Record<string, ToolCounters>;
}

export interface LedgerSnapshot {
  version: 1;
  since: string;
  totals: Counters & { netSavedTokens: number };
  models: ModelEntry[];
}

export const LEDGER_FILE = 'proxy-ledger.json';

export function zeroCounters(): Counters {
  return {
    requests: 0, compressed: 0, bypasses: 0, failOpen: 0, errors: 0, tokensBefore: 0, tokensAfter: 0, retrievals: 0,
    retrievalTokens: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, compressionMs: 0,
  };
}

/** Savings net of retrievals: what compression removed minus what the model asked to have back. */
export function netSaved(c: Counters): number {
  return c.tokensBefore - c.tokensAfter - c.retrievalTokens;
}

export class Ledger {
  private readonly entries = new Map<string, ModelEntry>();
  private since = new Date().toISOString();
  private timer: NodeJS.Timeout | undefined;
  readonly path: string;

  constructor(home: string) {
    this.path = join(home, LEDGER_FILE);
    this.load();
  }

  entry(provider: string, model: string | undefined): ModelEntry {
    const m = model ?? 'unknown';
    const id = `${provider}\u0000${m}`;
    let e = this.entries.get(id);
    if (!e) {
      e = { provider, model: m, ...zeroCounters(), tools: {} };
      this.entries.set(id, e);
    }
    this.scheduleSave();
    return e;
  }

  tool(e: ModelEntry, name: string, tokensBefore: number, tokensAfter: number): void {
    const t = (e.tools[name] ??= { blocks: 0, tokensBefore: 0, tokensAfter: 0 });
    t.blocks++;
    t.tokensBefore += tokensBefore;
    t.tokensAfter += tokensAfter;
  }

  snapshot(): LedgerSnapshot {
    const totals = zeroCounters();
    const models = [...this.entries.values()].map((e) => structuredClone(e));
    for (const e of models) for (const k of Object.keys(totals) as (keyof Counters)[]) totals[k] += e[k];
    return { version: 1, since: this.since, totals: { ...totals, netSavedTokens: netSaved(totals) }, models };
  }

  /** Writes the ledger now (atomically). Errors are reported, not thrown: stats never break a request. */
  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      ensurePrivateDir(dirname(this.path));
      const tmp = `${this.path}.${process.pid}.tmp`;
      // 0600 like the store: the ledger names the models and tools in use. The rename replaces a looser file.
      writeFileSync(tmp, JSON.stringify(this.snapshot(), null, 2), { mode: PRIVATE_FILE_MODE });
      renameSync(tmp, this.path);
    } catch (err) {
      console.error(`headroom proxy: could not write the ledger ${this.path}: ${(err as Error).message}`);
    }
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.save(), 1000);
    this.timer.unref();
  }

  private load(): void {
    let data: Partial<LedgerSnapshot>;
    try {
      data = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<LedgerSnapshot>;
    } catch {
      return; // no ledger yet (or unreadable: start a new one rather than refuse to serve)
    }
    if (data.version !== 1 || !Array.isArray(data.models)) return;
    if (typeof data.since === 'string') this.since = data.since;
    for (const m of data.models) {
      if (typeof m?.provider !== 'string' || typeof m.model !== 'string') continue;
      const e: ModelEntry = { provider: m.provider, model: m.model, ...zeroCounters(), tools: {} };
      for (const k of Object.keys(zeroCounters()) as (keyof Counters)[]) if (typeof m[k] === 'number') e[k] = m[k];
      if (m.tools && typeof m.tools === 'object') e.tools = m.tools;
      this.entries.set(`${e.provider}\u0000${e.model}`, e);
    }
  }
}
