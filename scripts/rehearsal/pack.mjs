// What the release workflow (.github/workflows/release.yml) would publish, made from this tree: the
// release addon, the per-platform package for this machine laid out by the napi CLI as the workflow
// does it, and a tarball of every public workspace package (`workspace:` ranges rewritten by pnpm).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';

/** napi's name for this machine (`linux-x64-gnu`) and the Rust triple of the release matrix. */
const HOST_TARGETS = {
  'linux-x64': { abi: 'linux-x64-gnu', triple: 'x86_64-unknown-linux-gnu' },
  'linux-arm64': { abi: 'linux-arm64-gnu', triple: 'aarch64-unknown-linux-gnu' },
  'darwin-arm64': { abi: 'darwin-arm64', triple: 'aarch64-apple-darwin' },
  'win32-x64': { abi: 'win32-x64-msvc', triple: 'x86_64-pc-windows-msvc' },
};

export function hostTarget(nativePkg) {
  const host = HOST_TARGETS[`${process.platform}-${process.arch}`];
  if (!host || !nativePkg.napi.targets.includes(host.triple)) {
    throw new Error(`the release builds no addon for ${process.platform}-${process.arch} (targets: ${nativePkg.napi.targets.join(', ')})`);
  }
  return host;
}

const napi = (root) => join(root, 'packages', 'native', 'node_modules', '.bin', 'napi');

/**
 * The workflow's build-native job: `napi build --platform --release` of crates/headroom-napi (cargo
 * reuses target/release between runs), into `out` so the workspace's own (debug) addon is left alone.
 * The generated loader and typings land next to it, to be compared with the committed ones.
 */
export function buildReleaseAddon(root, out, env) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pkg = join(root, 'packages', 'native');
  run(napi(root), ['build', '--platform', '--release', '--manifest-path', join(root, 'crates', 'headroom-napi', 'Cargo.toml'), '--package-json-path', join(pkg, 'package.json'), '--output-dir', out, '--js', 'index.js', '--dts', 'index.d.ts'], { cwd: pkg, env, inherit: true });
  const stale = ['index.js', 'index.d.ts'].filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(pkg, f), 'utf8'));
  if (stale.length > 0) throw new Error(`the release build generates a different ${stale.join(' and ')} than packages/native has committed: rebuild and commit them`);
  const node = readdirSync(out).find((f) => f.endsWith('.node'));
  if (!node) throw new Error(`napi build left no .node in ${out}`);
  return join(out, node);
}

/**
 * The workflow's publish job for @headroom/native, minus `npm publish`: the addon in `artifacts/`,
 * `napi create-npm-dirs`, `napi artifacts`, then `napi pre-publish` (the package's prepublishOnly),
 * which wires the platform packages into optionalDependencies. Done on a copy whose target list is
 * this machine's only: the other platforms' addons come from other runners.
 */
export function stageNative(root, stage, addon, host, env) {
  const src = join(root, 'packages', 'native');
  const dir = join(stage, 'native');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'artifacts'), { recursive: true });
  const pkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
  for (const f of pkg.files) copyFileSync(join(src, f), join(dir, f));
  pkg.napi.targets = [host.triple];
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  copyFileSync(addon, join(dir, 'artifacts', `${pkg.napi.binaryName}.${host.abi}.node`));
  run(napi(root), ['create-npm-dirs'], { cwd: dir, env });
  run(napi(root), ['artifacts', '--output-dir', 'artifacts', '--npm-dir', 'npm'], { cwd: dir, env });
  // The package's own prepublishOnly (what `npm publish` runs), without publishing the platform packages.
  const [tool, ...args] = pkg.scripts.prepublishOnly.split(' ');
  if (tool !== 'napi') throw new Error(`@headroom/native's prepublishOnly is no longer napi pre-publish: ${pkg.scripts.prepublishOnly}`);
  run(napi(root), [...args, '--skip-optional-publish'], { cwd: dir, env });
  const staged = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const platformName = `${pkg.name}-${host.abi}`;
  if (staged.optionalDependencies?.[platformName] !== pkg.version) {
    throw new Error(`napi pre-publish did not add ${platformName}@${pkg.version} to optionalDependencies (got ${JSON.stringify(staged.optionalDependencies)})`);
  }
  return { root: dir, platform: join(dir, 'npm', host.abi) };
}

/** `npm pack` of a directory into `dest`; returns the tarball's path. */
export function npmPack(dir, dest, env) {
  const out = run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: dir, env });
  return join(dest, JSON.parse(out)[0].filename);
}

/** The workspace packages a release publishes (every one not marked private), by directory. */
export function publicPackages(root) {
  const out = [];
  for (const parent of ['packages', 'apps']) {
    let names;
    try {
      names = readdirSync(join(root, parent));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(root, parent, name, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!pkg.private) out.push({ name: pkg.name, version: pkg.version, dir: join(root, parent, name) });
    }
  }
  return out;
}

/** `pnpm pack` (as `changeset publish` packs: `workspace:` ranges become the versions) into `dest`. */
export function pnpmPack(root, dir, dest, env) {
  const out = run(join(root, 'node_modules', '.bin', 'pnpm'), ['pack', '--pack-destination', dest], { cwd: dir, env });
  const file = out.trim().split('\n').pop().trim();
  return file.startsWith('/') || /^[A-Za-z]:\\/.test(file) ? file : join(dest, file);
}
