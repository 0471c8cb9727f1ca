import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { compressText } from '@headroom/core';
import { z } from 'zod';
import type { SavingsLedger } from '../savings.js';

const outputSchema = {
  text: z.string(),
  /** The key of the stored original, or null when nothing was omitted (the text came back whole). */
  key: z.string().nullable(),
  keys: z.array(z.string()),
  contentType: z.string(),
  transform: z.string().nullable(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  savedPercent: z.number(),
  diagnostics: z.array(z.string()),
};

export function registerCompress(server: McpServer, ledger: SavingsLedger): void {
  server.registerTool(
    'headroom_compress',
    {
      description:
        'Compress a large tool output (JSON, logs, test output, search results, diffs, code, prose) before reading it. ' +
        'Errors and lines matching `query` are always kept; every omission is marked in place with a key that ' +
        '`headroom_retrieve` turns back into the exact original.',
      inputSchema: {
        content: z.string().describe('the text to compress'),
        query: z.string().optional().describe('what you are looking for: matching parts are kept'),
        model: z.string().optional().describe('model whose tokenizer counts the savings (default gpt-4o)'),
      },
      outputSchema,
    },
    async ({ content, query, model }) => {
      const r = await compressText(content, { ...(query ? { query } : {}), ...(model ? { model } : {}) });
      const s = r.stats;
      ledger.record({ compressions: 1, tokensBefore: s.tokensBefore, tokensAfter: s.tokensAfter });
      const savedPercent = s.tokensBefore === 0 ? 0 : Math.round((1 - s.tokensAfter / s.tokensBefore) * 1000) / 10;
      const structured = {
        text: r.text,
        key: s.keys[0] ?? null,
        keys: s.keys,
        contentType: s.contentType,
        transform: s.transform ?? null,
        tokensBefore: s.tokensBefore,
        tokensAfter: s.tokensAfter,
        savedPercent,
        diagnostics: r.diagnostics,
      };
      const summary =
        s.keys.length > 0
          ? `[headroom: ${s.tokensBefore} → ${s.tokensAfter} tokens (${savedPercent}% saved); originals: ${s.keys.join(', ')}]`
          : `[headroom: nothing omitted (${s.skipped ?? 'lossless'}); ${s.tokensBefore} → ${s.tokensAfter} tokens]`;
      return { content: [{ type: 'text', text: `${r.text}\n\n${summary}` }], structuredContent: structured };
    },
  );
}
