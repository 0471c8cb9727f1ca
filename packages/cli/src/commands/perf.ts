import { Command } from 'commander';
import type { LedgerSnapshot } from '@headroom/proxy';
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
  saved: number;
  /** Blocks (per tool) or requests (per model, day, content type). */
  count: number;
}

type Bucket = { tokensBefore: number; tokensAfter: number; retrievalTokens?: number; blocks?: number; requests?: number };

/** Optional breakdowns a ledger may carry (`days`, `contentTypes`); reported only when recorded. */
type Extended = LedgerSnapshot & { days?: Record<string, Bucket>; contentTypes?: Record<string, Bucket> };

function rows(entries: [string, Bucket][]): Breakdown[] {
  return entries
    .map(([label, b]) => ({ label, tokensBefore: b.tokensBefore, tokensAfter: b.tokensAfter, saved: b.tokensBefore - b.tokensAfter - (b.retrievalTokens ?? 0), count: b.blocks ?? b.requests ?? 0 }))
    .sort((a, b) => b.saved - a.saved || a.label.localeCompare(b.label));
}

export function breakdowns(p: LedgerSnapshot | null): { byTool: Breakdown[]; byModel: Breakdown[]; byDay: Breakdown[] | null; byContentType: Breakdown[] | null } {
  if (!p) return { byTool: [], byModel: [], byDay: null, byContentType: null };
  const tools = new Map<string, Bucket>();
  for (const m of p.models) {
    for (const [name, t] of Object.entries(m.tools)) {
      const b = tools.get(name) ?? { tokensBefore: 0, tokensAfter: 0, blocks: 0 };
      b.tokensBefore += t.tokensBefore;
      b.tokensAfter += t.tokensAfter;
      b.blocks! += t.blocks;
      tools.set(name, b);
    }
  }
  const x = p as Extended;
  return {
    byTool: rows([...tools]),
    byModel: rows(p.models.map((m) => [`${m.provider} ${m.model}`, m])),
    byDay: x.days ? rows(Object.entries(x.days)).sort((a, b) => a.label.localeCompare(b.label)) : null,
    byContentType: x.contentTypes ? rows(Object.entries(x.contentTypes)) : null,
  };
}

function section(title: string, unit: string, data: Breakdown[] | null, note?: string): string[] {
  if (data === null) return [out.bold(title), out.dim('  not recorded by this proxy version’s ledger'), ''];
  if (data.length === 0) return [out.bold(title), out.dim('  nothing yet'), ''];
  const max = Math.max(...data.map((d) => d.saved));
  return [
    out.bold(title),
    table(
      data.map((d) => [`  ${d.label}`, bar(d.saved, max), `${int(d.saved)} saved`, `${pct(d.saved, d.tokensBefore)} of ${int(d.tokensBefore)}`, out.dim(`${int(d.count)} ${unit}`)]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
    ...(note ? [out.dim(`  ${note}`)] : []),
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
      const lines = [
        out.dim(sourceLine(s)),
        '',
        ...section('By day', 'requests', b.byDay),
        ...section('By tool', 'blocks', b.byTool, 'before retrievals: the ledger does not attribute retrievals to tools (totals in `headroom stats` are net)'),
        ...section('By content type', 'blocks', b.byContentType),
        ...section('By model', 'requests', b.byModel),
      ];
      process.stdout.write(lines.join('\n').trimEnd() + '\n');
    });
}
