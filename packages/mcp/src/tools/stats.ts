import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readProxyTotals, type ProxyTotals } from '../proxy-ledger.js';
import type { Savings, SavingsLedger } from '../savings.js';

const savingsShape = z.object({
  compressions: z.number(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  retrievals: z.number(),
  retrievedTokens: z.number(),
  netSavedTokens: z.number(),
});

const proxyShape = z
  .object({
    requests: z.number(),
    tokensBefore: z.number(),
    tokensAfter: z.number(),
    retrievals: z.number(),
    retrievalTokens: z.number(),
    netSavedTokens: z.number(),
    since: z.string(),
  })
  .nullable();

function proxyLine(p: ProxyTotals | null): string {
  if (!p) return 'proxy: no ledger yet (nothing has gone through `headroom proxy` with this HEADROOM_HOME)';
  return `proxy (lifetime since ${p.since}): ${p.requests} requests, ${p.tokensBefore} → ${p.tokensAfter} tokens of tool output, ${p.retrievals} retrievals (${p.retrievalTokens} tokens back), net ${p.netSavedTokens} tokens saved`;
}

function line(label: string, s: Savings): string {
  const pct = s.tokensBefore === 0 ? 0 : (s.netSavedTokens / s.tokensBefore) * 100;
  return `${label}: ${s.compressions} compressions, ${s.tokensBefore} → ${s.tokensAfter} tokens, ${s.retrievals} retrievals (${s.retrievedTokens} tokens back), net ${s.netSavedTokens} tokens saved (${pct.toFixed(1)}%)`;
}

export function registerStats(server: McpServer, ledger: SavingsLedger): void {
  server.registerTool(
    'headroom_stats',
    {
      description: 'Tokens Headroom saved, net of retrievals: these tools this session and lifetime, and the proxy lifetime.',
      inputSchema: {},
      outputSchema: { session: savingsShape, lifetime: savingsShape, proxy: proxyShape },
    },
    () => {
      const session = ledger.sessionTotals();
      const lifetime = ledger.lifetime();
      const proxy = readProxyTotals(ledger.home);
      return {
        content: [{ type: 'text', text: `${line('session', session)}\n${line('lifetime', lifetime)}\n${proxyLine(proxy)}` }],
        structuredContent: { session, lifetime, proxy },
      };
    },
  );
}
