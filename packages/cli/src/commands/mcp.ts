import { Command } from 'commander';
import { serveStdio } from '@headroom/mcp';
import { installMcp, uninstallMcp } from '../mcp-install/install.js';
import { MCP_AGENTS } from '../mcp-install/targets.js';
import { out } from '../ui/colors.js';
import { VERSION } from '../version.js';

interface Opts {
  agent?: string[];
  json: boolean;
}

export function mcpCommand(): Command {
  const mcp = new Command('mcp').description('the Headroom MCP server');
  mcp
    .command('serve')
    .description('serve MCP over stdio (for an agent to launch)')
    .action(() => serveStdio(VERSION));
  mcp
    .command('install')
    .description(`register the server with the agents found on this machine (${MCP_AGENTS.join(', ')}), backups first`)
    .option('--agent <agent...>', `only these agents (installed even when not detected): ${MCP_AGENTS.join(', ')}`)
    .option('--json', 'print the outcome as JSON', false)
    .action((opts: Opts) => {
      const results = installMcp(opts.agent);
      if (opts.json) process.stdout.write(JSON.stringify(results) + '\n');
      else {
        for (const r of results) {
          const tag = r.status === 'failed' ? out.red(r.status) : r.status === 'skipped' ? out.dim(r.status) : out.green(r.status);
          process.stdout.write(`${tag.padEnd(12)} ${r.agent.padEnd(9)} ${r.file}${r.detail ? `  (${r.detail})` : ''}\n`);
        }
        if (!results.some((r) => r.status === 'installed' || r.status === 'reinstalled')) {
          process.stdout.write(`no agent configured; name one with --agent (${MCP_AGENTS.join(', ')})\n`);
        }
      }
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
  mcp
    .command('uninstall')
    .description('remove exactly what `mcp install` added (the original file comes back byte for byte when untouched since)')
    .option('--agent <agent...>', `only these agents: ${MCP_AGENTS.join(', ')}`)
    .option('--json', 'print the outcome as JSON', false)
    .action((opts: Opts) => {
      const results = uninstallMcp(opts.agent);
      if (opts.json) {
        process.stdout.write(JSON.stringify(results) + '\n');
        return;
      }
      if (results.length === 0) process.stdout.write('nothing to uninstall: headroom added no MCP configuration\n');
      for (const r of results) {
        const how = r.status === 'removed' ? (r.exact ? 'original restored byte for byte' : 'our entry removed (the file changed since, the rest is kept)') : r.status;
        process.stdout.write(`${r.status === 'removed' ? out.green('removed') : out.dim(r.status)} ${r.agent.padEnd(9)} ${r.file}  (${how})\n`);
      }
    });
  return mcp;
}
