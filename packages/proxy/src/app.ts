import { Hono } from 'hono';
import { mountAdmin } from './admin.js';
import { handleApi } from './api.js';
import { mountDashboard } from './dashboard.js';
import { mountCompress } from './compress-route.js';
import { forward } from './forward.js';
import { mountGemini } from './gemini-route.js';
import { mountRequests } from './requests.js';
import type { ProxyState } from './state.js';
import { upstreamFailure } from './upstream-failure.js';
import { upstreamFor } from './upstreams.js';

/**
 * The proxy's routes: the compressing API routes (OpenAI, Anthropic, Gemini), /v1/compress, the
 * operational endpoints, and every other request that can be attributed to a provider forwarded
 * untouched (status, headers, body, streaming); the rest is answered locally. When the upstream cannot be reached, closes the
 * connection or times out, the client gets a 502 or 504 that says so — never a made-up success.
 */
export function createProxyApp(state: ProxyState): Hono {
  const app = new Hono();
  // Before the admin routes: /v1/retrieve/<bare hash> is the gateways' form (see compress-route.ts).
  mountCompress(app, state);
  mountAdmin(app, state);
  mountRequests(app, state);
  mountDashboard(app);
  app.post('/v1/messages', (c) => handleApi(c, 'anthropic', state));
  app.post('/v1/chat/completions', (c) => handleApi(c, 'chat', state));
  app.post('/v1/responses', (c) => handleApi(c, 'responses', state));
  app.post('/backend-api/codex/responses', (c) => handleApi(c, 'responses', state));
  mountGemini(app, state);
  // The proxy's own answer to a client probing the root (Claude Code sends `HEAD /` at start-up).
  app.on(['GET', 'HEAD'], '/', (c, next) =>
    upstreamFor('/', c.req.raw.headers, state.config.upstreams) ? next() : c.json({ service: 'headroom-proxy', status: 'ok' }),
  );
  app.all('*', async (c) => {
    const base = upstreamFor(c.req.path, c.req.raw.headers, state.config.upstreams);
    if (!base) {
      // Not attributable to a provider: answered here, never forwarded to a third party.
      return c.json(
        {
          error: {
            type: 'headroom_unknown_route',
            message: `Headroom cannot tell which provider ${c.req.method} ${c.req.path} is for (no /v1 API path, no anthropic-version, x-api-key or bearer authorization header), so it was not forwarded`,
          },
        },
        404,
      );
    }
    try {
      return await forward(c.req.raw, base, state.config.upstreamTimeouts);
    } catch (err) {
      // In the error shape of the provider the request was attributed to.
      const provider = upstreamFor(c.req.path, c.req.raw.headers, { anthropic: 'anthropic', openai: 'openai', gemini: 'gemini', chatgpt: 'chatgpt' });
      const dialect = provider === 'anthropic' || provider === 'gemini' ? provider : 'openai';
      return upstreamFailure(dialect, base, err);
    }
  });
  return app;
}
