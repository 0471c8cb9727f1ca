import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { appLog } from './scripted-model.js';

const HEADROOM = join(dirname(createRequire(import.meta.url).resolve('@headroom/cli/package.json')), 'dist', 'bin.js');
const AGENT_BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin');

/** A temp HOME, HEADROOM_HOME and project folder (with app.log): nothing touches the real home. */
export interface Sandbox {
  home: string;
  headroomHome: string;
  work: string;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'headroom-agents-'));
  const sb = { home: join(root, 'home'), headroomHome: join(root, 'headroom'), work: join(root, 'project') };
  for (const d of Object.values(sb)) mkdirSync(d, { recursive: true });
  writeFileSync(join(sb.work, 'app.log'), appLog());
  return sb;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `headroom wrap <args>` as a user runs it, from the project folder. The environment is built from
 * scratch (no API keys, proxies or agent settings of the machine running the tests leak in); the
 * agents installed by this package come first on the PATH.
 */
export function wrap(sb: Sandbox, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, [HEADROOM, 'wrap', '--port', '0', ...args], {
    cwd: sb.work,
    env: { PATH: [AGENT_BIN, process.env.PATH ?? ''].join(delimiter), HOME: sb.home, HEADROOM_HOME: sb.headroomHome, LANG: 'C.UTF-8', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
