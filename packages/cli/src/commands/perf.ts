import { Command } from 'commander';
import type { Bucket, LedgerSnapshot } from '@headroom/proxy/ledger';
import { DEFAULT_PORT } from '../proxy-health.js';
import { loadStats } from '../stats/source.js';
import { out } from '../ui/colors.js';
import { bar, int, pct, table } from '../ui/format.js';
import { sourceLine } from './stats.js';
import { parsePort } from './wrap.js';

export interface Breakdown {
  label: string;
  tokensBefore: number;
  tokensAfter: number;
  /** Net of the retrievals the ledger could attribute (all of them per day and per model). */
  saved: number;
  /** Blocks (per tool, content type) or requests (per model, day). */
  count: number;
}

export interface Breakdowns {
  byDay: Breakdown[];
  byTool: Breakdown[];
  byContentType: Breakdown[];
  byModel: Breakdown[];
  /** Requests in the totals but in no day: counted by a proxy version that did not record days. */
  undatedRequests: number;
}

const bySaved = (a: Breakdown, b: Breakdown) => b.saved - a.saved || a.label.localeCompare(b.label);

const fromBuckets = (b: Record<string, Bucket>): Breakdown[] =>
  Object.entries(b).map(([label, x]) => ({ label, tokensBefore: x.tokensBefore, tokensAfter: x.tokensAfter, saved: x.tokensBefore - x.tokensAfter - x.retrievalTokens, count: x.count }));

export function breakdowns(p: LedgerSnapshot | null): Breakdowns {
  if (!p) return { byDay: [], byTool: [], byContentType: [], byModel: [], undatedRequests: 0 };
  const tools = new Map<string, Breakdown>();
  for (const m of p.models) {
    for (const [name, t] of Object.entries(m.tools)) {
      const b = tools.get(name) ?? { label: name, tokensBefore: 0, tokensAfter: 0, saved: 0, count: 0 };
      b.tokensBefore += t.tokensBefore;
      b.tokensAfter += t.tokensAfter;
      b.saved += t.tokensBefore - t.tokensAfter - t.retrievalTokens;
      b.count += t.blocks;
      tools.set(name, b);
    }
  }
  const byDay = fromBuckets(p.days).sort((a, b) => a.label.localeCompare(b.label));
  return {
    byDay,
    byTool: [...tools.values()].sort(bySaved),
    byContentType: fromBuckets(p.contentTypes).sort(bySaved),
    byModel: p.models.map((m) => ({ label: `${m.provider} ${m.model}`, tokensBefore: m.tokensBefore, tokensAfter: m.tokensAfter, saved: m.tokensBefore - m.tokensAfter - m.retrievalTokens, count: m.requests })).sort(bySaved),
    undatedRequests: Math.max(0, p.totals.requests - byDay.reduce((n, d) => n + d.count, 0)),
  };
}

const NET_OF_ATTRIBUTED = 'Saved is net of retrievals: by day and model all of them; by tool and content type those whose key the proxy could still place.';

function section(title: string, unit: string, data: Breakdown[], note?: string): string[] {
  const notes = note ? [out.dim(`  ${note}`)] : [];
  if (data.length === 0) return [out.bold(title), out.dim('  nothing yet'), ...notes, ''];
  const max = Math.max(...data.map((d) => d.saved));
  return [
    out.bold(title),
    table(
      data.map((d) => [`  ${d.label}`, bar(d.saved, max), `${int(d.saved)} saved`, `${pct(d.saved, d.tokensBefore)} of ${int(d.tokensBefore)}`, out.dim(`${int(d.count)} ${d.count === 1 ? unit.replace(/s$/, '') : unit}`)]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
    ...notes,
    '',
  ];
}

export function perfCommand(): Command {
  return new Command('perf')
    .description('where the savings come from: by day, tool, content type and model, with bars')
    .option('--port <port>', 'where a running proxy would answer', parsePort, DEFAULT_PORT)
    .option('--json', 'print the breakdowns as JSON', false)
    .action(async (opts: { port: number; json: boolean }) => {
      const s = await loadStats(opts.port);
      const b = breakdowns(s.proxy);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ source: s.from, ...b }) + '\n');
        return;
      }
      const undated = b.undatedRequests > 0 ? `${int(b.undatedRequests)} earlier requests were counted before days and content types were recorded: they are in the totals only` : undefined;
      const lines = [
        out.dim(sourceLine(s)),
        '',
        ...section('By day', 'requests', b.byDay, undated),
        ...section('By tool', 'blocks', b.byTool),
        ...section('By content type', 'blocks', b.byContentType),
        ...section('By model', 'requests', b.byModel),
        out.dim(NET_OF_ATTRIBUTED),
      ];
      process.stdout.write(lines.join('\n').trimEnd() + '\n');
    });
}
