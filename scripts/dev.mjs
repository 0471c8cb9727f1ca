#!/usr/bin/env node
// The two commands of the README (`npm start`, `npm test`) and `npm run bench`, with nothing installed
// beforehand but Node, npm and a Rust toolchain. pnpm comes through npx (corepack cannot verify
// signatures on our registry); after the install, the pinned pnpm and turbo in node_modules/.bin serve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@10.34.9';
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: `${bin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}`,
  TURBO_TELEMETRY_DISABLED: '1',
  ONNXRUNTIME_NODE_INSTALL: 'skip',
};

// `npm run headroom -- …` keeps stdout for the CLI (`headroom compress` prints its result there): the
// install and build steps before it report on stderr.
const command = process.argv[2];
const log = command === 'headroom' ? console.error : console.log;

function step(title, cmd, args, extraEnv = {}) {
  log(`\n▶ ${title}\n  $ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const stdio = command === 'headroom' ? ['inherit', process.stderr, 'inherit'] : 'inherit';
  const r = spawnSync(cmd, args, { cwd: root, stdio, env: { ...env, ...extraEnv }, shell: process.platform === 'win32' });
  if (r.error) fail(`${title}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${title} failed (exit ${r.status ?? r.signal})`);
  log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const totals = { passed: 0, failed: 0, skipped: 0 };

/** Adds the counts that cargo test and vitest print to `totals`. */
function countResults(output) {
  const plain = stripVTControlCharacters(output);
  for (const m of plain.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g)) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
    totals.skipped += Number(m[3]);
  }
  // vitest's summary line, behind turbo's `@pkg:test:` prefix: `Tests  1 failed | 9 passed | 2 skipped (12)`.
  for (const line of plain.split('\n').map((l) => l.replace(/^@[\w/-]+:test:/, ''))) {
    if (!/^\s*Tests\s+\d/.test(line)) continue;
    for (const key of Object.keys(totals)) {
      const m = new RegExp(`(\\d+) ${key}`).exec(line);
      if (m) totals[key] += Number(m[1]);
    }
  }
}

/** Like step(), but streams the output through and counts the tests it reports. */
async function testStep(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}\n  $ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  let output = '';
  child.stdout.on('data', (d) => {
    process.stdout.write(d);
    output += d;
  });
  child.stderr.on('data', (d) => {
    process.stderr.write(d);
    output += d;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  countResults(output);
  if (code !== 0) {
    console.log(`\ntests: ${totals.passed} passed, ${Math.max(totals.failed, 1)} failed, ${totals.skipped} skipped`);
    fail(`${title} failed (exit ${code})`);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

function checkToolchain() {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) fail(`Node ${process.versions.node} is too old: Headroom needs Node 20 or newer.`);
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (cargo.status !== 0) fail('cargo was not found: install a Rust toolchain (https://rustup.rs) and retry.');
}

function install() {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  step('install dependencies', 'npx', ['--yes', PNPM, 'install', ...frozen]);
}

/**
 * The ONNX Runtime library the Rust tests load: the one inside onnxruntime-node, a dev dependency of
 * the core (users get it on demand, see locateOnnxRuntime in packages/core/src/onnx-runtime.ts).
 */
async function onnxRuntimePath() {
  const core = join(root, 'packages', 'core', 'dist', 'onnx-runtime.js');
  const { locateOnnxRuntime } = await import(pathToFileURL(core).href);
  return locateOnnxRuntime()?.path ?? '';
}

checkToolchain();
if (command === 'start') {
  install();
  env.HEADROOM_NATIVE_PROFILE = 'release';
  step('build (release native addon)', 'turbo', ['run', 'build', '--filter=@headroom/cli...']);
  const args = ['packages/cli/dist/bin.js', 'proxy', ...process.argv.slice(3)];
  console.log(`\n▶ headroom proxy\n  $ node ${args.join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  process.exit(r.status ?? 1);
} else if (command === 'test') {
  // A debug addon: it shares compiled dependencies with `cargo test` below, so the crates build once.
  // Set for every step: the profile is part of turbo's build hash, and a step without it would
  // trigger a release build through `dependsOn`.
  env.HEADROOM_NATIVE_PROFILE = 'debug';
  install();
  // The checks that need no build first: a failure shows in seconds, not after the tests.
  step('lint (Biome)', 'biome', ['lint', '--error-on-warnings']);
  step('rust formatting', 'cargo', ['fmt', '--all', '--check']);
  step('build', 'turbo', ['run', 'build']);
  if (process.env.CI) {
    // The napi loader and typings are committed: a build must not change them.
    step('generated loader is up to date', 'git', ['diff', '--exit-code', '--', 'packages/native/index.js', 'packages/native/index.d.ts']);
  }
  step('typecheck', 'turbo', ['run', 'typecheck']);
  // A change to @headroom/core's public surface shows as a diff of packages/core/api/core.api.md.
  step('API report of @headroom/core', process.execPath, ['scripts/api-report.mjs', '--check']);
  step('clippy', 'cargo', ['clippy', '--workspace', '--all-targets', '--', '-D', 'warnings']);
  const ort = await onnxRuntimePath();
  if (!ort || !existsSync(ort)) fail('the ONNX Runtime library of onnxruntime-node was not found after install');
  // --all-targets includes the Criterion benches: they compile and each runs once in test mode.
  await testStep('rust tests and benches', 'cargo', ['test', '--workspace', '--all-targets'], { ORT_DYLIB_PATH: ort });
  await testStep('typescript tests', 'turbo', ['run', 'test', '--concurrency=1']);
  // What the release workflow would publish, installed with plain npm where no Rust and no workspace
  // can help, and used as the README says (scripts/rehearsal/index.mjs). Builds the release addon.
  step('release rehearsal', process.execPath, ['scripts/rehearsal/index.mjs']);
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
} else if (command === 'headroom') {
  // From a clone, the command a user gets from `npx @headroom/cli`: built as `npm start` builds it, run
  // from the caller's directory (npm sets INIT_CWD) so relative paths mean what they typed.
  install();
  env.HEADROOM_NATIVE_PROFILE = 'release';
  step('build (release native addon)', 'turbo', ['run', 'build', '--filter=@headroom/cli...', '--output-logs=errors-only']);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const child = spawn(process.execPath, [join(root, 'packages', 'cli', 'dist', 'bin.js'), ...process.argv.slice(3)], { cwd, stdio: 'inherit', env: process.env });
  // Ctrl-C reaches the CLI by itself (one process group) and it restores the agent's config before
  // exiting: we wait for it instead of dying first. Other signals are passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])));
  process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1));
} else if (command === 'bench') {
  env.HEADROOM_NATIVE_PROFILE = 'release';
  install();
  step('build (release native addon)', 'turbo', ['run', 'build']);
  step('criterion benches', 'cargo', ['bench', '--workspace', ...process.argv.slice(3)]);
  step('typescript benches', 'turbo', ['run', 'bench', '--filter=@headroom/bench']);
} else if (command === 'bench:corpus') {
  env.HEADROOM_NATIVE_PROFILE = 'release';
  install();
  step('build (release native addon)', 'turbo', ['run', 'build', '--filter=@headroom/core...']);
  // Run from the caller's directory (npm sets INIT_CWD), so a relative corpus path means what they typed.
  const tsx = join(root, 'bench', 'node_modules', '.bin', 'tsx');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const r = spawnSync(tsx, [join(root, 'bench', 'ts', 'corpus-runner.ts'), ...process.argv.slice(3)], { cwd, stdio: 'inherit', env });
  process.exit(r.status ?? 1);
} else {
  console.error('usage: node scripts/dev.mjs <start|test|headroom|bench|bench:corpus>');
  process.exit(2);
}
