// /metrics: the ledger in Prometheus text exposition format (version 0.0.4).
import { netSaved, type Counters, type LedgerSnapshot } from './ledger.js';

const COUNTERS: [keyof Counters, string, string][] = [
  ['requests', 'headroom_requests_total', 'API requests seen'],
  ['compressed', 'headroom_compressed_requests_total', 'requests sent with compressed tool results'],
  ['bypasses', 'headroom_bypasses_total', 'requests with x-headroom-bypass'],
  ['failOpen', 'headroom_fail_open_total', 'requests sent uncompressed after a compression error or budget overrun'],
  ['errors', 'headroom_upstream_errors_total', 'upstream error statuses, resets and unreachable upstreams'],
  ['clientAborts', 'headroom_client_aborts_total', 'requests whose client disconnected before the answer was complete'],
  ['tokensBefore', 'headroom_tokens_before_total', 'tool-result tokens before compression'],
  ['tokensAfter', 'headroom_tokens_after_total', 'tool-result tokens after compression'],
  ['retrievals', 'headroom_retrievals_total', 'headroom_retrieve calls answered'],
  ['retrievalTokens', 'headroom_retrieval_tokens_total', 'tokens re-injected by retrievals'],
  ['inputTokens', 'headroom_upstream_input_tokens_total', 'input tokens reported by the upstream'],
  ['outputTokens', 'headroom_upstream_output_tokens_total', 'output tokens reported by the upstream'],
  ['cacheReadTokens', 'headroom_upstream_cache_read_tokens_total', 'prompt-cache read tokens reported by the upstream'],
  ['cacheWriteTokens', 'headroom_upstream_cache_write_tokens_total', 'prompt-cache write tokens reported by the upstream'],
  ['compressionMs', 'headroom_compression_milliseconds_total', 'time spent compressing'],
];

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderMetrics(s: LedgerSnapshot): string {
  const lines: string[] = [];
  for (const [key, name, help] of COUNTERS) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const m of s.models) lines.push(`${name}{provider="${label(m.provider)}",model="${label(m.model)}"} ${m[key]}`);
  }
  lines.push('# HELP headroom_net_saved_tokens tool-result tokens saved, net of retrievals', '# TYPE headroom_net_saved_tokens gauge');
  for (const m of s.models) lines.push(`headroom_net_saved_tokens{provider="${label(m.provider)}",model="${label(m.model)}"} ${netSaved(m)}`);
  lines.push('# HELP headroom_tool_tokens_total tool-result tokens per tool, before and after compression', '# TYPE headroom_tool_tokens_total counter');
  for (const m of s.models) {
    for (const [tool, t] of Object.entries(m.tools)) {
      const l = `provider="${label(m.provider)}",model="${label(m.model)}",tool="${label(tool)}"`;
      lines.push(`headroom_tool_tokens_total{${l},stage="before"} ${t.tokensBefore}`, `headroom_tool_tokens_total{${l},stage="after"} ${t.tokensAfter}`);
    }
  }
  return lines.join('\n') + '\n';
}
