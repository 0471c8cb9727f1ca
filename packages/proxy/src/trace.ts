// The decision trace of each compressing request: what every tool result was, what was done to it or
// why not, what it cost, what the model asked to have back and what the upstream billed. Kept in a
// bounded ring in memory (trace-ring.ts; served at /v1/requests, shown by the dashboard and
// `headroom inspect`); the day and content-type figures go to the ledger on disk.
import type { BlockStats, OriginalSink } from '@headroom/core';
import type { Prepared, RequestShape, Usage } from '@headroom/core/conversation';
import { whenCounted } from './account.js';
import { netSaved, type Ledger } from './ledger.js';
import type { TraceRing } from './trace-ring.js';
import { keepOriginals, sentTexts } from './trace-text.js';

/** A tool result as compress() reported it, and where its whole original is kept. */
export interface TraceBlock extends BlockStats {
  /** Key of the block's whole original in the CCR store (compressed blocks, once recorded). */
  originalKey?: string;
}

export interface TraceRetrieval {
  /** The retrieval round it was asked in (1 = in the first upstream answer). */
  round: number;
  key: string;
  /** Tokens of the original put back into the conversation (0 when it could not be had). */
  tokens: number;
  /** Why no original was returned (unknown key, expired, no store). */
  miss?: string;
}

export interface TraceUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Upstream responses that reported usage: the first answer plus each retrieval continuation. */
  responses: number;
}

/** One request as `GET /v1/requests` lists it (texts only in the single-request view). */
export interface RequestTrace {
  id: number;
  time: string;
  provider: string;
  model: string;
  api: RequestShape;
  route: string;
  stream: boolean;
  bypass: boolean;
  /** Why the client's original bytes were sent, when compression failed or overran its budget. */
  failOpen?: string;
  budgetMs: number;
  /** Time spent preparing the request (compression included): how much of the budget was used. */
  compressMs: number;
  /** The `headroom_retrieve` tool was on the request sent upstream. */
  retrievalTool: boolean;
  blocks: TraceBlock[];
  tokensBefore: number;
  tokensAfter: number;
  retrievals: TraceRetrieval[];
  /** Continuations the proxy sent upstream after answering `headroom_retrieve` calls. */
  rounds: number;
  retrievalTokens: number;
  /** Tool-result tokens removed, net of what retrievals put back. */
  netSavedTokens: number;
  /** Upstream HTTP status, once known. */
  status?: number;
  /** Why the upstream exchange failed (unreachable, timeout, reset), when it did. */
  error?: string;
  usage: TraceUsage;
}

const blockOf = (b: BlockStats): TraceBlock => ({ ...b });

/** What the route handler reports while the exchange goes on; every method is safe to call late. */
export interface Tracer {
  readonly trace: RequestTrace;
  usage(u: Usage): void;
  upstream(status: number): void;
  failed(err: unknown): void;
  /** A continuation is being sent upstream with the answered retrievals. */
  round(): void;
  /** A `headroom_retrieve` call answered with the original (`tokens` of it put back). */
  retrieved(key: string, tokens: number): void;
  /** A `headroom_retrieve` call answered without an original; returns that answer. */
  missed(key: string, answer: string): string;
}

export interface TraceStart {
  api: RequestShape;
  provider: string;
  route: string;
  bypass: boolean;
  budgetMs: number;
  minChars?: number;
  prep: Prepared;
  sink: OriginalSink | undefined;
}

/** Starts the trace of one request (after preparation) and books its blocks by day and content type. */
export function traceRequest(ring: TraceRing, ledger: Ledger, s: TraceStart): Tracer {
  const { prep } = s;
  const trace = ring.add(
    {
      time: new Date().toISOString(),
      provider: s.provider,
      model: prep.model ?? 'unknown',
      api: s.api,
      route: s.route,
      stream: prep.stream,
      bypass: s.bypass,
      ...(prep.failOpen ? { failOpen: prep.failOpen } : {}),
      budgetMs: s.budgetMs,
      compressMs: prep.compressMs,
      retrievalTool: prep.retrieval,
      blocks: prep.blocks.map(blockOf),
      tokensBefore: 0,
      tokensAfter: 0,
      retrievals: [],
      rounds: 0,
      retrievalTokens: 0,
      netSavedTokens: 0,
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, responses: 0 },
    },
    sentTexts(s.api, prep),
  );
  setImmediate(() => void keepOriginals(prep, trace, ring, s.sink, s.minChars).catch(() => undefined));
  const day = ledger.day();
  day.count++;
  for (const b of prep.blocks) ledger.contentType(b.contentType).count++;
  whenCounted(prep, () => {
    prep.blocks.forEach((b, i) => {
      const t = trace.blocks[i]!;
      t.tokensBefore = b.tokensBefore;
      t.tokensAfter = b.tokensAfter;
      const c = ledger.contentType(b.contentType);
      c.tokensBefore += b.tokensBefore;
      c.tokensAfter += b.tokensAfter;
    });
    trace.tokensBefore = prep.tokensBefore;
    trace.tokensAfter = prep.tokensAfter;
    trace.netSavedTokens = netSaved(trace);
    day.tokensBefore += prep.tokensBefore;
    day.tokensAfter += prep.tokensAfter;
  });
  return {
    trace,
    usage(u) {
      trace.usage.input += u.input;
      trace.usage.output += u.output;
      trace.usage.cacheRead += u.cacheRead;
      trace.usage.cacheWrite += u.cacheWrite;
      trace.usage.responses++;
    },
    upstream(status) {
      trace.status ??= status;
    },
    failed(err) {
      trace.error ??= err instanceof Error ? err.message : String(err);
    },
    round() {
      trace.rounds++;
    },
    missed(key, answer) {
      trace.retrievals.push({ round: trace.rounds + 1, key, tokens: 0, miss: answer.replace(/^\[headroom\] /, '') });
      return answer;
    },
    retrieved(key, tokens) {
      trace.retrievals.push({ round: trace.rounds + 1, key, tokens });
      trace.retrievalTokens += tokens;
      trace.netSavedTokens = netSaved(trace);
      ledger.day().retrievalTokens += tokens;
      const block = trace.blocks.find((b) => b.keys.includes(key));
      const issuer = block ? { tool: block.tool ?? 'unknown', contentType: block.contentType } : ring.issuerOf(key);
      if (!issuer) return;
      ledger.contentType(issuer.contentType).retrievalTokens += tokens;
      const tool = ledger.entry(trace.provider, trace.model).tools[issuer.tool];
      if (tool) tool.retrievalTokens += tokens;
    },
  };
}
