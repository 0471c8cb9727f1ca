// Operational endpoints: /livez, /readyz, /stats, /metrics and /v1/retrieve/:key. Everything but
// /livez answers loopback clients only, addressed by a loopback host name (no DNS rebinding): they
// expose usage figures and stored originals. New local-only routes must use `loopbackOnly` too.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, Next } from 'hono';
import { countTokens, isCcrKey } from '@headroom/core';
import { renderMetrics } from './metrics.js';
import type { ProxyState } from './state.js';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * A loopback host name in a `Host` header: `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
 * A web page that re-binds its own DNS name to 127.0.0.1 still sends its name here, so checking the
 * peer address alone would let it read the loopback-only endpoints (DNS rebinding).
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i.exec(host.trim());
  return m !== null && (m[2] === undefined || Number(m[2]) <= 65535);
}

/** The refusal for a request that is not from a loopback client addressed to a loopback host name. */
export function loopbackRefusal(c: Context): Response | undefined {
  const host = c.req.header('host');
  if (!isLoopbackHost(host)) {
    return c.json(
      {
        error: {
          type: 'headroom_forbidden_host',
          message: `this Headroom endpoint answers requests addressed to localhost, 127.0.0.1 or [::1] only (Host header was ${host === undefined ? 'missing' : JSON.stringify(host)})`,
        },
      },
      403,
    );
  }
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  if (!isLoopback(address)) {
    return c.json({ error: { type: 'headroom_forbidden', message: 'this Headroom endpoint answers loopback clients only' } }, 403);
  }
  return undefined;
}

export async function loopbackOnly(c: Context, next: Next): Promise<Response | undefined> {
  const refused = loopbackRefusal(c);
  if (refused) return refused;
  await next();
}

export function mountAdmin(app: Hono, state: ProxyState): void {
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  // The upstreams are reported so that `headroom wrap` can tell whether a proxy already on its port
  // forwards where this wrap needs (the user's own base URLs) before reusing it.
  app.get('/readyz', loopbackOnly, (c) => {
    const upstreams = state.config.upstreams;
    return state.store
      ? c.json({ status: 'ready', store: state.store.backend, upstreams })
      : c.json({ status: 'not ready', reason: state.storeError ?? 'store not open', upstreams }, 503);
  });
  app.get('/stats', loopbackOnly, async (c) => {
    await state.counting.settled();
    return c.json(state.ledger.snapshot());
  });
  app.get('/metrics', loopbackOnly, async (c) => {
    await state.counting.settled();
    return c.text(renderMetrics(state.ledger.snapshot()), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  app.get('/v1/retrieve/:key', loopbackOnly, async (c) => {
    const key = c.req.param('key') ?? '';
    if (!isCcrKey(key)) return c.json({ error: { type: 'headroom_bad_key', message: `not a Headroom key: ${key} (expected hr_ + 24 hex digits)` } }, 400);
    if (!state.store) return c.json({ error: { type: 'headroom_store_unavailable', message: state.storeError ?? 'store not open' } }, 503);
    const r = await state.store.get(key);
    if (!r.found) return c.json({ error: { type: 'headroom_not_found', message: r.message } }, 404);
    const e = state.ledger.entry('http', 'retrieve');
    e.retrievals++;
    e.retrievalTokens += countTokens(r.content).tokens;
    return c.text(r.content, 200, { 'content-type': 'text/plain; charset=utf-8' });
  });
  // A local route under /v1: other methods must not fall through to the upstream catch-all.
  app.all('/v1/retrieve/:key', loopbackOnly, (c) => c.json({ error: { type: 'headroom_method_not_allowed', message: 'use GET /v1/retrieve/:key' } }, 405, { allow: 'GET, HEAD' }));
}
