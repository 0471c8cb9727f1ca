#!/usr/bin/env node
// The release rehearsal (`npm test` runs it; alone: `node scripts/rehearsal/index.mjs`): build what the
// release workflow would publish, install it with plain npm where no Rust and no workspace can help,
// and use it the way the README says. Prints the tarball sizes and the cold install's size and time,
// and writes them to target/rehearsal/report.json. Set HEADROOM_REHEARSAL_KEEP=1 to keep the install folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as checks from './checks.mjs';
import { coldInstall, userEnv } from './install.mjs';
import { buildReleaseAddon, hostTarget, npmPack, pnpmPack, publicPackages, stageNative } from './pack.mjs';
import { problems, unpack } from './tarballs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, 'target', 'rehearsal');
const buildEnv = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`, TURBO_TELEMETRY_DISABLED: '1' };
// Unpacked size limits, well above today's (core 0.6 MB, the addon 74 MB): crossing one means something
// that should not ship (fixtures, a debug build, another platform's binaries) got into a tarball.
const MAX_UNPACKED = { addon: 120e6, js: 2e6 };
const mb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);

function section(title) {
  console.log(`\n— ${title}`);
}

async function main() {
  const nativePkg = JSON.parse(readFileSync(join(root, 'packages', 'native', 'package.json'), 'utf8'));
  const host = hostTarget(nativePkg);
  section(`release addon (${host.triple})`);
  const addon = buildReleaseAddon(root, join(work, 'addon'), buildEnv);

  section('per-platform package and tarballs');
  const staged = stageNative(root, join(work, 'stage'), addon, host, buildEnv);
  const dest = join(work, 'tarballs');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const packed = [
    { name: `${nativePkg.name}-${host.abi}`, tgz: npmPack(staged.platform, dest, buildEnv) },
    { name: nativePkg.name, tgz: npmPack(staged.root, dest, buildEnv), isNativeRoot: true },
    ...publicPackages(root)
      .filter((p) => p.name !== nativePkg.name)
      .map((p) => ({ name: p.name, tgz: pnpmPack(root, p.dir, dest, buildEnv) })),
  ];
  const names = new Set(packed.map((p) => p.name));
  const found = [];
  for (const p of packed) {
    const t = unpack(p.tgz, join(work, 'unpacked', p.name.replace('/', '+')));
    Object.assign(p, { size: t.size, unpacked: t.unpacked, files: t.files.length });
    found.push(...problems(t, { isNativeRoot: p.isNativeRoot }).map((m) => `${p.name}: ${m}`));
    for (const dep of Object.keys({ ...t.pkg.dependencies, ...t.pkg.optionalDependencies })) {
      if (dep.startsWith('@headroom/') && !names.has(dep)) found.push(`${p.name}: depends on ${dep}, which the release does not publish`);
    }
    const isAddon = p.name.endsWith(host.abi);
    if (isAddon && !t.files.some((f) => f.endsWith(`.${host.abi}.node`))) found.push(`${p.name}: has no .node`);
    const limit = isAddon ? MAX_UNPACKED.addon : MAX_UNPACKED.js;
    if (t.unpacked > limit) found.push(`${p.name}: ${mb(t.unpacked)} unpacked, over the ${mb(limit)} limit`);
    console.log(`  ${p.name.padEnd(34)} ${mb(p.size).padStart(9)} packed  ${mb(p.unpacked).padStart(9)} unpacked  ${p.files} files`);
  }
  if (found.length > 0) throw new Error(`the tarballs are not fit to publish:\n  ${found.join('\n  ')}`);

  section('cold install: plain npm, empty cache, no cargo on PATH, outside the workspace');
  const tmp = mkdtempSync(join(tmpdir(), 'headroom-rehearsal-'));
  try {
    const env = userEnv(tmp);
    const app = join(tmp, 'app');
    const install = coldInstall(app, packed.map((p) => p.tgz), env);
    console.log(`  ${mb(install.bytes)} in node_modules, ${install.seconds.toFixed(1)} s`);
    for (const heavy of ['onnxruntime-node', 'ioredis']) {
      if (existsSync(join(app, 'node_modules', heavy))) throw new Error(`${heavy} was installed: it is an optional peer of @headroom/core and must not come by default`);
    }
    const runEnv = { ...env, NODE_OPTIONS: `--require=${join(root, 'scripts', 'rehearsal', 'loopback-only.cjs')}` };
    const version = JSON.parse(readFileSync(join(app, 'node_modules', '@headroom', 'cli', 'package.json'), 'utf8')).version;
    const results = {};
    section('the installed commands');
    for (const [name, fn] of [
      ['npx headroom --version', () => checks.version(app, runEnv, version)],
      ['npx headroom compress / retrieve', () => checks.compressAndRetrieve(app, runEnv)],
      ['Kompress without ONNX Runtime', () => checks.kompressWithoutRuntime(app, runEnv)],
      ['npx headroom wrap -- node -e …', () => checks.wrapAgainstFakeUpstream(app, runEnv)],
      ['headroom mcp serve (MCP SDK client)', () => checks.mcpServe(app, runEnv, root)],
      ['@headroom/core from ESM and CommonJS', () => checks.libraryConsumers(app, runEnv)],
      ['headroom model pull, then Kompress', () => checks.kompressPulled(app, runEnv, root)],
    ]) {
      results[name] = await fn();
      console.log(`  ✓ ${name}: ${results[name]}`);
    }
    section('from a clone');
    results['npm run headroom -- …'] = checks.fromClone(root, { ...buildEnv, HEADROOM_HOME: env.HEADROOM_HOME }, version);
    console.log(`  ✓ npm run headroom -- …: ${results['npm run headroom -- …']}`);
    const report = { node: process.versions.node, target: host.triple, tarballs: packed.map(({ name, size, unpacked, files }) => ({ name, size, unpacked, files })), install, version, results };
    writeFileSync(join(work, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    if (process.env.HEADROOM_REHEARSAL_KEEP) console.log(`  (kept ${tmp})`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`\n✖ release rehearsal: ${err.message}`);
  process.exit(1);
});
