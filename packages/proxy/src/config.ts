import { DEFAULT_BUDGET_MS, headroomHome, type Profile } from '@headroom/core';
import { DEFAULT_UPSTREAM_TIMEOUTS, type UpstreamTimeouts } from './forward.js';
import { resolveUpstreams, type Upstreams } from './upstreams.js';

/** The proxy's defaults, in one place: `headroom proxy`, `headroom wrap` and `startProxy` read them from here. */
export const PROXY_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  budgetMs: DEFAULT_BUDGET_MS,
  maxBodyBytes: 32 * 1024 * 1024,
  profile: 'balanced' as Profile,
  maxRetrieveRounds: 3,
} as const;

export interface ProxyOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 8787 */
  port?: number;
  upstreams?: Partial<Upstreams>;
  /** Compression time budget per request; on overrun the original request is sent. @default 2000 */
  budgetMs?: number;
  /** Larger request bodies get a 413. @default 33554432 (32 MiB) */
  maxBodyBytes?: number;
  /** @default 'balanced' */
  profile?: Profile;
  /** Upstream calls the proxy makes itself to answer `headroom_retrieve`, per client request. @default 3 */
  maxRetrieveRounds?: number;
  /** Headroom's data directory (store, ledger). @default env HEADROOM_HOME, else ~/.headroom */
  home?: string;
  /** Tool results shorter than this pass through. @default core's default (2000 characters) */
  minChars?: number;
  /** Upstream connection (DNS, TCP, TLS) time limit; 0 = none. @default 10000 */
  upstreamConnectTimeoutMs?: number;
  /** Time limit for the upstream's response head after the request is sent; 0 = none. @default 300000 */
  upstreamFirstByteTimeoutMs?: number;
  /** Time limit between two chunks of an upstream response body; 0 = none. @default 120000 */
  upstreamIdleTimeoutMs?: number;
  /**
   * Bearer token that lets non-loopback callers use POST /v1/compress (compared in constant time, never
   * logged). @default env HEADROOM_COMPRESS_TOKEN, else none: loopback callers only
   */
  compressToken?: string;
}

export interface ProxyConfig {
  host: string;
  port: number;
  upstreams: Upstreams;
  budgetMs: number;
  maxBodyBytes: number;
  profile: Profile;
  maxRetrieveRounds: number;
  home: string;
  minChars?: number;
  upstreamTimeouts: UpstreamTimeouts;
  compressToken?: string;
}

export function resolveConfig(o: ProxyOptions = {}, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  return {
    host: o.host ?? PROXY_DEFAULTS.host,
    port: o.port ?? PROXY_DEFAULTS.port,
    upstreams: resolveUpstreams(o.upstreams, env),
    budgetMs: o.budgetMs ?? PROXY_DEFAULTS.budgetMs,
    maxBodyBytes: o.maxBodyBytes ?? PROXY_DEFAULTS.maxBodyBytes,
    profile: o.profile ?? PROXY_DEFAULTS.profile,
    maxRetrieveRounds: o.maxRetrieveRounds ?? PROXY_DEFAULTS.maxRetrieveRounds,
    home: o.home ?? headroomHome(env),
    upstreamTimeouts: {
      connectMs: o.upstreamConnectTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUTS.connectMs,
      firstByteMs: o.upstreamFirstByteTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUTS.firstByteMs,
      idleMs: o.upstreamIdleTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUTS.idleMs,
    },
    ...(o.minChars !== undefined ? { minChars: o.minChars } : {}),
    ...((o.compressToken ?? env.HEADROOM_COMPRESS_TOKEN) ? { compressToken: o.compressToken ?? env.HEADROOM_COMPRESS_TOKEN } : {}),
  };
}
