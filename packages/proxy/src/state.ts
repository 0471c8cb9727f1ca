import { openStore, type CcrStore } from '@headroom/core';
import type { ProxyConfig } from './config.js';
import { Ledger } from './ledger.js';
import { SpliceMemory, StickyBytes } from '@headroom/core/conversation';
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
}

export async function openState(config: ProxyConfig): Promise<ProxyState> {
  const state: ProxyState = { config, store: undefined, sink: undefined, ledger: new Ledger(config.home), memory: new SpliceMemory(), sticky: new StickyBytes(), traces: new TraceRing() };
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
