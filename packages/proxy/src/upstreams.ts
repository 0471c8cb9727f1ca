export interface Upstreams {
  openai: string;
  anthropic: string;
}

export const DEFAULT_UPSTREAMS: Upstreams = {
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
};

/** Flags win over environment variables, which win over the public API base URLs. */
export function resolveUpstreams(flags: Partial<Upstreams> = {}, env: NodeJS.ProcessEnv = process.env): Upstreams {
  return {
    openai: stripSlash(flags.openai ?? env.HEADROOM_OPENAI_UPSTREAM ?? DEFAULT_UPSTREAMS.openai),
    anthropic: stripSlash(flags.anthropic ?? env.HEADROOM_ANTHROPIC_UPSTREAM ?? DEFAULT_UPSTREAMS.anthropic),
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Anthropic's API is recognised by its paths and headers; everything else goes to the OpenAI upstream
 * (the OpenAI shape is what most other clients speak).
 */
export function upstreamFor(path: string, headers: Headers, upstreams: Upstreams): string {
  if (path.startsWith('/v1/messages') || headers.has('anthropic-version') || headers.has('x-api-key')) {
    return upstreams.anthropic;
  }
  return upstreams.openai;
}
