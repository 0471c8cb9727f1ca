// The ring of the last requests' traces, and how the request list filters them.
import { LruMap } from '@headroom/core';
import type { RequestTrace } from './trace.js';

export interface Issuer {
  tool: string;
  contentType: string;
}

interface Slot {
  trace: RequestTrace;
  /** The text sent upstream for each block, in block order. */
  sent: string[];
}

export interface TraceFilter {
  provider?: string;
  model?: string;
  tool?: string;
  contentType?: string;
  /** `compressed`, `failOpen`, `bypass`, `error` or `retrieval`. */
  outcome?: string;
}

export const OUTCOMES = ['compressed', 'failOpen', 'bypass', 'error', 'retrieval'] as const;

function matches(t: RequestTrace, f: TraceFilter): boolean {
  if (f.provider && t.provider !== f.provider) return false;
  if (f.model && t.model !== f.model) return false;
  if (f.tool && !t.blocks.some((b) => (b.tool ?? 'unknown') === f.tool)) return false;
  if (f.contentType && !t.blocks.some((b) => b.contentType === f.contentType)) return false;
  switch (f.outcome) {
    case undefined:
    case '':
      return true;
    case 'compressed':
      return t.tokensAfter < t.tokensBefore;
    case 'failOpen':
      return t.failOpen !== undefined;
    case 'bypass':
      return t.bypass;
    case 'error':
      return t.error !== undefined || (t.status !== undefined && t.status >= 400);
    case 'retrieval':
      return t.retrievals.length > 0;
    default:
      return false;
  }
}

/**
 * The last `capacity` requests, newest last, holding at most `maxChars` characters of sent text (the
 * oldest traces go first when either bound is reached; originals are not kept here but read back from
 * the CCR store when a request is viewed). Every turn of a conversation resends its earlier tool
 * results byte for byte, so each distinct text is held once, however many traces show it.
 */
export class TraceRing {
  private readonly slots: Slot[] = [];
  /** Each distinct sent text, how many traces show it, and the key of the original it came from. */
  private readonly texts = new Map<string, { text: string; refs: number; originalKey?: string }>();
  private chars = 0;
  private nextId = 1;
  /** The block each issued CCR key came from (the last 16,384 keys). */
  private readonly issuedBy = new LruMap<string, Issuer>(16_384);

  constructor(
    readonly capacity = 500,
    readonly maxChars = 32 * 1024 * 1024,
  ) {}

  add(trace: Omit<RequestTrace, 'id'>, sent: string[]): RequestTrace {
    const t: RequestTrace = { id: this.nextId++, ...trace };
    this.slots.push({ trace: t, sent: sent.map((s) => this.hold(s)) });
    while (this.slots.length > this.capacity || (this.chars > this.maxChars && this.slots.length > 1)) {
      for (const s of this.slots.shift()!.sent) this.release(s);
    }
    for (const b of t.blocks) for (const k of b.keys) this.issuedBy.set(k, { tool: b.tool ?? 'unknown', contentType: b.contentType });
    return t;
  }

  /** Characters of distinct sent text held. */
  get heldChars(): number {
    return this.chars;
  }

  private hold(s: string): string {
    const held = this.texts.get(s);
    if (held) {
      held.refs++;
      return held.text;
    }
    this.texts.set(s, { text: s, refs: 1 });
    this.chars += s.length;
    return s;
  }

  private release(s: string): void {
    const held = this.texts.get(s)!;
    if (--held.refs > 0) return;
    this.texts.delete(s);
    this.chars -= s.length;
  }

  /** The key of the whole original a sent text was made from, once a trace recorded it. */
  originalKeyOf(sent: string): string | undefined {
    return this.texts.get(sent)?.originalKey;
  }

  noteOriginal(sent: string, key: string): void {
    const held = this.texts.get(sent);
    if (held) held.originalKey = key;
  }

  /** The tool and content type of the block that issued `key`, while this proxy remembers it. */
  issuerOf(key: string): Issuer | undefined {
    return this.issuedBy.get(key);
  }

  get(id: number): { trace: RequestTrace; sent: string[] } | undefined {
    const s = this.slots.find((x) => x.trace.id === id);
    return s && { trace: s.trace, sent: s.sent };
  }

  /** Newest first; `before` is the id to continue below (the previous page's `next`). */
  list(f: TraceFilter, limit: number, before?: number): { requests: RequestTrace[]; matching: number; next: number | null } {
    const all = this.slots.filter((s) => matches(s.trace, f)).map((s) => s.trace).reverse();
    const from = before === undefined ? 0 : all.findIndex((t) => t.id < before);
    const page = from < 0 ? [] : all.slice(from, from + limit);
    const last = page[page.length - 1];
    const more = from >= 0 && from + limit < all.length;
    return { requests: page, matching: all.length, next: more && last ? last.id : null };
  }

  /** Distinct values seen in the ring, for the dashboard's filters. */
  facets(): { providers: string[]; models: string[]; tools: string[]; contentTypes: string[] } {
    const p = new Set<string>(), m = new Set<string>(), t = new Set<string>(), c = new Set<string>();
    for (const { trace } of this.slots) {
      p.add(trace.provider);
      m.add(trace.model);
      for (const b of trace.blocks) {
        t.add(b.tool ?? 'unknown');
        c.add(b.contentType);
      }
    }
    const sorted = (s: Set<string>) => [...s].sort();
    return { providers: sorted(p), models: sorted(m), tools: sorted(t), contentTypes: sorted(c) };
  }
}
