/**
 * The agent reaches the headroom proxy on loopback. A corporate HTTP(S)_PROXY in its environment would
 * send that traffic to the corporate proxy, which cannot reach this machine's loopback: loopback joins
 * NO_PROXY (both spellings, as tools read either), the user's own entries kept.
 */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

export function withLoopbackNoProxy(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!PROXY_VARS.some((k) => env[k])) return env;
  const current = env.NO_PROXY || env.no_proxy || '';
  const entries = current.split(/[,\s]+/).filter(Boolean);
  if (entries.includes('*')) return env;
  const merged = [...entries, ...LOOPBACK.filter((h) => !entries.includes(h))].join(',');
  return { ...env, NO_PROXY: merged, no_proxy: merged };
}
