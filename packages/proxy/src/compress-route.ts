// POST /v1/compress: compress a message list without calling a model, for gateways (LiteLLM's headroom
// guardrail, Portkey, …). Wire-compatible with the incumbent's endpoint: the request is
// `{messages | input, model?, config?}`, the answer `{messages, tokens_before, tokens_after, tokens_saved,
// compression_ratio, transforms_applied, ccr_hashes}`. It runs the proxy's own request path (`prepare`:
// the same memo, sticky bytes, store and ledger), so its markers resolve everywhere the proxy's do.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { countTokens, PROFILES, type Profile } from '@headroom/core';
import { prepare, SpliceMemory, type Api, type Prepared } from '@headroom/core/conversation';
import { loopbackRefusal } from './admin.js';
import { BodyTooLarge, readBody } from './body.js';
import { prepareOptions, type ProxyState } from './state.js';

/** `config.mode` values the incumbent accepts that Headroom honours: every omission carries a key. */
const MODES = new Set(['ccr']);
/** The incumbent's key form (bare hex), which LiteLLM's guardrail accepts and sends back. */
const BARE_HASH = /^[0-9a-f]{24}$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (message: string, status = 400) => Response.json({ error: { type: 'invalid_request', message } }, { status });

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Loopback callers always; remote callers only with the configured bearer token. The comparison runs
 * on digests of equal length, so its time does not depend on how much of the token matched. Neither the
 * token nor the caller's header is ever logged or echoed.
 */
export function compressAccess(c: Context, token: string | undefined): Response | undefined {
  const auth = c.req.header('authorization');
  if (token && auth !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m && timingSafeEqual(digest(m[1]!), digest(token))) return undefined;
    return Response.json({ error: { type: 'authentication_error', message: 'the bearer token does not match the proxy\'s compress token (--compress-token / HEADROOM_COMPRESS_TOKEN)' } }, { status: 401 });
  }
  const refused = loopbackRefusal(c);
  if (!refused) return undefined;
  const hint = token ? 'send "Authorization: Bearer <token>" with the proxy\'s compress token' : 'start the proxy with --compress-token (or HEADROOM_COMPRESS_TOKEN) and send it as a bearer token';
  return Response.json({ error: { type: 'headroom_forbidden', message: `/v1/compress answers loopback clients only; to call it from elsewhere, ${hint}` } }, { status: 403 });
}

/** Validated `config`: what Headroom honours of the incumbent's options (others are accepted and ignored). */
interface CompressConfig {
  frozen: number;
  profile: Profile | undefined;
}

function readConfig(config: unknown): CompressConfig | string {
  if (config === undefined || config === null) return { frozen: 0, profile: undefined };
  if (!isObj(config)) return 'config must be an object';
  if (config.mode !== undefined && config.mode !== null && !MODES.has(config.mode as string)) {
    return `Invalid config.mode: ${JSON.stringify(config.mode)}. Headroom always marks what it omits with a retrievable key, which is mode "ccr"; omit config.mode or send "ccr".`;
  }
  const frozen = config.frozen_message_count;
  if (frozen !== undefined && frozen !== null && !(typeof frozen === 'number' && Number.isInteger(frozen) && frozen >= 0)) {
    return `Invalid config.frozen_message_count: ${JSON.stringify(frozen)}. Expected a non-negative integer.`;
  }
  const profile = config.profile;
  if (profile !== undefined && !PROFILES.includes(profile as Profile)) return `Invalid config.profile: ${JSON.stringify(profile)}. Expected "safe", "balanced" or "aggressive".`;
  return { frozen: typeof frozen === 'number' ? frozen : 0, profile: profile as Profile | undefined };
}

/** Which request path shape the list is: tool results are found per message, so this only names the field. */
function apiOf(body: Record<string, unknown>, list: unknown[]): Api {
  if (!('messages' in body)) return 'responses';
  const anthropic = list.some((m) => isObj(m) && Array.isArray(m.content) && m.content.some((b) => isObj(b) && (b.type === 'tool_result' || b.type === 'tool_use')));
  return anthropic ? 'anthropic' : 'chat';
}

const tokensOf = (list: unknown[], model: string | undefined) => countTokens(JSON.stringify(list), model).tokens;

export function mountCompress(app: Hono, state: ProxyState): void {
  // The endpoint hides no retrieval exchanges, so it never has any to put back.
  const memory = new SpliceMemory();
  app.post('/v1/compress', async (c) => {
    const refused = compressAccess(c, state.config.compressToken);
    if (refused) return refused;
    let raw: Uint8Array;
    try {
      raw = await readBody(c.req.raw, state.config.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) return Response.json({ error: { type: 'headroom_request_too_large', message: err.message } }, { status: 413 });
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
    } catch {
      return invalid('Invalid JSON in request body.');
    }
    if (!isObj(body)) return invalid('The request body must be a JSON object: {"messages": [...], "model": "...", "config": {...}}.');
    const field = 'messages' in body ? 'messages' : 'input' in body ? 'input' : undefined;
    if (!field) return invalid('Missing required field: messages or input');
    const list = body[field];
    if (!Array.isArray(list)) return invalid(`${field} must be a list of messages (OpenAI Chat, Anthropic Messages or Responses input items)`);
    const bad = list.findIndex((m) => !isObj(m));
    if (bad >= 0) return invalid(`${field}[${bad}] is not an object`);
    if (body.model !== undefined && typeof body.model !== 'string') return invalid('model must be a string');
    const model = body.model as string | undefined;
    const config = readConfig(body.config);
    if (typeof config === 'string') return invalid(config);

    const bypass = ['1', 'true'].includes((c.req.header('x-headroom-bypass') ?? '').toLowerCase());
    const e = state.ledger.entry('compress', model);
    e.requests++;
    if (bypass) {
      e.bypasses++;
      return Response.json(answer(list, 0, 0, [], []));
    }
    const api = apiOf(body, list);
    // The answer carries the counts: nothing to send before them.
    const prep: Prepared = await prepare(api, raw, { ...prepareOptions(state, false), profile: config.profile ?? state.config.profile, memory, deferCounts: false });
    let out = prep.changed ? ((prep.json?.[field] as unknown[] | undefined) ?? list) : list;
    // A prefix the caller says the provider has cached comes back as sent.
    if (config.frozen > 0 && out !== list) out = out.map((m, i) => (i < config.frozen ? list[i] : m));
    const blocks = prep.blocks.filter((b) => b.message >= config.frozen && b.tokensAfter < b.tokensBefore);
    if (prep.failOpen) e.failOpen++;
    if (blocks.length > 0) e.compressed++;
    e.compressionMs += prep.compressMs;
    for (const b of blocks) {
      e.tokensBefore += b.tokensBefore;
      e.tokensAfter += b.tokensAfter;
      state.ledger.tool(e, b.tool ?? 'unknown', b.tokensBefore, b.tokensAfter);
    }
    const before = tokensOf(list, model);
    const after = out === list ? before : tokensOf(out, model);
    const transforms = [...new Set(blocks.flatMap((b) => (b.transform ? [b.transform] : [])))];
    const keys = [...new Set(blocks.flatMap((b) => b.keys))];
    const payload = answer(out, before, after, transforms, keys);
    if (prep.failOpen) Object.assign(payload, { compression_skipped: true, skip_reason: prep.failOpen });
    return Response.json(payload);
  });

  // The incumbent's retrieval form, which gateways call with a bare hash from `ccr_hashes`: the same
  // store and the same access rule as /v1/compress, the incumbent's JSON answer.
  app.get('/v1/retrieve/:hash', async (c, next) => {
    const hash = c.req.param('hash');
    if (!BARE_HASH.test(hash)) return next(); // an hr_ key: the loopback endpoint's (admin.ts)
    const refused = compressAccess(c, state.config.compressToken);
    if (refused) return refused;
    if (!state.store) return Response.json({ error: { type: 'headroom_store_unavailable', message: state.storeError ?? 'store not open' } }, { status: 503 });
    const r = await state.store.get(`hr_${hash}`);
    if (!r.found) return Response.json({ error: { type: 'headroom_not_found', message: r.message } }, { status: 404 });
    const e = state.ledger.entry('http', 'retrieve');
    e.retrievals++;
    const tokens = countTokens(r.content).tokens;
    e.retrievalTokens += tokens;
    return Response.json({ hash, key: `hr_${hash}`, original_content: r.content, original_tokens: tokens });
  });
}

function answer(messages: unknown[], before: number, after: number, transforms: string[], keys: string[]): Record<string, unknown> {
  return {
    messages,
    tokens_before: before,
    tokens_after: after,
    tokens_saved: before - after,
    compression_ratio: before > 0 ? after / before : 1,
    transforms_applied: transforms,
    // Bare hex, the incumbent's form (gateways match it as such); `ccr_keys` are the same keys as markers name them.
    ccr_hashes: keys.map((k) => k.slice(3)),
    ccr_keys: keys,
  };
}
