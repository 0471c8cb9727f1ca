// GET /v1/requests (the trace ring, newest first, paginated and filtered) and GET /v1/requests/:id (one
// request with the original and compressed text of each block). Loopback only, like /stats: traces name
// models and tools, and the texts are the user's tool output.
import type { Context, Hono } from 'hono';
import { loopbackOnly } from './admin.js';
import type { ProxyState } from './state.js';
import { blockTexts } from './trace-text.js';
import { OUTCOMES, type TraceFilter } from './trace-ring.js';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

const bad = (c: Context, message: string) => c.json({ error: { type: 'headroom_bad_request', message } }, 400);

/** A whole number in [min, max], the default when absent, or an error message. */
function intParam(v: string | undefined, name: string, dflt: number | undefined, min: number, max: number): number | undefined | string {
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) return `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`;
  return Number(v);
}

export function mountRequests(app: Hono, state: ProxyState): void {
  app.get('/v1/requests', loopbackOnly, async (c) => {
    await state.counting.settled();
    const limit = intParam(c.req.query('limit'), 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
    if (typeof limit === 'string') return bad(c, limit);
    const before = intParam(c.req.query('before'), 'before', undefined, 1, Number.MAX_SAFE_INTEGER);
    if (typeof before === 'string') return bad(c, before);
    const outcome = c.req.query('outcome');
    if (outcome && !(OUTCOMES as readonly string[]).includes(outcome)) return bad(c, `outcome must be one of ${OUTCOMES.join(', ')} (got ${JSON.stringify(outcome)})`);
    const f: TraceFilter = {};
    for (const k of ['provider', 'model', 'tool', 'contentType'] as const) {
      const v = c.req.query(k);
      if (v) f[k] = v;
    }
    if (outcome) f.outcome = outcome;
    const page = state.traces.list(f, limit!, before);
    return c.json({ ...page, capacity: state.traces.capacity, facets: state.traces.facets() });
  });
  app.get('/v1/requests/:id', loopbackOnly, async (c) => {
    await state.counting.settled();
    const raw = c.req.param('id') ?? '';
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const hit = Number.isSafeInteger(id) ? state.traces.get(id) : undefined;
    if (!hit) {
      return c.json(
        { error: { type: 'headroom_not_found', message: `no request ${JSON.stringify(raw)} in the trace (it keeps the last ${state.traces.capacity} requests since the proxy started)` } },
        404,
      );
    }
    const texts = await blockTexts(hit.trace, hit.sent, state.store);
    return c.json({ ...hit.trace, blocks: hit.trace.blocks.map((b, i) => ({ ...b, ...texts[i] })) });
  });
  // Local routes under /v1: other methods must not fall through to the upstream catch-all.
  app.all('/v1/requests', loopbackOnly, (c) => c.json({ error: { type: 'headroom_method_not_allowed', message: 'use GET /v1/requests' } }, 405, { allow: 'GET, HEAD' }));
  app.all('/v1/requests/:id', loopbackOnly, (c) => c.json({ error: { type: 'headroom_method_not_allowed', message: 'use GET /v1/requests/:id' } }, 405, { allow: 'GET, HEAD' }));
}
