import { PendingCounts } from './pending-counts.js';
import { openStore, type CcrStore } from '@headroom/core';
import type { ProxyConfig } from './config.js';
import { Ledger } from './ledger.js';
import { SpliceMemory, StickyBytes, type PrepareOptions } from '@headroom/core/conversation';
import { RecentPutSink } from './sink.js';
import { TraceRing } from './trace-ring.js';

/** What lives as long as the proxy: config, the CCR store, the ledger, the hidden-exchange memory. */
export interface ProxyState {
  config: ProxyConfig;
  store: CcrStore | undefined;
  /** The store as compress() writes to it (repeated writes of a key within a minute skipped). */
  sink: RecentPutSink | undefined;
  storeError?: string;
  ledger: Ledger;
  memory: SpliceMemory;
  /** The bytes each tool result was first sent as (issue 14, defect 5). */
  sticky: StickyBytes;
  /** The decision trace of the last requests (GET /v1/requests, the dashboard). */
  traces: TraceRing;
  /** Counts of requests already sent, still being computed: reports wait for them. */
  counting: PendingCounts;
}

export async function openState(config: ProxyConfig): Promise<ProxyState> {
  const state: ProxyState = { config, store: undefined, sink: undefined, ledger: new Ledger(config.home), memory: new SpliceMemory(), sticky: new StickyBytes(), traces: new TraceRing(), counting: new PendingCounts() };
  try {
    state.store = await openStore({ home: config.home });
    state.sink = new RecentPutSink(state.store);
  } catch (err) {
    // Without a store nothing can be compressed losslessly: the proxy still forwards everything.
    state.storeError = `the CCR store could not be opened: ${(err as Error).message}`;
    console.error(`headroom proxy: ${state.storeError}`);
  }
  return state;
}

/** How the proxy prepares a request: its config, store and memories; `bypass` from the client's header. */
export function prepareOptions(state: ProxyState, bypass: boolean): PrepareOptions {
  const cfg = state.config;
  return {
    budgetMs: cfg.budgetMs,
    profile: cfg.profile,
    store: state.sink,
    // Without a store, originals could not be retrieved: nothing is compressed.
    bypass: bypass || !state.store,
    memory: state.memory,
    sticky: state.sticky,
    ...(cfg.minChars !== undefined ? { minChars: cfg.minChars } : {}),
    // The ledger and the trace book counts when they are in: the request goes upstream first.
    deferCounts: true,
  };
}
