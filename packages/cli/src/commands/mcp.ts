import { Command } from 'commander';
import { serveStdio } from '@headroom/mcp';
import { VERSION } from '../version.js';

export function mcpCommand(): Command {
  const mcp = new Command('mcp').description('the Headroom MCP server');
  mcp
    .command('serve')
    .description('serve MCP over stdio (for an agent to launch)')
    .action(() => serveStdio(VERSION));
  return mcp;
}
