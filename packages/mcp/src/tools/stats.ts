import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Savings, SavingsLedger } from '../savings.js';

const savingsShape = z.object({
  compressions: z.number(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  retrievals: z.number(),
  retrievedTokens: z.number(),
  netSavedTokens: z.number(),
});

function line(label: string, s: Savings): string {
  const pct = s.tokensBefore === 0 ? 0 : (s.netSavedTokens / s.tokensBefore) * 100;
  return `${label}: ${s.compressions} compressions, ${s.tokensBefore} → ${s.tokensAfter} tokens, ${s.retrievals} retrievals (${s.retrievedTokens} tokens back), net ${s.netSavedTokens} tokens saved (${pct.toFixed(1)}%)`;
}

export function registerStats(server: McpServer, ledger: SavingsLedger): void {
  server.registerTool(
    'headroom_stats',
    {
      description: 'Tokens Headroom saved through these tools: this session and lifetime, net of retrievals.',
      inputSchema: {},
      outputSchema: { session: savingsShape, lifetime: savingsShape },
    },
    () => {
      const session = ledger.sessionTotals();
      const lifetime = ledger.lifetime();
      return {
        content: [{ type: 'text', text: `${line('session', session)}\n${line('lifetime', lifetime)}` }],
        structuredContent: { session, lifetime },
      };
    },
  );
}
