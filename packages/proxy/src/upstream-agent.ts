// Corporate networks: upstream requests honour HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (the
// curl conventions, upper or lower case, read by proxy-from-env), through http(s)-proxy-agent: HTTPS
// upstreams through a CONNECT tunnel (TLS end to end, so the upstream's certificate is checked against
// Node's roots plus NODE_EXTRA_CA_CERTS, which Node reads at start-up), plain HTTP ones in absolute form.
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

/** A loopback upstream (a local model server, a test double) is on this machine: never through a proxy. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The proxy a request to `url` goes through, or '' for a direct connection. */
export function proxyFor(url: URL | string): string {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (isLoopback(target.hostname)) return '';
  return getProxyForUrl(target.href);
}

/** The proxy URL as it may be shown: credentials in it are replaced by `***`. */
export function redactProxy(proxy: string): string {
  try {
    const u = new URL(proxy);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    return u.href.replace(/\/$/, '');
  } catch {
    return proxy.replace(/\/\/[^/@]*@/, '//***@');
  }
}

// One keep-alive agent per proxy and scheme: tunnels are reused like direct connections are.
const agents = new Map<string, Agent>();

/** The agent for a request to `target`, or undefined when it goes direct (Node's global agent). */
export function agentFor(target: URL): Agent | undefined {
  const proxy = proxyFor(target);
  if (!proxy) return undefined;
  const key = `${target.protocol} ${proxy}`;
  let agent = agents.get(key);
  if (!agent) {
    if (!/^https?:$/.test(new URL(proxy).protocol)) throw new Error(`the proxy ${redactProxy(proxy)} is not an HTTP(S) proxy (SOCKS is not supported)`);
    agent = target.protocol === 'https:' ? new HttpsProxyAgent(proxy, { keepAlive: true }) : new HttpProxyAgent(proxy, { keepAlive: true });
    agents.set(key, agent);
  }
  return agent;
}

/** The proxy refused the tunnel (a 407 for missing credentials, a 403 from a policy): not the upstream's answer. */
export class ProxyRefused extends Error {
  override name = 'ProxyRefused';
  constructor(proxy: string, target: string, status: number, message: string) {
    super(`the proxy ${redactProxy(proxy)} refused the tunnel to ${target}: ${status} ${message}`.trim());
  }
}

/**
 * https-proxy-agent replays a refused CONNECT's response as if the upstream had sent it; the client
 * would then take the proxy's 403 or 407 for the provider's. The request fails instead, with a reason
 * that names the proxy (and never its credentials).
 */
export function failOnRefusedTunnel(req: ClientRequest, target: URL): void {
  // Only HTTPS goes through a tunnel; http-proxy-agent's own event carries no CONNECT answer.
  if (target.protocol !== 'https:') return;
  req.once('proxyConnect', (res: Pick<IncomingMessage, 'statusCode' | 'statusMessage'>) => {
    if (res.statusCode === 200) return;
    req.destroy(new ProxyRefused(proxyFor(target), target.host, res.statusCode ?? 0, res.statusMessage ?? ''));
  });
}
