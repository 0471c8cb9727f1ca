import { Command } from 'commander';
import type { Savings } from '@headroom/mcp';
import type { LedgerSnapshot } from '@headroom/proxy';
import { DEFAULT_PORT } from '../proxy-health.js';
import { loadStats, type StatsSource } from '../stats/source.js';
import { out } from '../ui/colors.js';
import { int, pct, table } from '../ui/format.js';
import { parsePort } from './wrap.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description("tokens saved: the proxy's ledger (live from a running proxy, else its file) and the MCP tools")
    .option('--port <port>', 'where a running proxy would answer', parsePort, DEFAULT_PORT)
    .option('--json', 'print the figures as JSON', false)
    .action(async (opts: { port: number; json: boolean }) => {
      const s = await loadStats(opts.port);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ source: s.from, proxy: s.proxy, mcp: s.mcp }) + '\n');
        return;
      }
      process.stdout.write(render(s) + '\n');
    });
}

export function sourceLine(s: StatsSource): string {
  if (s.from.kind === 'live') return `live from the proxy at ${s.from.url}`;
  if (s.from.kind === 'file') return `from ${s.from.path} (no proxy answering)`;
  return `no proxy ledger yet (${s.from.path}): run \`headroom proxy\` or \`headroom wrap <agent>\``;
}

function proxyRows(p: LedgerSnapshot): string[][] {
  const t = p.totals;
  return [
    ['requests', `${int(t.requests)}  (${int(t.compressed)} compressed, ${int(t.bypasses)} bypassed, ${int(t.failOpen)} sent uncompressed after a failure or overrun, ${int(t.errors)} upstream errors, ${int(t.clientAborts)} client aborts)`],
    ['tool output', `${int(t.tokensBefore)} → ${int(t.tokensAfter)} tokens`],
    ['retrievals', `${int(t.retrievals)}  (${int(t.retrievalTokens)} tokens put back)`],
    ['net saved', out.bold(`${int(t.netSavedTokens)} tokens`) + `  (${pct(t.netSavedTokens, t.tokensBefore)} of tool output, net of retrievals)`],
    ['upstream usage', `input ${int(t.inputTokens)} · output ${int(t.outputTokens)} · cache read ${int(t.cacheReadTokens)} · cache write ${int(t.cacheWriteTokens)}`],
    ['compression time', `${int(t.compressionMs)} ms${t.compressed > 0 ? `  (${(t.compressionMs / t.compressed).toFixed(1)} ms per compressed request)` : ''}`],
  ];
}

function mcpRows(m: Savings): string[][] {
  return [
    ['compressions', `${int(m.compressions)}  (${int(m.tokensBefore)} → ${int(m.tokensAfter)} tokens)`],
    ['retrievals', `${int(m.retrievals)}  (${int(m.retrievedTokens)} tokens put back)`],
    ['net saved', out.bold(`${int(m.netSavedTokens)} tokens`) + `  (${pct(m.netSavedTokens, m.tokensBefore)})`],
  ];
}

function render(s: StatsSource): string {
  const lines = [out.bold('Proxy') + out.dim(`  ${sourceLine(s)}${s.proxy ? `, since ${s.proxy.since}` : ''}`)];
  if (s.proxy) lines.push(table(proxyRows(s.proxy).map(([a, b]) => [`  ${a}`, b!])));
  lines.push('', out.bold('MCP tools') + out.dim('  lifetime'));
  lines.push(table(mcpRows(s.mcp).map(([a, b]) => [`  ${a}`, b!])));
  return lines.join('\n');
}
