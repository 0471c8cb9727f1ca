import { Command } from 'commander';
import * as checks from '../doctor/checks.js';
import type { Check } from '../doctor/checks.js';
import { extraCaCerts, networkProxy } from '../doctor/network.js';
import { DEFAULT_PORT } from '../proxy-health.js';
import { out } from '../ui/colors.js';
import { progress } from '../ui/progress.js';
import { parsePort } from './wrap.js';

const mark = { ok: () => out.green('✓'), warn: () => out.yellow('!'), fail: () => out.red('✗') };

export function doctorCommand(): Command {
  return new Command('doctor')
    .description('check the native addon, ONNX Runtime, the proxy, the CCR store, the network (proxies, CA certificates) and the agents (exit 1 on a failure)')
    .option('--port <port>', 'where the proxy should answer', parsePort, DEFAULT_PORT)
    .option('--json', 'print the checks as JSON', false)
    .action(async (opts: { port: number; json: boolean }) => {
      const spinner = progress('checking the native addon, ONNX Runtime, the proxy, the store and the agents…');
      const all: Check[] = [checks.nativeAddon(), checks.onnxRuntime(), checks.kompressModel(), await checks.proxy(opts.port), await checks.store(), networkProxy(), extraCaCerts(), ...checks.agents()];
      spinner.done();
      const ok = !all.some((c) => c.status === 'fail');
      if (opts.json) process.stdout.write(JSON.stringify({ ok, checks: all }) + '\n');
      else {
        for (const c of all) {
          process.stdout.write(`${mark[c.status]()} ${out.bold(c.name)}: ${c.detail}\n`);
          if (c.fix) process.stdout.write(`    ${out.dim('fix:')} ${c.fix}\n`);
        }
      }
      process.exitCode = ok ? 0 : 1;
    });
}
