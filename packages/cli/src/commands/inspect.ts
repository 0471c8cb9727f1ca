import { Command, InvalidArgumentError } from 'commander';
import type { RequestTrace, TraceBlock } from '@headroom/proxy';
import { DEFAULT_PORT, isHealthyProxy, localProxyUrl } from '../proxy-health.js';
import { out } from '../ui/colors.js';
import { int, pct, table } from '../ui/format.js';
import { pairLines, renderSideBySide } from '../ui/side-by-side.js';
import { parsePort } from './wrap.js';

type ViewedBlock = TraceBlock & { compressed: string; original: string | null; originalMissing?: string };
type Viewed = Omit<RequestTrace, 'blocks'> & { blocks: ViewedBlock[] };

interface Filters {
  provider?: string;
  model?: string;
  tool?: string;
  contentType?: string;
  outcome?: string;
}

/** Option → query parameter of GET /v1/requests (the proxy checks the values). */
const FILTERS: [keyof Filters, string][] = [
  ['provider', 'provider'],
  ['model', 'model'],
  ['tool', 'tool'],
  ['contentType', 'contentType'],
  ['outcome', 'outcome'],
];

function positive(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return Number(v);
  };
}

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `${url}: HTTP ${res.status}`);
  return body;
}

function outcome(t: RequestTrace): string {
  if (t.error) return out.red(`upstream failed: ${t.error}`);
  if (t.status !== undefined && t.status >= 400) return out.red(`upstream ${t.status}`);
  if (t.failOpen) return out.yellow('fail-open');
  if (t.bypass) return 'bypassed';
  return t.tokensAfter < t.tokensBefore ? out.green('compressed') : t.blocks.length ? 'sent as is' : 'nothing to compress';
}

function listView(traces: RequestTrace[]): string {
  if (traces.length === 0) return out.dim('no request in the trace yet: point an agent at the proxy');
  return table(
    [
      ['id', 'time', 'model', 'route', 'outcome', 'blocks', 'tool tokens', 'net saved', 'retrievals'].map((h) => out.dim(h)),
      ...traces.map((t) => [
        String(t.id),
        new Date(t.time).toLocaleTimeString(),
        `${t.provider} ${t.model}`,
        `${t.route}${t.stream ? ' (stream)' : ''}`,
        outcome(t),
        String(t.blocks.length),
        `${int(t.tokensBefore)} → ${int(t.tokensAfter)}`,
        `${int(t.netSavedTokens)} (${pct(t.netSavedTokens, t.tokensBefore)})`,
        String(t.retrievals.length),
      ]),
    ],
    ['r', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'r'],
  );
}

function requestView(t: Viewed, blockNo: number | undefined, lines: number): string {
  const u = t.usage;
  const facts = [
    ['time', new Date(t.time).toLocaleString()],
    ['provider · model', `${t.provider} · ${t.model}`],
    ['route', `${t.route} (${t.api}${t.stream ? ', streamed' : ''})`],
    ['upstream', t.error ? `failed: ${t.error}` : t.status !== undefined ? `HTTP ${t.status}` : 'waiting'],
    ['compression', t.bypass ? 'bypassed (x-headroom-bypass)' : t.failOpen ? `fail-open: ${t.failOpen}` : `${t.compressMs.toFixed(1)} ms of the ${int(t.budgetMs)} ms budget`],
    ['tool output', `${int(t.tokensBefore)} → ${int(t.tokensAfter)} tokens`],
    ['retrievals', t.retrievals.length ? `${t.rounds} round(s) · ${t.retrievals.map((r) => `round ${r.round}: ${r.key} (${r.miss ?? `${int(r.tokens)} tokens put back`})`).join(', ')}` : t.retrievalTool ? 'none (retrieve tool offered)' : 'none'],
    ['net saved', out.bold(`${int(t.netSavedTokens)} tokens`) + ` (${pct(t.netSavedTokens, t.tokensBefore)}, after retrievals)`],
    ['upstream usage', `input ${int(u.input)} · output ${int(u.output)} · cache read ${int(u.cacheRead)} · cache write ${int(u.cacheWrite)} · ${u.responses} response(s)`],
  ];
  const parts = [out.bold(`Request ${t.id}`), table(facts.map(([a, b]) => [`  ${out.dim(a!)}`, b!])), ''];
  t.blocks.forEach((b, i) => {
    const decided = b.transform ? out.green(b.transform) : `sent as is: ${b.skipped ?? 'nothing to gain'}`;
    parts.push(`${out.bold(`#${i + 1}`)} ${b.tool ?? 'unknown tool'} · ${b.contentType}${b.language ? ` (${b.language})` : ''} — ${b.reason}`);
    parts.push(`   ${decided} · ${int(b.tokensBefore)} → ${int(b.tokensAfter)} tokens · engine ${b.engineMs.toFixed(1)} ms${b.keys.length ? ` · keys ${b.keys.join(', ')}` : ''}`);
  });
  if (t.blocks.length === 0) parts.push(out.dim('no tool result in this request was large enough to consider'));
  const n = blockNo ?? t.blocks.findIndex((b) => b.transform) + 1;
  const b = t.blocks[n - 1];
  if (b) {
    parts.push('', out.bold(`Block #${n}, side by side`) + out.dim(blockNo ? '' : ' (the first compressed block; --block N for another)'));
    if (b.original === null) parts.push(out.dim(`  original not available: ${b.originalMissing ?? 'unknown'}`));
    else {
      const paint = { omitted: out.red, marker: out.yellow, dim: out.dim };
      parts.push(renderSideBySide(pairLines(b.original, b.compressed), process.stdout.columns || 160, lines, paint));
    }
  } else if (blockNo !== undefined) {
    parts.push('', out.red(`request ${t.id} has ${t.blocks.length} block(s): there is no block #${blockNo}`));
  }
  return parts.join('\n');
}

export function inspectCommand(): Command {
  return new Command('inspect')
    .description("a running proxy's decision trace: the last requests, or one request's blocks side by side")
    .argument('[id]', 'the request to show (ids are in the list, the dashboard and GET /v1/requests)', positive('id'))
    .option('--last <n>', 'list the last n requests (default 10 when no id is given)', positive('--last'))
    .option('--block <n>', 'the block to show side by side (default: the first compressed one)', positive('--block'))
    .option('--lines <n>', 'rows of the side-by-side view', positive('--lines'), 40)
    .option('--provider <name>', 'list only requests to this provider (anthropic, openai, gemini)')
    .option('--model <model>', 'list only requests for this model')
    .option('--tool <name>', 'list only requests with a result of this tool')
    .option('--content-type <type>', 'list only requests with a block of this content type (json, log, code, …)')
    .option('--outcome <outcome>', 'list only requests that were: compressed, retrieval, failOpen, bypass, error')
    .option('--port <port>', 'where the proxy answers', parsePort, DEFAULT_PORT)
    .option('--json', 'print the trace as JSON (with both texts of every block for one request)', false)
    .addHelpText('after', '\nThe trace lives in the proxy\'s memory (the last 500 requests since it started); the dashboard at\nhttp://127.0.0.1:8787/dashboard shows the same.')
    .action(async (id: number | undefined, opts: { last?: number; block?: number; lines: number; port: number; json: boolean } & Filters) => {
      const url = localProxyUrl(opts.port);
      if (!(await isHealthyProxy(url))) {
        process.stderr.write(`headroom inspect: no Headroom proxy answers at ${url}; the trace lives in a running proxy's memory (start one with \`headroom proxy\` or \`headroom wrap <agent>\`, or pass --port)\n`);
        process.exitCode = 1;
        return;
      }
      try {
        if (id !== undefined && opts.last === undefined) {
          const t = await get<Viewed>(`${url}/v1/requests/${id}`);
          process.stdout.write((opts.json ? JSON.stringify(t) : requestView(t, opts.block, opts.lines)) + '\n');
          return;
        }
        const q = new URLSearchParams({ limit: String(Math.min(opts.last ?? 10, 500)) });
        for (const [k, param] of FILTERS) if (opts[k]) q.set(param, opts[k]!);
        const page = await get<{ requests: RequestTrace[] }>(`${url}/v1/requests?${q}`);
        process.stdout.write((opts.json ? JSON.stringify(page.requests) : listView(page.requests)) + '\n');
      } catch (err) {
        process.stderr.write(`headroom inspect: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
