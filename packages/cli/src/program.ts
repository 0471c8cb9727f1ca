import { Command } from 'commander';
import { proxyCommand } from './commands/proxy.js';
import { mcpCommand } from './commands/mcp.js';
import { compressCommand } from './commands/compress.js';
import { retrieveCommand } from './commands/retrieve.js';
import { wrapCommand } from './commands/wrap.js';
import { unwrapCommand } from './commands/unwrap.js';
import { statsCommand } from './commands/stats.js';
import { perfCommand } from './commands/perf.js';
import { inspectCommand } from './commands/inspect.js';
import { doctorCommand } from './commands/doctor.js';
import { modelCommand } from './commands/model.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  return new Command('headroom')
    .description('Context compression for AI coding agents: a proxy, an agent wrapper and an MCP server.')
    // Options after an agent's name belong to the agent (`headroom wrap claude --resume`).
    .enablePositionalOptions()
    .version(VERSION, '-v, --version', 'print the version')
    .addCommand(proxyCommand())
    .addCommand(compressCommand())
    .addCommand(retrieveCommand())
    .addCommand(wrapCommand())
    .addCommand(unwrapCommand())
    .addCommand(mcpCommand())
    .addCommand(statsCommand())
    .addCommand(perfCommand())
    .addCommand(inspectCommand())
    .addCommand(doctorCommand())
    .addCommand(modelCommand())
    .showHelpAfterError('(run `headroom --help` for usage)');
}
