import { readLedger } from '@headroom/proxy/ledger';

/** The proxy's lifetime totals, read from the ledger it persists (`<home>/proxy-ledger.json`). */
export interface ProxyTotals {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  retrievalTokens: number;
  netSavedTokens: number;
  since: string;
}

/**
 * Read-only, through the proxy's own reader of its file format: a missing or unknown-version file just
 * means "no proxy figures" (the proxy writes it atomically about once a second).
 */
export function readProxyTotals(home: string): ProxyTotals | null {
  const ledger = readLedger(home);
  if (!ledger) return null;
  const t = ledger.totals;
  return {
    requests: t.requests,
    tokensBefore: t.tokensBefore,
    tokensAfter: t.tokensAfter,
    retrievals: t.retrievals,
    retrievalTokens: t.retrievalTokens,
    netSavedTokens: t.netSavedTokens,
    since: ledger.since,
  };
}
