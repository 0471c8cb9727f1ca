import { isHealthyProxy } from '../proxy-health.js';

/**
 * The user may already point their agent at a non-default provider URL (a gateway, OpenRouter, a local
 * model server). Wrapping replaces that variable with the proxy, so the proxy must forward to what it
 * replaced, or requests would silently go to api.openai.com / api.anthropic.com instead.
 *
 * The proxy appends the request path (`/v1/...`) to its upstream, so an OpenAI-style base URL ending in
 * `/v1` maps to the upstream without it. Explicit HEADROOM_*_UPSTREAM settings win.
 */
export interface UpstreamPlan {
  env: Record<string, string>;
  warnings: string[];
}

/** A headroom proxy itself (e.g. left in the environment by an outer wrap) is never an upstream. */
async function isHeadroomProxy(url: string): Promise<boolean> {
  if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url)) return false;
  return isHealthyProxy(new URL(url).origin, 800);
}

export async function upstreamsFromUserEnv(env: NodeJS.ProcessEnv): Promise<UpstreamPlan> {
  const out: Record<string, string> = {};
  const warnings: string[] = [];
  const openai = env.OPENAI_BASE_URL || env.OPENAI_API_BASE;
  if (openai && !env.HEADROOM_OPENAI_UPSTREAM && !env.HEADROOM_WRAPPED && !(await isHeadroomProxy(openai))) {
    const trimmed = openai.replace(/\/+$/, '');
    if (/\/v1$/.test(trimmed)) out.HEADROOM_OPENAI_UPSTREAM = trimmed.slice(0, -'/v1'.length);
    else warnings.push(`your OpenAI base URL ${openai} does not end in /v1, so headroom cannot forward to it; set HEADROOM_OPENAI_UPSTREAM to the URL that /v1/... requests should go to`);
  }
  const anthropic = env.ANTHROPIC_BASE_URL;
  if (anthropic && !env.HEADROOM_ANTHROPIC_UPSTREAM && !env.HEADROOM_WRAPPED && !(await isHeadroomProxy(anthropic))) {
    out.HEADROOM_ANTHROPIC_UPSTREAM = anthropic.replace(/\/+$/, '');
  }
  const gemini = env.GOOGLE_GEMINI_BASE_URL;
  if (gemini && !env.HEADROOM_GEMINI_UPSTREAM && !env.HEADROOM_WRAPPED && !(await isHeadroomProxy(gemini))) {
    out.HEADROOM_GEMINI_UPSTREAM = gemini.replace(/\/+$/, '');
  }
  return { env: out, warnings };
}
