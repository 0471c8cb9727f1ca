// The savings ledger: what the proxy did, per provider, model, tool, day and content type, persisted
// across restarts as one JSON file under HEADROOM_HOME (written to a temporary file and renamed, so a
// crash never leaves half a ledger). Its file format lives here alone: other packages read the file
// through `readLedger` (`@headroom/proxy/ledger`), never with a parser of their own.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '@headroom/core';
import { dirname, join } from 'node:path';

export interface ToolCounters {
  blocks: number;
  tokensBefore: number;
  tokensAfter: number;
  /** Tokens retrievals put back of originals this tool's blocks issued (while the proxy remembers which). */
  retrievalTokens: number;
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
  /** Requests whose client disconnected before the answer was complete: not counted as upstream errors. */
  clientAborts: number;
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

/** Tool-result tokens of one day (the proxy's local date) or one content type, net of retrievals. */
export interface Bucket {
  /** Requests (per day) or blocks (per content type). */
  count: number;
  tokensBefore: number;
  tokensAfter: number;
  /** Tokens the model asked to have back: a retrieval counts on the day it happened, and against
   *  the content type of the block that issued its key when this proxy still remembers it. */
  retrievalTokens: number;
}

export interface LedgerSnapshot {
  version: 1;
  since: string;
  totals: Counters & { netSavedTokens: number };
  models: ModelEntry[];
  /** `YYYY-MM-DD` → that day's figures. Absent in ledgers written before days were recorded. */
  days: Record<string, Bucket>;
  /** `json`, `log`, `code`, … (the router's content type) → figures of the blocks of that type. */
  contentTypes: Record<string, Bucket>;
}

export const LEDGER_FILE = 'proxy-ledger.json';

/** A literal, so that a counter added to `Counters` but not here fails to compile. */
export function zeroCounters(): Counters {
  return {
    requests: 0, compressed: 0, bypasses: 0, failOpen: 0, errors: 0, clientAborts: 0, tokensBefore: 0, tokensAfter: 0,
    retrievals: 0, retrievalTokens: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, compressionMs: 0,
  };
}

const COUNTER_KEYS = Object.keys(zeroCounters()) as (keyof Counters)[];

/** Savings net of retrievals: what compression removed minus what the model asked to have back. */
export function netSaved(c: Pick<Counters, 'tokensBefore' | 'tokensAfter' | 'retrievalTokens'>): number {
  return c.tokensBefore - c.tokensAfter - c.retrievalTokens;
}

/** The proxy machine's local date, `YYYY-MM-DD`: what a user means by "today". */
export function localDay(at: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function buckets(v: unknown): Record<string, Bucket> {
  const out: Record<string, Bucket> = {};
  if (!isObj(v)) return out;
  for (const [k, b] of Object.entries(v)) {
    if (isObj(b)) out[k] = { count: num(b.count), tokensBefore: num(b.tokensBefore), tokensAfter: num(b.tokensAfter), retrievalTokens: num(b.retrievalTokens) };
  }
  return out;
}

/**
 * A ledger as read from its file, validated field by field: unknown versions and malformed files give
 * null, missing or malformed figures read as 0, and the totals are recomputed from the models.
 */
export function parseLedger(data: unknown): LedgerSnapshot | null {
  if (!isObj(data) || data.version !== 1 || !Array.isArray(data.models)) return null;
  const models: ModelEntry[] = [];
  for (const m of data.models) {
    if (!isObj(m) || typeof m.provider !== 'string' || typeof m.model !== 'string') continue;
    const e: ModelEntry = { provider: m.provider, model: m.model, ...zeroCounters(), tools: {} };
    for (const k of COUNTER_KEYS) e[k] = num(m[k]);
    if (isObj(m.tools)) {
      for (const [name, t] of Object.entries(m.tools)) {
        if (isObj(t)) e.tools[name] = { blocks: num(t.blocks), tokensBefore: num(t.tokensBefore), tokensAfter: num(t.tokensAfter), retrievalTokens: num(t.retrievalTokens) };
      }
    }
    models.push(e);
  }
  return withTotals(typeof data.since === 'string' ? data.since : '', models, buckets(data.days), buckets(data.contentTypes));
}

function withTotals(since: string, models: ModelEntry[], days: Record<string, Bucket>, contentTypes: Record<string, Bucket>): LedgerSnapshot {
  const totals = zeroCounters();
  for (const e of models) for (const k of COUNTER_KEYS) totals[k] += e[k];
  return { version: 1, since, totals: { ...totals, netSavedTokens: netSaved(totals) }, models, days, contentTypes };
}

/** The ledger the proxy persisted under `home`, or null when there is none (or none this version reads). */
export function readLedger(home: string): LedgerSnapshot | null {
  try {
    return parseLedger(JSON.parse(readFileSync(join(home, LEDGER_FILE), 'utf8')));
  } catch {
    return null;
  }
}

export class Ledger {
  private readonly entries = new Map<string, ModelEntry>();
  private days: Record<string, Bucket> = {};
  private contentTypes: Record<string, Bucket> = {};
  private since = new Date().toISOString();
  private timer: NodeJS.Timeout | undefined;
  readonly path: string;

  constructor(home: string) {
    this.path = join(home, LEDGER_FILE);
    this.load(home);
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
    e.tools[name] ??= { blocks: 0, tokensBefore: 0, tokensAfter: 0, retrievalTokens: 0 };
    const t = e.tools[name];
    t.blocks++;
    t.tokensBefore += tokensBefore;
    t.tokensAfter += tokensAfter;
  }

  /** Today's bucket (local date), created on first use. */
  day(at: Date = new Date()): Bucket {
    this.scheduleSave();
    const day = localDay(at);
    this.days[day] ??= { count: 0, tokensBefore: 0, tokensAfter: 0, retrievalTokens: 0 };
    return this.days[day];
  }

  contentType(name: string): Bucket {
    this.scheduleSave();
    this.contentTypes[name] ??= { count: 0, tokensBefore: 0, tokensAfter: 0, retrievalTokens: 0 };
    return this.contentTypes[name];
  }

  snapshot(): LedgerSnapshot {
    return withTotals(this.since, [...this.entries.values()].map((e) => structuredClone(e)), structuredClone(this.days), structuredClone(this.contentTypes));
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

  /** No ledger yet, or one this version cannot read: start a new one rather than refuse to serve. */
  private load(home: string): void {
    const data = readLedger(home);
    if (!data) return;
    if (data.since) this.since = data.since;
    for (const e of data.models) this.entries.set(`${e.provider}\u0000${e.model}`, e);
    this.days = data.days;
    this.contentTypes = data.contentTypes;
  }
}
