// Operational endpoints: /livez, /readyz, /stats, /metrics and /v1/retrieve/:key. Everything but
// /livez answers loopback clients only: they expose usage figures and stored originals.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, Next } from 'hono';
import { countTokens, isCcrKey } from '@headroom/core';
import { renderMetrics } from './metrics.js';
import type { ProxyState } from './state.js';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

async function loopbackOnly(c: Context, next: Next): Promise<Response | void> {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  if (!isLoopback(address)) {
    return c.json({ error: { type: 'headroom_forbidden', message: 'this Headroom endpoint answers loopback clients only' } }, 403);
  }
  await next();
}

export function mountAdmin(app: Hono, state: ProxyState): void {
  app.get('/livez', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', loopbackOnly, (c) =>
    state.store ? c.json({ status: 'ready', store: state.store.backend }) : c.json({ status: 'not ready', reason: state.storeError ?? 'store not open' }, 503),
  );
  app.get('/stats', loopbackOnly, (c) => c.json(state.ledger.snapshot()));
  app.get('/metrics', loopbackOnly, (c) => c.text(renderMetrics(state.ledger.snapshot()), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }));
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
}
