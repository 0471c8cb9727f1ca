import { Hono } from 'hono';
import { forward } from './forward.js';
import { upstreamFor, type Upstreams } from './upstreams.js';

/**
 * The proxy's routes. For now every API request is forwarded untouched; compression in the request
 * path comes with the proxy issue. When the upstream cannot be reached the client gets a 502 that says
 * so — never a made-up success.
 */
export function createProxyApp(upstreams: Upstreams): Hono {
  const app = new Hono();
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.all('*', async (c) => {
    const base = upstreamFor(c.req.path, c.req.raw.headers, upstreams);
    try {
      return await forward(c.req.raw, base);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return c.json(
        { error: { type: 'headroom_upstream_unreachable', message: `Headroom could not reach the upstream ${base}: ${reason}` } },
        502,
      );
    }
  });
  return app;
}
