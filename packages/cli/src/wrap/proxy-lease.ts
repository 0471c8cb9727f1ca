import { startProxy } from '@headroom/proxy';
import { isHealthyProxy, localProxyUrl } from '../proxy-health.js';

export interface ProxyLease {
  url: string;
  /** True when a healthy proxy was already listening on the port and we use it as it is. */
  reused: boolean;
  /** Stops the proxy if we started it; a reused one keeps running. */
  release(): Promise<void>;
}

/**
 * A proxy for one wrapped session: the healthy one already on `port`, or a new one in this process.
 * Port 0 always starts a new proxy on a free port.
 */
export async function acquireProxy(port: number): Promise<ProxyLease> {
  if (port !== 0 && (await isHealthyProxy(localProxyUrl(port)))) {
    return { url: localProxyUrl(port), reused: true, release: async () => {} };
  }
  try {
    const proxy = await startProxy({ host: '127.0.0.1', port });
    return { url: proxy.url, reused: false, release: () => proxy.close() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} is in use by something that is not a healthy headroom proxy (no ok from /livez); pick another with --port`);
    }
    throw err;
  }
}
