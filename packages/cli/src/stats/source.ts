import { join } from 'node:path';
import { headroomHome } from '@headroom/core';
import { SavingsLedger, type Savings } from '@headroom/mcp';
import { LEDGER_FILE, parseLedger, readLedger, type LedgerSnapshot } from '@headroom/proxy/ledger';
import { isHealthyProxy, localProxyUrl } from '../proxy-health.js';

export interface StatsSource {
  /** Where the proxy figures came from: a live proxy's /stats, or the persisted ledger file. */
  from: { kind: 'live'; url: string } | { kind: 'file'; path: string } | { kind: 'none'; path: string };
  proxy: LedgerSnapshot | null;
  /** The MCP tools' lifetime savings. */
  mcp: Savings;
}

/**
 * The savings figures: a running proxy's `/stats` when one answers on `port` (it holds figures not yet
 * flushed to disk), else the ledger it persisted under HEADROOM_HOME, plus the MCP tools' own totals.
 */
export async function loadStats(port: number): Promise<StatsSource> {
  const home = headroomHome();
  const mcp = new SavingsLedger(home).lifetime();
  const url = localProxyUrl(port);
  if (port !== 0 && (await isHealthyProxy(url))) {
    try {
      const res = await fetch(`${url}/stats`, { signal: AbortSignal.timeout(3000) });
      // Read like the file: a proxy of another version may leave out figures this one reports.
      const proxy = res.ok ? parseLedger(await res.json()) : null;
      if (proxy) return { from: { kind: 'live', url }, proxy, mcp };
    } catch {
      // fall back to the file
    }
  }
  const path = join(home, LEDGER_FILE);
  // The proxy's own reader of its file: same validation as when it loads the ledger at start.
  const proxy = readLedger(home);
  return proxy ? { from: { kind: 'file', path }, proxy, mcp } : { from: { kind: 'none', path }, proxy: null, mcp };
}
