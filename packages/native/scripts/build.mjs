// Builds the addon for this machine from crates/headroom-napi. HEADROOM_NATIVE_PROFILE=debug gives a
// debug build (used by `npm test`, which compiles the crates in that profile anyway) with the exports only
// the tests call (crates/headroom-napi/src/test_hooks.rs); the default is release, without them. Never cross-compiles: `napi build -x` would download toolchains.
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const release = (process.env.HEADROOM_NATIVE_PROFILE ?? 'release') !== 'debug';
const args = [
  'build',
  '--platform',
  '--manifest-path', join(pkg, '..', '..', 'crates', 'headroom-napi', 'Cargo.toml'),
  '--package-json-path', join(pkg, 'package.json'),
  '--output-dir', pkg,
  '--js', 'index.js',
  '--dts', 'index.d.ts',
  ...(release ? ['--release'] : ['--features', 'test-hooks']),
  // e.g. `--target aarch64-apple-darwin` from the release workflow, which builds each target natively.
  ...process.argv.slice(2),
];
// This package's own bin folder, so the build also works when run directly with node.
const PATH = [join(pkg, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
const r = spawnSync('napi', args, { cwd: pkg, stdio: 'inherit', env: { ...process.env, PATH }, shell: process.platform === 'win32' });
if (r.error) console.error(`could not run the napi CLI (${r.error.message}): run the install first (npm test or npm start)`);
process.exit(r.status ?? 1);
