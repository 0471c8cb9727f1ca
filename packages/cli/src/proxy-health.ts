import { PROXY_DEFAULTS } from '@headroom/proxy';
/** Whether a healthy headroom proxy answers `GET /livez` at `url` (within `timeoutMs`). */
export async function isHealthyProxy(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url}/livez`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: string };
    return body.status === 'ok';
  } catch {
    return false;
  }
}

/**
 * The upstreams a headroom proxy at `url` forwards to (`openai`, `anthropic`, … → base URL), as its
 * `/readyz` reports them; undefined when it does not say (a proxy from before it did) or cannot be asked.
 */
export async function proxyUpstreams(url: string, timeoutMs = 1500): Promise<Record<string, string> | undefined> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
    const u = ((await res.json()) as { upstreams?: unknown }).upstreams;
    if (typeof u !== 'object' || u === null) return undefined;
    const out = Object.fromEntries(Object.entries(u).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return Object.keys(out).length > 0 ? out : undefined;
  } catch {
    return undefined;
  }
}

export function localProxyUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Where `wrap`, `doctor`, `stats` and `inspect` look for the proxy unless told: the proxy's own default. */
export const DEFAULT_PORT = PROXY_DEFAULTS.port;
