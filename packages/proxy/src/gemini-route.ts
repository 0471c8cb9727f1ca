// The Gemini API: POST /v1beta/models/{model}:generateContent and :streamGenerateContent (SSE with
// ?alt=sse, else a JSON array). Tool results (`functionResponse` parts) are compressed at birth by the
// same request path as the other APIs; everything else, the response included, passes byte for byte.
// Usage comes from `usageMetadata`. There is no retrieval loop for Gemini yet: markers name the
// original's file (`file=`), which Gemini CLI can read with its own tools.
import type { Context, Hono, Next } from 'hono';
import { prepare } from '@headroom/core/conversation';
import { recordPrepared } from './account.js';
import { BodyTooLarge, readBody } from './body.js';
import { bindTimeouts, callUpstream, relay, upstreamUrl } from './forward.js';
import { prepareOptions, type ProxyState } from './state.js';
import { traceRequest } from './trace.js';
import { tapUsage } from './tap.js';
import { endStreamOnTimeout, failureCounter, upstreamFailure } from './upstream-failure.js';

const METHOD = /^(.+):(generateContent|streamGenerateContent)$/;

export function mountGemini(app: Hono, state: ProxyState): void {
  app.post('/v1beta/models/:call', (c, next) => handleGemini(c, next, state));
}

async function handleGemini(c: Context, next: Next, state: ProxyState): Promise<Response | undefined> {
  const m = METHOD.exec(c.req.param('call') ?? '');
  // countTokens, embedContent…: forwarded untouched
  if (!m) {
    await next();
    return;
  }
  const req = c.req.raw;
  const cfg = state.config;
  const base = cfg.upstreams.gemini;
  let raw: Uint8Array;
  try {
    raw = await readBody(req, cfg.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) return Response.json({ error: { code: 413, status: 'INVALID_ARGUMENT', message: err.message } }, { status: 413 });
    throw err;
  }
  const bypass = req.headers.get('x-headroom-bypass') === '1';
  const prep = await prepare('gemini', raw, prepareOptions(state, bypass));
  // The model is in the path, not the body.
  prep.model = m[1]!;
  const { entry: e, onUsage } = recordPrepared(state, 'gemini', prep, bypass);
  const trace = traceRequest(state.traces, state.ledger, { api: 'gemini', provider: 'gemini', route: c.req.path, bypass, budgetMs: cfg.budgetMs, minChars: cfg.minChars, prep, sink: state.sink });
  bindTimeouts(req.signal, cfg.upstreamTimeouts);
  // A client that goes away is counted apart from the upstream's failures (issue 14).
  const upstreamFailed = failureCounter(req.signal, e);
  try {
    const upstream = await callUpstream({ method: req.method, url: upstreamUrl(base, req), headers: req.headers, body: prep.body, signal: req.signal });
    trace.upstream(upstream.statusCode ?? 502);
    if ((upstream.statusCode ?? 502) >= 400) e.errors++;
    upstream.once('error', upstreamFailed);
    const body = tapUsage(upstream, (u) => {
      onUsage(u);
      trace.usage(u);
    });
    const sse = String(upstream.headers['content-type'] ?? '').includes('text/event-stream');
    // A stall mid-stream ends it with an error event in the `data: {"error": …}` shape Gemini streams use.
    return relay(upstream, req.method, sse ? endStreamOnTimeout('chat', base, body) : body);
  } catch (err) {
    upstreamFailed();
    trace.failed(err);
    return upstreamFailure('gemini', base, err);
  }
}
