#!/usr/bin/env node
// The two commands of the README (`npm start`, `npm test`) and `npm run bench`, with nothing installed
// beforehand but Node, npm and a Rust toolchain. pnpm comes through npx (corepack cannot verify
// signatures on our registry); after the install, the pinned pnpm and turbo in node_modules/.bin serve.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@10.34.9';
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: `${bin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}`,
  TURBO_TELEMETRY_DISABLED: '1',
  ONNXRUNTIME_NODE_INSTALL: 'skip',
};

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}\n  $ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv }, shell: process.platform === 'win32' });
  if (r.error) fail(`${title}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${title} failed (exit ${r.status ?? r.signal})`);
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

/** The ONNX Runtime library bundled in the onnxruntime-node package, found the same way the core does. */
async function onnxRuntimePath() {
  const core = join(root, 'packages', 'core', 'dist', 'index.js');
  const { findOnnxRuntime } = await import(core);
  return findOnnxRuntime() ?? '';
}

const command = process.argv[2];
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
  step('build', 'turbo', ['run', 'build']);
  if (process.env.CI) {
    // The napi loader and typings are committed: a build must not change them.
    step('generated loader is up to date', 'git', ['diff', '--exit-code', '--', 'packages/native/index.js', 'packages/native/index.d.ts']);
  }
  step('typecheck', 'turbo', ['run', 'typecheck']);
  const ort = await onnxRuntimePath();
  if (!ort || !existsSync(ort)) fail('the ONNX Runtime library of onnxruntime-node was not found after install');
  // --all-targets includes the Criterion benches: they compile and each runs once in test mode.
  step('rust tests and benches', 'cargo', ['test', '--workspace', '--all-targets'], { ORT_DYLIB_PATH: ort });
  step('typescript tests', 'turbo', ['run', 'test', '--concurrency=1']);
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
  console.error('usage: node scripts/dev.mjs <start|test|bench|bench:corpus>');
  process.exit(2);
}
