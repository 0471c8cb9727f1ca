import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { countTokens } from '@headroom/core';
import { z } from 'zod';

/**
 * The Headroom MCP server. Compression and retrieval tools arrive with the engine; the token counter
 * is here from the start because agents use it to size what they are about to read.
 */
export function createMcpServer(version: string): McpServer {
  const server = new McpServer({ name: 'headroom', version });
  server.registerTool(
    'headroom_count_tokens',
    {
      description: 'Count the tokens of a text for a model (exact for OpenAI models, an estimate for Claude).',
      inputSchema: { text: z.string(), model: z.string().optional() },
    },
    ({ text, model }) => {
      const count = countTokens(text, model);
      return {
        content: [{ type: 'text', text: JSON.stringify(count) }],
        structuredContent: { ...count },
      };
    },
  );
  return server;
}

/** Serves over stdin/stdout until the client closes the stream. */
export async function serveStdio(version: string): Promise<void> {
  await createMcpServer(version).connect(new StdioServerTransport());
}
