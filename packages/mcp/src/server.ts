import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { SavingsLedger } from './savings.js';
import { registerCompress } from './tools/compress.js';
import { registerRetrieve } from './tools/retrieve.js';
import { registerStats } from './tools/stats.js';

export interface McpServerOptions {
  /** Where the lifetime savings file lives. @default env HEADROOM_HOME, else ~/.headroom */
  home?: string;
}

/**
 * The Headroom MCP server: `headroom_compress`, `headroom_retrieve`, `headroom_stats`. Originals go to
 * the same CCR store the proxy uses (HEADROOM_HOME / HEADROOM_STORE), so keys from either work in both.
 */
export function createMcpServer(version: string, options: McpServerOptions = {}): McpServer {
  const server = new McpServer({ name: 'headroom', version });
  const ledger = new SavingsLedger(options.home);
  registerCompress(server, ledger);
  registerRetrieve(server, ledger);
  registerStats(server, ledger);
  return server;
}

/** Serves over stdin/stdout until the client closes the stream. */
export async function serveStdio(version: string): Promise<void> {
  await createMcpServer(version).connect(new StdioServerTransport());
}
