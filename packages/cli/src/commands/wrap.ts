import { constants as osConstants } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { AGENT_NAMES, knownAgent } from '../agents/index.js';
import { cursorSettings } from '../agents/cursor.js';
import { generic } from '../agents/generic.js';
import type { AgentSpec, WrapContext } from '../agents/types.js';
import { DEFAULT_PORT, isHealthyProxy, localProxyUrl } from '../proxy-health.js';
import { out, note, warn } from '../ui/colors.js';
import { progress } from '../ui/progress.js';
import { findExecutable, runAgent } from '../wrap/launch.js';
import { acquireProxy, type ProxyLease } from '../wrap/proxy-lease.js';
import { beginWrap, endWrap } from '../wrap/session.js';
import { upstreamsFromUserEnv } from '../wrap/upstream-env.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

interface Opts {
  port: number;
  json: boolean;
}

export function wrapCommand(): Command {
  return new Command('wrap')
    .description(`run an agent through the headroom proxy (${AGENT_NAMES.join(', ')}), or any command: wrap -- <cmd> [args]`)
    .argument('[agent]', 'agent to run, or after -- any command that honours OPENAI_BASE_URL / ANTHROPIC_BASE_URL')
    .argument('[args...]', "the agent's own arguments")
    .option('--port <port>', 'proxy port: a healthy headroom proxy there with the same upstreams is reused, else one is started (0: a free port)', parsePort, DEFAULT_PORT)
    .option('--json', 'cursor only: print the settings as JSON', false)
    .passThroughOptions()
    .allowExcessArguments()
    .action(async (agent: string | undefined, args: string[], opts: Opts, cmd: Command) => {
      if (!agent) throw new Error(`name an agent (${AGENT_NAMES.join(', ')}) or a command after --: headroom wrap -- <cmd> [args]`);
      // commander keeps the raw argv (untyped): it tells `wrap foo` (a typo) from `wrap -- foo` (any command).
      const rawArgs = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? process.argv;
      const afterDash = dashBefore(rawArgs, agent);
      const spec = knownAgent(agent) ?? (afterDash ? generic(agent) : undefined);
      if (!spec) throw new Error(`unknown agent "${agent}" (known: ${AGENT_NAMES.join(', ')}); to wrap any other command: headroom wrap -- ${agent} …`);
      // passThroughOptions hands everything after the agent's name over verbatim, `--` included: in
      // `wrap codex -- exec …` that `--` only separates our arguments from the agent's, so it is dropped.
      // (After `wrap -- cmd`, a `--` the user wrote after cmd is cmd's own and stays.)
      if (!afterDash && args[0] === '--') args = args.slice(1);
      if (spec.name === 'cursor') return printCursor(cursorOpts(opts, args));
      process.exit(await wrap(spec, args, opts.port));
    });
}

/** Cursor is never launched, so `wrap cursor --json --port N` means our options, not an agent's. */
function cursorOpts(opts: Opts, args: string[]): Opts {
  const o = { ...opts };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') o.json = true;
    else if (args[i] === '--port' && args[i + 1] !== undefined) o.port = parsePort(args[++i]!);
    else if (args[i]!.startsWith('--port=')) o.port = parsePort(args[i]!.slice('--port='.length));
  }
  return o;
}

function dashBefore(rawArgs: string[], agent: string): boolean {
  const dash = rawArgs.indexOf('--');
  return dash >= 0 && rawArgs.indexOf(agent, dash) > dash && !rawArgs.slice(0, dash).includes(agent);
}

const EARLY_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function wrap(spec: AgentSpec, args: string[], port: number): Promise<number> {
  const binary = spec.binary ? findExecutable(spec.binary) : undefined;
  if (!binary) {
    warn(`\`${spec.binary ?? spec.name}\` was not found on your PATH. Install it with: ${spec.install}`);
    return 127;
  }
  if (process.env.HEADROOM_WRAPPED) note(`already inside a headroom wrap (${process.env.HEADROOM_WRAPPED}); reusing its proxy when it is on the same port`);
  const upstreams = await upstreamsFromUserEnv(process.env);
  for (const w of upstreams.warnings) warn(w);
  // Until the agent runs, a Ctrl-C or SIGTERM must not kill us half-way: we stop the proxy we started and
  // restore what we wrote, then exit as the signal asked.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => (interrupted ??= sig);
  for (const sig of EARLY_SIGNALS) process.on(sig, onSignal);
  const spinner = progress(`looking for a headroom proxy on port ${port}…`);
  let lease: ProxyLease;
  try {
    lease = await acquireProxy(port, { ...process.env, ...upstreams.env });
  } finally {
    spinner.done();
  }
  if (interrupted) {
    for (const sig of EARLY_SIGNALS) process.off(sig, onSignal);
    await lease.release();
    return 128 + (osConstants.signals[interrupted] ?? 0);
  }
  // A proxy on the port that forwards elsewhere is not reused (proxy-lease): the note says which was started.
  if (lease.note) warn(lease.note);
  for (const [k, v] of Object.entries(upstreams.env)) note(`forwarding to your ${k === 'HEADROOM_OPENAI_UPSTREAM' ? 'OpenAI' : 'Anthropic'} base URL ${v}`);
  note(`${lease.reused ? 'using the headroom proxy already running at' : 'started a headroom proxy at'} ${lease.url}${lease.log ? ` (log: ${lease.log})` : ''}`);
  const ctx: WrapContext = { proxyUrl: lease.url, env: process.env };
  for (const w of spec.check?.(ctx) ?? []) warn(w);
  for (const n of spec.describe?.(ctx) ?? []) note(n);
  let code = 1;
  try {
    for (const n of beginWrap(spec, ctx)) note(n);
    // From here runAgent forwards signals to the agent instead.
    for (const sig of EARLY_SIGNALS) process.off(sig, onSignal);
    const env = { ...process.env, ...spec.env(ctx), HEADROOM_WRAPPED: spec.name, HEADROOM_PROXY_URL: lease.url };
    code = await runAgent(binary, [...(spec.args?.(ctx) ?? []), ...args], env);
  } catch (err) {
    warn(`could not run ${spec.name}: ${(err as Error).message}`);
  } finally {
    for (const sig of EARLY_SIGNALS) process.off(sig, onSignal);
    for (const n of endWrap(spec)) note(n);
    await lease.release();
  }
  return code;
}

async function printCursor(opts: Opts): Promise<void> {
  const url = localProxyUrl(opts.port === 0 ? DEFAULT_PORT : opts.port);
  const running = await isHealthyProxy(url);
  const s = cursorSettings(url);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ agent: 'cursor', proxyRunning: running, ...s }) + '\n');
    return;
  }
  const lines = [
    out.bold('Cursor does not take its settings from the environment; set them once in the app:'),
    ...s.steps.map((step, i) => `  ${i + 1}. ${step}`),
    '',
    `  OpenAI base URL:    ${out.cyan(s.openaiBaseUrl)}`,
    `  Anthropic base URL: ${out.cyan(s.anthropicBaseUrl)}`,
    '',
    running ? out.green(`a headroom proxy is running at ${url}`) : out.yellow(`no headroom proxy at ${url} yet: start one with \`headroom proxy --port ${opts.port || DEFAULT_PORT}\``),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
