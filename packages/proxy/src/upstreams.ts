export interface Upstreams {
  openai: string;
  anthropic: string;
  gemini: string;
  /** The ChatGPT backend Codex talks to when signed in with ChatGPT (its paths start /backend-api/codex). */
  chatgpt: string;
}

export const DEFAULT_UPSTREAMS: Upstreams = {
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  chatgpt: 'https://chatgpt.com',
};

/** A misconfigured upstream: the proxy refuses to start rather than fail every request later. */
export class UpstreamConfigError extends Error {
  override name = 'UpstreamConfigError';
}

/** Flags win over environment variables, which win over the public API base URLs. */
export function resolveUpstreams(flags: Partial<Upstreams> = {}, env: NodeJS.ProcessEnv = process.env): Upstreams {
  return {
    openai: pick('OpenAI', '--openai-upstream', 'HEADROOM_OPENAI_UPSTREAM', flags.openai, env, DEFAULT_UPSTREAMS.openai),
    anthropic: pick('Anthropic', '--anthropic-upstream', 'HEADROOM_ANTHROPIC_UPSTREAM', flags.anthropic, env, DEFAULT_UPSTREAMS.anthropic),
    gemini: pick('Gemini', '--gemini-upstream', 'HEADROOM_GEMINI_UPSTREAM', flags.gemini, env, DEFAULT_UPSTREAMS.gemini),
    // Codex's own name for it is `…/backend-api/codex`; the proxy keeps request paths whole, so that tail goes.
    chatgpt: pick('ChatGPT', '--chatgpt-upstream', 'HEADROOM_CHATGPT_UPSTREAM', flags.chatgpt, env, DEFAULT_UPSTREAMS.chatgpt).replace(/\/backend-api(\/codex)?$/, ''),
  };
}

function pick(name: string, flag: string, variable: string, value: string | undefined, env: NodeJS.ProcessEnv, fallback: string): string {
  if (value !== undefined) return normalizeUpstream(value, `${name} upstream (${flag} / upstreams.${name.toLowerCase()})`);
  const fromEnv = env[variable];
  if (fromEnv) return normalizeUpstream(fromEnv, `${name} upstream (${variable})`);
  return fallback;
}

/**
 * Checks an upstream base URL and brings it to the form the proxy appends request paths to. Both the
 * API root (`https://api.openai.com`) and the SDKs' base-URL convention (`https://api.openai.com/v1`)
 * are accepted: client paths already start with `/v1`, so a trailing `/v1` is dropped rather than doubled
 * (and Gemini's `/v1beta`, for the same reason).
 * A gateway's own prefix (`https://gw.example.com/openai/v1` → `…/openai`) is kept.
 */
export function normalizeUpstream(value: string, what?: string): string {
  const shown = (what ? `${what}: ` : '') + JSON.stringify(value);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UpstreamConfigError(`${shown} is not a URL; expected an http:// or https:// base URL such as https://api.openai.com or https://api.openai.com/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UpstreamConfigError(`${shown} is not an http:// or https:// URL`);
  }
  if (!url.hostname) throw new UpstreamConfigError(`${shown} has no host name`);
  if (url.search || url.hash) {
    throw new UpstreamConfigError(`${shown} has a query or fragment; give the base URL only (request paths and queries are appended to it)`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '');
  return url.origin + path;
}

/** Anthropic-only headers: its SDKs always send `anthropic-version`; API keys go in `x-api-key`. */
function anthropicHeaders(headers: Headers): boolean {
  return headers.has('anthropic-version') || headers.has('anthropic-beta') || headers.has('x-api-key');
}

/** OpenAI-only headers, or a bearer token (what OpenAI-compatible clients authenticate with). */
function openaiHeaders(headers: Headers): boolean {
  if (headers.has('openai-organization') || headers.has('openai-project') || headers.has('openai-beta')) return true;
  return /^bearer\s/i.test(headers.get('authorization') ?? '');
}

/**
 * Which upstream a request belongs to, from its path and headers; undefined when it cannot be
 * attributed to either provider (e.g. Claude Code's start-up `HEAD /`, a browser's `/favicon.ico`):
 * such a request is answered by the proxy itself and never forwarded to a third party.
 * Anthropic is recognised by its paths and headers; OpenAI by its headers or the `/v1` API path (the
 * OpenAI shape is what most other clients speak).
 */
export function upstreamFor(path: string, headers: Headers, upstreams: Upstreams): string | undefined {
  // Codex signed in with ChatGPT: its provider's base URL is the proxy's /backend-api/codex.
  if (path.startsWith('/backend-api/')) return upstreams.chatgpt;
  // Gemini: its API paths, or its key header (the Google SDKs send the key as x-goog-api-key).
  if (path.startsWith('/v1beta/') || path.startsWith('/upload/v1beta/') || headers.has('x-goog-api-key')) return upstreams.gemini;
  if (path === '/v1/messages' || path.startsWith('/v1/messages/') || anthropicHeaders(headers)) return upstreams.anthropic;
  if (openaiHeaders(headers) || path === '/v1' || path.startsWith('/v1/')) return upstreams.openai;
  return undefined;
}
