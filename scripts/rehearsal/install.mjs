// A user's machine, as near as one process can make it: an empty folder outside the workspace, a PATH
// without cargo (nothing may build from source), a cold npm cache, and plain `npm install` of the
// tarballs, the rest of the dependency tree coming from the registry.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { run } from './run.mjs';

/** PATH with every directory holding cargo or rustc removed, and node's own directory first. */
export function pathWithoutRust(path = process.env.PATH ?? '') {
  const exe = process.platform === 'win32' ? '.exe' : '';
  const dirs = path.split(delimiter).filter((d) => d && !existsSync(join(d, `cargo${exe}`)) && !existsSync(join(d, `rustc${exe}`)));
  return [dirname(process.execPath), ...dirs].join(delimiter);
}

/** The environment of a user with nothing of ours set: no workspace variables, home inside `dir`. */
export function userEnv(dir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(HEADROOM_|ORT_|ONNXRUNTIME_|TURBO_|npm_(?!config_registry$)|PNPM_|INIT_CWD$|CARGO|RUSTUP)/i.test(k)) continue;
    env[k] = v;
  }
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  return { ...env, PATH: pathWithoutRust(env.PATH), HOME: home, USERPROFILE: home, HEADROOM_HOME: join(home, '.headroom'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

export function treeBytes(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    n += st.isDirectory() ? treeBytes(path) : st.size;
  }
  return n;
}

/**
 * `npm install <tarballs…> <extra…>` in `dir` with an empty cache; returns how long it took and what
 * node_modules weighs.
 */
export function coldInstall(dir, tarballs, env, extra = []) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'headroom-rehearsal', private: true }, null, 2)}\n`);
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--cache', join(dir, '.npm-cache'), ...tarballs, ...extra], { cwd: dir, env, timeoutMs: 900_000 });
  const seconds = (Date.now() - started) / 1000;
  return { seconds, bytes: treeBytes(join(dir, 'node_modules')) };
}
