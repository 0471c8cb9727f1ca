// What is inside each tarball, and the rules a published package keeps: no tests, no source maps that
// point at files the tarball lacks, no addon inside @headroom/native itself, no `workspace:` ranges,
// and every entry point it declares present.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { run } from './run.mjs';

function walk(dir, base = dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, base, out);
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out;
}

/** Unpacks `tgz` under `into` and lists its files with their sizes. */
export function unpack(tgz, into) {
  mkdirSync(into, { recursive: true });
  run('tar', ['-xzf', tgz, '-C', into]);
  const root = join(into, 'package');
  const files = walk(root).sort();
  const unpacked = files.reduce((n, f) => n + statSync(join(root, f)).size, 0);
  return { root, files, size: statSync(tgz).size, unpacked, pkg: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

const TEST_FILE = /(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.tsbuildinfo$/;
const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'];

/** Entry points a package.json declares: main, types, bin, and every path in exports. */
function entryPoints(pkg) {
  const out = [pkg.main, pkg.types, ...(typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {}))];
  const visit = (v) => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(pkg.exports);
  return out.filter(Boolean).map((p) => p.replace(/^\.\//, ''));
}

/** The problems with one unpacked tarball (empty when it is fine). */
export function problems(t, { isNativeRoot = false } = {}) {
  const found = [];
  const has = new Set(t.files);
  for (const f of t.files) {
    if (TEST_FILE.test(f)) found.push(`ships a test file: ${f}`);
    if (isNativeRoot && f.endsWith('.node')) found.push(`ships an addon inside the loader package: ${f}`);
    if (!f.endsWith('.map')) continue;
    const map = JSON.parse(readFileSync(join(t.root, f), 'utf8'));
    map.sources.forEach((s, i) => {
      const target = relative(t.root, resolve(join(t.root, dirname(f)), map.sourceRoot ?? '', s)).split(sep).join('/');
      if (!has.has(target) && map.sourcesContent?.[i] == null) found.push(`${f} points at ${target}, which is not in the tarball`);
    });
  }
  for (const field of DEP_FIELDS) {
    for (const [dep, range] of Object.entries(t.pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:')) found.push(`${field}.${dep} is still ${range}`);
    }
  }
  for (const entry of entryPoints(t.pkg)) {
    if (!entry.includes('*') && !has.has(entry)) found.push(`declares ${entry}, which is not in the tarball`);
  }
  return found;
}
