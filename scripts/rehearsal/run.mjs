// One way to run a command in the rehearsal: its output captured (or streamed), a failure thrown with
// the command line and what it printed.
import { spawnSync } from 'node:child_process';

export function run(cmd, args, { cwd, env, input, inherit = false, allowFail = false, timeoutMs = 600_000 } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['pipe', 'pipe', 'pipe'],
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (allowFail) return r;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout ?? '';
}
