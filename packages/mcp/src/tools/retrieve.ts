import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { countTokens, retrieve } from '@headroom/core';
import { z } from 'zod';
import type { SavingsLedger } from '../savings.js';

export function registerRetrieve(server: McpServer, ledger: SavingsLedger): void {
  server.registerTool(
    'headroom_retrieve',
    {
      description:
        'Get back the exact original behind a Headroom marker `[headroom: omitted …; key=hr_…]`, from the proxy or from headroom_compress.',
      inputSchema: { key: z.string().describe('the key=hr_… value from the marker') },
      outputSchema: { found: z.boolean(), content: z.string().optional(), message: z.string().optional() },
    },
    async ({ key }) => {
      const r = await retrieve(key);
      if (!r.found) {
        // Not an MCP error: the agent should read the message and carry on (re-run the tool, or do without).
        return { content: [{ type: 'text', text: r.message }], structuredContent: { found: false, message: r.message } };
      }
      ledger.record({ retrievals: 1, retrievedTokens: countTokens(r.content).tokens });
      return { content: [{ type: 'text', text: r.content }], structuredContent: { found: true, content: r.content } };
    },
  );
}
