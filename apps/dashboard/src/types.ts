// The shapes the page reads from the proxy: /stats (the ledger) and /v1/requests (the trace ring).
// Mirrors packages/proxy/src/{ledger,trace}.ts; the page only reads, so extra fields are harmless.

export interface Bucket {
  count: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievalTokens: number;
}

export interface Counters {
  requests: number;
  compressed: number;
  bypasses: number;
  failOpen: number;
  errors: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  retrievalTokens: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  compressionMs: number;
}

export interface Stats {
  since: string;
  totals: Counters & { netSavedTokens: number };
  models: (Counters & { provider: string; model: string; tools: Record<string, { blocks: number; tokensBefore: number; tokensAfter: number; retrievalTokens?: number }> })[];
  days?: Record<string, Bucket>;
  contentTypes?: Record<string, Bucket>;
}

export interface TraceBlock {
  message: number;
  path: (string | number)[];
  tool?: string;
  contentType: string;
  language?: string;
  reason: string;
  transform?: string;
  skipped?: string;
  tokensBefore: number;
  tokensAfter: number;
  keys: string[];
  engineMs: number;
  originalKey?: string;
  compressed?: string;
  original?: string | null;
  originalMissing?: string;
}

export interface RequestTrace {
  id: number;
  time: string;
  provider: string;
  model: string;
  api: string;
  route: string;
  stream: boolean;
  bypass: boolean;
  failOpen?: string;
  budgetMs: number;
  compressMs: number;
  retrievalTool: boolean;
  blocks: TraceBlock[];
  tokensBefore: number;
  tokensAfter: number;
  retrievals: { round: number; key: string; tokens: number; miss?: string }[];
  rounds: number;
  retrievalTokens: number;
  netSavedTokens: number;
  status?: number;
  error?: string;
  usage: { input: number; output: number; cacheRead: number; cacheWrite: number; responses: number };
}

export interface RequestPage {
  requests: RequestTrace[];
  matching: number;
  next: number | null;
  capacity: number;
  facets: { providers: string[]; models: string[]; tools: string[]; contentTypes: string[] };
}
