export { createMcpServer, serveStdio } from './server.js';
export type { McpServerOptions } from './server.js';
export { SavingsLedger, EMPTY_SAVINGS } from './savings.js';
export type { Savings } from './savings.js';
export { readProxyTotals } from './proxy-ledger.js';
export type { ProxyTotals } from './proxy-ledger.js';
