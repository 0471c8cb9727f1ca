// /dashboard: the static page built by @headroom/dashboard (apps/dashboard), served from that package's
// dist/ wherever it is installed — a workspace link or node_modules. Loopback only, like the data the
// page reads (/stats, /v1/requests).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { Hono } from 'hono';
import { loopbackOnly } from './admin.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The built page's directory, or why there is none. */
export function dashboardDir(): { dir: string } | { missing: string } {
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve('@headroom/dashboard/package.json')), 'dist');
  } catch {
    return { missing: 'the @headroom/dashboard package is not installed next to @headroom/proxy' };
  }
  try {
    if (readdirSync(dir).includes('index.html')) return { dir };
  } catch {
    // not built
  }
  return { missing: `the dashboard is not built (${dir} has no index.html): run \`npm start\` or \`pnpm --filter @headroom/dashboard build\`` };
}

export function mountDashboard(app: Hono): void {
  const found = dashboardDir();
  // Only the files the build produced are served (read once): no path from the URL reaches the disk.
  const files = new Map<string, Buffer>();
  if ('dir' in found) for (const f of readdirSync(found.dir)) if (TYPES[extname(f)]) files.set(f, readFileSync(join(found.dir, f)));
  const serve = (name: string) => {
    const body = files.get(name);
    if (!body) {
      if ('missing' in found) return new Response(`Headroom dashboard unavailable: ${found.missing}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      return new Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': TYPES[extname(name)]!,
        'cache-control': 'no-cache',
        // Everything the page needs comes from this proxy: nothing else may load or be loaded into.
        'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
      },
    });
  };
  app.get('/dashboard', loopbackOnly, () => serve('index.html'));
  app.get('/dashboard/', loopbackOnly, () => serve('index.html'));
  app.get('/dashboard/:file', loopbackOnly, (c) => serve(c.req.param('file') ?? ''));
}
