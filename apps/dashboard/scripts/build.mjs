// Builds the static page the proxy serves at /dashboard: one script, one stylesheet and index.html in
// dist/, everything bundled (uPlot included) so the page needs no network beyond the proxy itself.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: { app: join(root, 'src', 'main.ts') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outdir: dist,
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync(join(root, 'src', 'index.html'), join(dist, 'index.html'));
const kb = (f) => `${(statSync(join(dist, f)).size / 1024).toFixed(1)} KiB`;
console.log(`dashboard: dist/app.js ${kb('app.js')}, dist/app.css ${kb('app.css')}`);
