// What one compressing request adds to the ledger: the request, what prepare() did, and the upstream
// usage once the response has been read.
import type { Prepared, Usage } from '@headroom/core/conversation';
import type { ModelEntry } from './ledger.js';
import type { ProxyState } from './state.js';

export function recordPrepared(state: ProxyState, provider: string, prep: Prepared, bypass: boolean): { entry: ModelEntry; onUsage: (u: Usage) => void } {
  const e = state.ledger.entry(provider, prep.model);
  e.requests++;
  if (bypass) e.bypasses++;
  if (prep.failOpen) e.failOpen++;
  if (prep.tokensAfter < prep.tokensBefore) e.compressed++;
  e.tokensBefore += prep.tokensBefore;
  e.tokensAfter += prep.tokensAfter;
  e.compressionMs += prep.compressMs;
  for (const b of prep.blocks) state.ledger.tool(e, b.tool ?? 'unknown', b.tokensBefore, b.tokensAfter);
  const onUsage = (u: Usage) => {
    e.inputTokens += u.input;
    e.outputTokens += u.output;
    e.cacheReadTokens += u.cacheRead;
    e.cacheWriteTokens += u.cacheWrite;
  };
  return { entry: e, onUsage };
}
