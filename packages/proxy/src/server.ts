import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createProxyApp } from './app.js';
import { resolveUpstreams, type Upstreams } from './upstreams.js';

export interface ProxyOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 8787 */
  port?: number;
  upstreams?: Partial<Upstreams>;
}

export interface RunningProxy {
  url: string;
  port: number;
  upstreams: Upstreams;
  close(): Promise<void>;
}

export function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const host = options.host ?? '127.0.0.1';
  const upstreams = resolveUpstreams(options.upstreams);
  const app = createProxyApp(upstreams);
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    const server: ServerType = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 }, (info: AddressInfo) => {
      server.off('error', onError);
      const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        port: info.port,
        upstreams,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive sockets would otherwise hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
