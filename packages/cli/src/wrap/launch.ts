import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { constants as os } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { withLoopbackNoProxy } from './loopback-no-proxy.js';

/** The executable `name` resolves to on the PATH of `env`, or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = name.includes('/') || isAbsolute(name) ? [name] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Runs the agent with the terminal attached and resolves to its exit code (128 + n when a signal ended
 * it, as shells report). Signals sent to the wrapper are forwarded to the agent; the wrapper itself stays
 * alive until the agent has exited, so the caller can restore everything afterwards. Ctrl-C at a terminal
 * already reaches the agent (same process group), so SIGINT is only forwarded when there is no terminal —
 * forwarding it too would count as a second Ctrl-C, which makes some agents quit at once.
 */
export function runAgent(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: withLoopbackNoProxy(env) });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const sig of FORWARDED) {
      const h = () => {
        if (sig === 'SIGINT' && process.stdin.isTTY) return;
        child.kill(sig);
      };
      handlers.set(sig, h);
      process.on(sig, h);
    }
    // The handlers stay installed after the agent exits: a second Ctrl-C or SIGTERM while the caller
    // restores configuration must not kill the wrapper half-way (the kill is then a harmless no-op).
    const cleanup = () => {};
    child.once('error', (err) => {
      cleanup();
      reject(err);
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(code ?? (signal ? 128 + (os.signals[signal] ?? 0) : 1));
    });
  });
}
