import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { Backend } from './backends.js';
import { appLog } from './scripted-model.js';

/**
 * The CLI's entry point, run with node: pnpm links `node_modules/.bin/headroom` only if the CLI was built
 * before the install, which a fresh clone's `npm test` (install, then build) never has.
 */
export const HEADROOM = join(dirname(createRequire(import.meta.url).resolve('@headroom/cli/package.json')), 'dist', 'bin.js');
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

export const TASK = 'Why did request 217 fail? The log is app.log.';

/** `headroom wrap` arguments that run each agent on the task without a terminal or approvals. */
export const CODEX_ARGS = ['codex', '--', 'exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', TASK];
export const CLAUDE_ARGS = ['claude', '--', '-p', TASK, '--dangerously-skip-permissions'];

/**
 * Claude Code's switches: no calls home (without it, it reaches api.anthropic.com at start-up), and
 * --dangerously-skip-permissions allowed as root (CI runs as root), which it refuses unless sandboxed.
 */
export const CLAUDE_ENV = { IS_SANDBOX: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };

/**
 * The lines of a user's config.toml that keep Codex on loopback: its own ChatGPT-backend calls (account
 * checks, settings) go to `chatgptBase`; apps, plugins, analytics and update checks are off. Also a larger
 * tool-output limit: Codex cuts tool output to ~10 KB by default.
 */
export function codexOfflineConfig(chatgptBase: string): string[] {
  return ['tool_output_token_limit = 20000', 'check_for_update_on_startup = false', `chatgpt_base_url = "${chatgptBase}/backend-api/"`, '', '[features]', 'apps = false', 'plugins = false', '', '[analytics]', 'enabled = false'];
}

/** HTTPS_PROXY / HTTP_PROXY for agents and proxy alike: any way out goes to `refusing`. */
export const throughRefusing = (refusing: Backend): NodeJS.ProcessEnv => ({ HTTPS_PROXY: refusing.url, HTTP_PROXY: refusing.url });

/** What tried to leave the machine (through the refusing proxy). */
export const outbound = (refusing: Backend): string[] => [...refusing.requests.map((r) => `${r.method} ${r.path}`), ...refusing.upgrades];
