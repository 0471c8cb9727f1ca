import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * Read-only and tolerant: the file belongs to @headroom/proxy (which writes it atomically about once a
 * second), so a missing or unknown-version file just means "no proxy figures".
 */
export function readProxyTotals(home: string): ProxyTotals | null {
  try {
    const data = JSON.parse(readFileSync(join(home, 'proxy-ledger.json'), 'utf8')) as { version?: number; since?: string; totals?: Record<string, unknown> };
    if (data.version !== 1 || !data.totals) return null;
    const n = (k: string) => (typeof data.totals![k] === 'number' ? (data.totals![k] as number) : 0);
    return {
      requests: n('requests'),
      tokensBefore: n('tokensBefore'),
      tokensAfter: n('tokensAfter'),
      retrievals: n('retrievals'),
      retrievalTokens: n('retrievalTokens'),
      netSavedTokens: n('tokensBefore') - n('tokensAfter') - n('retrievalTokens'),
      since: typeof data.since === 'string' ? data.since : '',
    };
  } catch {
    return null;
  }
}
