// What one compressing request adds to the ledger: the request, what prepare() did, and the upstream
// usage once the response has been read. Token counts are booked when they are in: prepare() counts
// after the request has gone upstream (`deferCounts`), so counting never delays it.
import type { Prepared, Usage } from '@headroom/core/conversation';
import type { ModelEntry } from './ledger.js';
import type { ProxyState } from './state.js';

export function recordPrepared(state: ProxyState, provider: string, prep: Prepared, bypass: boolean): { entry: ModelEntry; onUsage: (u: Usage) => void } {
  const e = state.ledger.entry(provider, prep.model);
  e.requests++;
  if (bypass) e.bypasses++;
  if (prep.failOpen) e.failOpen++;
  e.compressionMs += prep.compressMs;
  whenCounted(prep, () => {
    if (prep.tokensAfter < prep.tokensBefore) e.compressed++;
    e.tokensBefore += prep.tokensBefore;
    e.tokensAfter += prep.tokensAfter;
    for (const b of prep.blocks) state.ledger.tool(e, b.tool ?? 'unknown', b.tokensBefore, b.tokensAfter);
  });
  // The trace books its counts in the same tick (traceRequest right after this), before any report can wait.
  state.counting.track(prep.counted);
  const onUsage = (u: Usage) => {
    e.inputTokens += u.input;
    e.outputTokens += u.output;
    e.cacheReadTokens += u.cacheRead;
    e.cacheWriteTokens += u.cacheWrite;
  };
  return { entry: e, onUsage };
}

/** Runs `book` once the request's token counts are in: at once, or when deferred counting settles. */
export function whenCounted(prep: Prepared, book: () => void): void {
  if (prep.counted) void prep.counted.then(book);
  else book();
}
