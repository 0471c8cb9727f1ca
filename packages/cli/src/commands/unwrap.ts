import { Command } from 'commander';
import { AGENT_NAMES, knownAgent } from '../agents/index.js';
import { out, warn } from '../ui/colors.js';
import { stopOrphanedProxies } from '../wrap/proxy-lease.js';
import { forceUnwrap } from '../wrap/session.js';

export function unwrapCommand(): Command {
  return new Command('unwrap')
    .description('undo the configuration a wrap wrote (codex: the provider block), also after a crash')
    .argument('<agent>', `one of ${AGENT_NAMES.join(', ')}`)
    .option('--json', 'print what was done as JSON', false)
    .action(async (agent: string, opts: { json: boolean }) => {
      const spec = knownAgent(agent);
      if (!spec) throw new Error(`unknown agent "${agent}" (known: ${AGENT_NAMES.join(', ')})`);
      const { restored, live } = forceUnwrap(spec);
      // A proxy a crashed wrap left running with nobody using it goes too.
      const stoppedProxies = await stopOrphanedProxies();
      if (opts.json) {
        process.stdout.write(JSON.stringify({ agent, restored, stillRunning: live, stoppedProxies }) + '\n');
        return;
      }
      for (const pid of stoppedProxies) process.stdout.write(`${out.green('stopped')} an orphaned headroom proxy (pid ${pid})\n`);
      if (live.length > 0) warn(`${agent} is still running through headroom (pid ${live.join(', ')}); its configuration is restored anyway`);
      if (!spec.restore) {
        process.stdout.write(`nothing to undo for ${agent}: its wrap only sets environment variables of the process it launches\n`);
      } else if (restored.length === 0) {
        process.stdout.write(`nothing to undo: no headroom configuration found for ${agent}\n`);
      } else {
        for (const m of restored) process.stdout.write(`${out.green('restored')} ${m}\n`);
      }
    });
}
