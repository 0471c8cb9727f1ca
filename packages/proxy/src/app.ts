import { Hono } from 'hono';
import { mountAdmin } from './admin.js';
import { handleApi, unreachable } from './api.js';
import { forward } from './forward.js';
import type { ProxyState } from './state.js';
import { upstreamFor } from './upstreams.js';

/**
 * The proxy's routes: three compressing API routes, the operational endpoints, and everything else
 * forwarded untouched (status, headers, body, streaming). When the upstream cannot be reached the
 * client gets a 502 that says so — never a made-up success.
 */
export function createProxyApp(state: ProxyState): Hono {
  const app = new Hono();
  mountAdmin(app, state);
  app.post('/v1/messages', (c) => handleApi(c, 'anthropic', state));
  app.post('/v1/chat/completions', (c) => handleApi(c, 'chat', state));
  app.post('/v1/responses', (c) => handleApi(c, 'responses', state));
  app.all('*', async (c) => {
    const base = upstreamFor(c.req.path, c.req.raw.headers, state.config.upstreams);
    try {
      return await forward(c.req.raw, base);
    } catch (err) {
      return unreachable(base, err);
    }
  });
  return app;
}
