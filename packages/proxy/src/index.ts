export { createProxyApp } from './app.js';
export { startProxy } from './server.js';
export type { ProxyOptions, RunningProxy } from './server.js';
export { resolveUpstreams, DEFAULT_UPSTREAMS } from './upstreams.js';
export type { Upstreams } from './upstreams.js';
