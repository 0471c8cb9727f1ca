// The three compressing routes: prepare the request (compress, restore, add the retrieve tool), send
// it, and hand the response to the retrieval loop when the retrieve tool is on the request.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { countTokens } from '@headroom/core';
import { issuedKeysOf, prepare, runRetrieval, type Prepared, unknownKeyAnswer, type Api, type RetrievalContext, type Usage } from '@headroom/core/conversation';
import { recordPrepared } from './account.js';
import { BodyTooLarge, readBody } from './body.js';
import { bindTimeouts, callUpstream, relay, upstreamUrl } from './forward.js';
import { prepareOptions, type ProxyState } from './state.js';
import { traceRequest } from './trace.js';
import { tapUsage } from './tap.js';
import { dialectOf, endStreamOnTimeout, failureCounter, upstreamFailure } from './upstream-failure.js';

export async function handleApi(c: Context, api: Api, state: ProxyState): Promise<Response> {
  const req = c.req.raw;
  const cfg = state.config;
  const provider = api === 'anthropic' ? 'anthropic' : 'openai';
  const base = api === 'anthropic' ? cfg.upstreams.anthropic : c.req.path.startsWith('/backend-api/') ? cfg.upstreams.chatgpt : cfg.upstreams.openai;
  let raw: Uint8Array;
  try {
    raw = await readBody(req, cfg.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) return Response.json({ error: { type: 'headroom_request_too_large', message: err.message } }, { status: 413 });
    throw err;
  }
  const bypass = req.headers.get('x-headroom-bypass') === '1';
  // prepare() fails open itself; this is the last line of defence for anything it did not catch.
  const prep = await prepare(api, raw, prepareOptions(state, bypass)).catch(
    (err: unknown): Prepared => ({
      body: raw,
      changed: false,
      retrieval: false,
      stream: false,
      blocks: [],
      tokensBefore: 0,
      tokensAfter: 0,
      compressMs: 0,
      failOpen: `request preparation failed: ${err instanceof Error ? err.message : String(err)}`,
    }),
  );
  const { entry: e, onUsage: book } = recordPrepared(state, provider, prep, bypass);
  const trace = traceRequest(state.traces, state.ledger, { api, provider, route: c.req.path, bypass, budgetMs: cfg.budgetMs, minChars: cfg.minChars, prep, sink: state.sink });
  const onUsage = (u: Usage) => {
    trace.usage(u);
    book(u);
  };

  // A client that goes away is counted apart from the upstream's failures (issue 14).
  const upstreamFailed = failureCounter(req.signal, e);
  const url = upstreamUrl(base, req);
  // The first call and the retrieval loop's continuations (sent with the same signal) share the limits.
  bindTimeouts(req.signal, cfg.upstreamTimeouts);
  let upstream: IncomingMessage;
  try {
    upstream = await callUpstream({ method: req.method, url, headers: req.headers, body: prep.body, signal: req.signal, identity: prep.retrieval });
  } catch (err) {
    upstreamFailed();
    trace.failed(err);
    return upstreamFailure(dialectOf(api), base, err);
  }
  const status = upstream.statusCode ?? 502;
  trace.upstream(status);
  if (status >= 400) e.errors++;
  upstream.once('error', upstreamFailed);
  const encoding = upstream.headers['content-encoding'];
  // An upstream that encodes the body despite `accept-encoding: identity` cannot be read: relay it as is.
  const readable = encoding === undefined || encoding === 'identity';
  const type = String(upstream.headers['content-type'] ?? '');
  const sse = type.includes('text/event-stream') && readable;
  if (!prep.retrieval || status !== 200 || !prep.json || !readable) {
    const body = tapUsage(upstream, onUsage);
    return relay(upstream, req.method, sse ? endStreamOnTimeout(api, base, body) : body);
  }

  // Read from the request only when the model asks for an original: most answers ask for none, and
  // reading them costs a parse and two serializations of the whole request before the first byte.
  let issued: Set<string> | undefined;
  const ctx: RetrievalContext = {
    api,
    body: prep.json,
    maxRounds: cfg.maxRetrieveRounds,
    memory: state.memory,
    onUsage,
    // Continuations carry the client's headers and signal (so its time limits and disconnects apply).
    send: async (body) => {
      trace.round();
      return relay(await callUpstream({ method: 'POST', url, headers: req.headers, body: Buffer.from(JSON.stringify(body)), signal: req.signal, identity: true }), 'POST');
    },
    answer: async (asked) => {
      const key = asked.trim();
      e.retrievals++;
      // Only keys this proxy issued into this request's history: the store is shared by every
      // conversation, and a quoted or pasted key must not fetch another conversation's original.
      issued ??= issuedKeysOf(prep, raw);
      if (!issued.has(key)) return trace.missed(key, unknownKeyAnswer(key));
      const r = state.store ? await state.store.get(key) : { found: false as const, message: state.storeError ?? 'store not open' };
      if (!r.found) return trace.missed(key, `[headroom] ${r.message}`);
      // Savings are net of what the model asked to have back.
      const tokens = countTokens(r.content, prep.model).tokens;
      e.retrievalTokens += tokens;
      trace.retrieved(key, tokens);
      return r.content;
    },
  };
  try {
    const res = await runRetrieval(ctx, relay(upstream, req.method));
    if (!sse || !res.body) return res;
    return new Response(endStreamOnTimeout(api, base, res.body), { status: res.status, statusText: res.statusText, headers: res.headers });
  } catch (err) {
    upstreamFailed();
    trace.failed(err);
    return upstreamFailure(dialectOf(api), base, err);
  }
}
