import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { DEFAULT_UPSTREAMS, proxyFor, redactProxy, resolveUpstreams, type Upstreams } from '@headroom/proxy';
import type { Check } from './checks.js';

const PROXY_VARS = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'];

/** A variable as the proxy reads it: upper case first, then lower case (proxy-from-env's order). */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

/**
 * Where the proxy's upstream requests go: through which corporate proxy, or direct. The proxy reads the
 * same variables when it starts, so this is what a proxy started from this shell (or by `wrap`) does.
 */
export function networkProxy(env: NodeJS.ProcessEnv = process.env): Check {
  const set = PROXY_VARS.filter((v) => read(env, v)).map((v) => `${v}=${v === 'NO_PROXY' ? read(env, v) : redactProxy(read(env, v)!)}`);
  if (set.length === 0) return { name: 'network', status: 'ok', detail: 'upstreams are reached directly (no HTTPS_PROXY, HTTP_PROXY or ALL_PROXY set)' };
  const bad = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'].filter((v) => read(env, v) && !/^https?:\/\/[^/]/i.test(read(env, v)!));
  let upstreams: Upstreams;
  try {
    upstreams = resolveUpstreams({}, env);
  } catch {
    upstreams = DEFAULT_UPSTREAMS; // a bad HEADROOM_*_UPSTREAM is `headroom proxy`'s to report
  }
  const routes = Object.entries(upstreams).map(([name, url]) => {
    let via: string;
    try {
      const proxy = proxyFor(url);
      via = proxy ? `via ${redactProxy(proxy)}` : 'direct';
    } catch (err) {
      via = `unusable (${(err as Error).message})`;
    }
    return `${name} ${url} ${via}`;
  });
  const detail = `${set.join(', ')}; ${routes.join('; ')}`;
  if (bad.length > 0) {
    return { name: 'network', status: 'warn', detail, fix: `write ${bad.join(' and ')} as an HTTP(S) proxy URL, e.g. http://proxy.example.com:8080 (a bare host:port is read with the request's scheme; SOCKS proxies are not supported)` };
  }
  return { name: 'network', status: 'ok', detail };
}

/**
 * NODE_EXTRA_CA_CERTS (a TLS-inspecting corporate proxy's root): Node adds it to its roots at start-up and
 * only warns when it cannot read it, after which every HTTPS upstream fails its certificate check.
 */
export function extraCaCerts(env: NodeJS.ProcessEnv = process.env): Check {
  const file = env.NODE_EXTRA_CA_CERTS;
  const name = 'CA certificates';
  if (!file) return { name, status: 'ok', detail: "Node's built-in roots (NODE_EXTRA_CA_CERTS not set)" };
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    return { name, status: 'warn', detail: `NODE_EXTRA_CA_CERTS=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, fix: 'point NODE_EXTRA_CA_CERTS at a readable PEM file with your proxy\'s root certificate' };
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const subjects: string[] = [];
  let unreadable = 0;
  for (const b of blocks) {
    try {
      const cert = new X509Certificate(b);
      subjects.push(/CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? cert.subject.replace(/\n/g, ', '));
    } catch {
      unreadable++;
    }
  }
  if (subjects.length === 0) {
    return { name, status: 'warn', detail: `NODE_EXTRA_CA_CERTS=${file} holds no PEM certificate Node can load`, fix: 'export the root certificate as PEM (-----BEGIN CERTIFICATE-----) into that file' };
  }
  const skipped = unreadable > 0 ? `; ${unreadable} block(s) do not parse as certificates` : '';
  return { name, status: unreadable > 0 ? 'warn' : 'ok', detail: `NODE_EXTRA_CA_CERTS=${file}: ${subjects.length} certificate(s) (${subjects.join('; ')}) added to Node's roots when the proxy starts (restart a running proxy after changing it)${skipped}` };
}
