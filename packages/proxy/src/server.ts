import type { AddressInfo } from 'node:net';
import { serve, type Http2Bindings, type HttpBindings, type ServerType } from '@hono/node-server';
import { countTokens } from '@headroom/core';
import { createProxyApp } from './app.js';
import { resolveConfig, type ProxyConfig, type ProxyOptions } from './config.js';
import type { LedgerSnapshot } from './ledger.js';
import { openState } from './state.js';
import { cutOnBodyError } from './upstream-failure.js';
import { upstreamFor, type Upstreams } from './upstreams.js';

export interface RunningProxy {
  url: string;
  port: number;
  upstreams: Upstreams;
  config: ProxyConfig;
  /** The savings ledger as /stats reports it (once the counts of the requests answered so far are in). */
  stats(): Promise<LedgerSnapshot>;
  /** Stops listening, writes the ledger and closes the store. */
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const config = resolveConfig(options);
  // The o200k_base tables (GPT-4o/5, o-series, the Claude estimate) load on first use, ~0.2 s: pay
  // that at start rather than in the first agent request.
  countTokens('headroom', 'gpt-4o');
  const state = await openState(config);
  const app = createProxyApp(state);
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      void state.store?.close();
      reject(err);
    };
    // Responses bound for an upstream: a body that breaks off mid-way is logged with its request.
    const fetch = async (req: Request, env: HttpBindings | Http2Bindings) => {
      const res = await app.fetch(req, env);
      const path = new URL(req.url).pathname;
      const base = upstreamFor(path, req.headers, config.upstreams);
      return base ? cutOnBodyError(res, env.outgoing, `${req.method} ${path} → ${base}`) : res;
    };
    const server: ServerType = serve({ fetch, hostname: config.host, port: config.port }, (info: AddressInfo) => {
      server.off('error', onError);
      const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        port: info.port,
        upstreams: config.upstreams,
        config,
        stats: async () => {
          await state.counting.settled();
          return state.ledger.snapshot();
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              void state.counting
                .settled()
                .then(() => state.ledger.save())
                .then(() => state.store?.close())
                .finally(done);
            });
            // Idle keep-alive sockets would otherwise hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
