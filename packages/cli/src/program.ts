import { Command } from 'commander';
import { proxyCommand } from './commands/proxy.js';
import { mcpCommand } from './commands/mcp.js';
import { compressCommand } from './commands/compress.js';
import { retrieveCommand } from './commands/retrieve.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  return new Command('headroom')
    .description('Context compression for AI coding agents: a proxy, an agent wrapper and an MCP server.')
    .version(VERSION, '-v, --version', 'print the version')
    .addCommand(proxyCommand())
    .addCommand(compressCommand())
    .addCommand(retrieveCommand())
    .addCommand(mcpCommand())
    .showHelpAfterError('(run `headroom --help` for usage)');
}
