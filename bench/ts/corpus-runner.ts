// The corpus benchmark, our scoreboard: `npm run bench:corpus -- [corpus-dir ...] [--out report.json]
// [--runs N] [--profile safe|balanced|aggressive] [--verbose]`. Without a folder it scores the public
// corpus beside the repository and the repository's own wide corpus (`bench/corpus`), each per kind and
// then together.
//
// For each case it builds a realistic agent turn (the user's question, an assistant tool call, the input
// as the tool result), runs compress() with defaults, and records tokens before/after (o200k_base, tool
// result only), how many must_keep facts survive in the compressed tool result (corpus matching rule:
// compare after deleting `"`, `\` and whitespace), and the median time over several runs.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compress, countTokens, type Profile } from '@headroom/core';
import { defaultCorpora, loadCorpus, type CorpusCase } from './corpus.js';

const normalize = (s: string) => s.replace(/["\\\s]/g, '');

interface CaseReport {
  corpus: string;
  name: string;
  kind: string;
  bytes: number;
  tokens_before: number;
  tokens_after: number;
  must_keep: number;
  kept: number;
  missing: string[];
  /** Median ms of the whole compress() call: detection, compression, exact token counts of input and output. */
  ms: number;
  /** Median ms inside the native compressor alone. */
  engine_ms: number;
  content_type: string;
  transform: string | null;
  skipped: string | null;
  /** For JSON inputs: median ms of `JSON.stringify(JSON.parse(input))`, the physical floor. */
  floor_ms: number | null;
}

function agentTurn(c: CorpusCase, source: string) {
  const command = source.startsWith('command: ') ? source.slice('command: '.length) : `cat ${c.name}/input`;
  return [
    { role: 'user', content: c.query },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me look at that.' },
        { type: 'tool_use', id: 'toolu_bench_1', name: 'Bash', input: { command } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_bench_1', content: c.input }] },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeMs(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Number(median(times).toFixed(2));
}

function jsonFloor(input: string, runs: number): number | null {
  try {
    JSON.parse(input);
  } catch {
    return null;
  }
  return timeMs(runs, () => JSON.stringify(JSON.parse(input)));
}

async function runCase(c: CorpusCase, runs: number, profile: Profile | undefined): Promise<CaseReport> {
  const messages = agentTurn(c, c.source);
  const times: number[] = [];
  const engineTimes: number[] = [];
  let result!: Awaited<ReturnType<typeof compress>>;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await compress(messages, { store: false, cache: false, ...(profile ? { profile } : {}) });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    engineTimes.push(result.blocks[0]?.engineMs ?? 0);
  }
  const last = result.messages[2] as { content: { content: string }[] };
  const compressed = last.content[0]!.content;
  const block = result.blocks[0];
  const kept = c.mustKeep.filter((f) => normalize(compressed).includes(normalize(f)));
  const before = block?.tokensBefore ?? countTokens(c.input, 'gpt-4o').tokens;
  return {
    corpus: c.corpus,
    name: c.name,
    kind: c.kind,
    bytes: Buffer.byteLength(c.input),
    tokens_before: before,
    tokens_after: block?.tokensAfter ?? before,
    must_keep: c.mustKeep.length,
    kept: kept.length,
    missing: c.mustKeep.filter((f) => !kept.includes(f)),
    ms: Number(median(times).toFixed(2)),
    engine_ms: Number(median(engineTimes).toFixed(2)),
    content_type: block?.contentType ?? 'unknown',
    transform: block?.transform ?? null,
    skipped: block?.skipped ?? (block ? null : 'below the size threshold'),
    floor_ms: jsonFloor(c.input, runs),
  };
}

const pct = (before: number, after: number) => (before === 0 ? 0 : (1 - after / before) * 100);

function printTable(rows: CaseReport[], by: (r: CaseReport) => string, title: string): void {
  const groups = new Map<string, CaseReport[]>();
  for (const r of rows) groups.set(by(r), [...(groups.get(by(r)) ?? []), r]);
  console.log(`\n${title}`);
  console.log(`${'name'.padEnd(40)} ${'cases'.padStart(5)} ${'tokens before'.padStart(14)} ${'after'.padStart(9)} ${'saved'.padStart(7)} ${'kept'.padStart(7)} ${'ms'.padStart(9)}`);
  for (const [name, g] of groups) {
    const before = g.reduce((n, r) => n + r.tokens_before, 0);
    const after = g.reduce((n, r) => n + r.tokens_after, 0);
    const kept = `${g.reduce((n, r) => n + r.kept, 0)}/${g.reduce((n, r) => n + r.must_keep, 0)}`;
    const ms = g.reduce((n, r) => n + r.ms, 0);
    console.log(`${name.padEnd(40)} ${String(g.length).padStart(5)} ${String(before).padStart(14)} ${String(after).padStart(9)} ${pct(before, after).toFixed(1).padStart(6)}% ${kept.padStart(7)} ${ms.toFixed(1).padStart(9)}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      runs: { type: 'string', default: '5' },
      profile: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench:corpus -- [corpus-dir ...] [--out report.json] [--runs N] [--profile safe|balanced|aggressive] [--verbose]');
    console.log('default folders: the public corpus (../shared/bench/corpus or HEADROOM_CORPUS) and bench/corpus');
    return;
  }
  const corpora = positionals.length > 0 ? positionals.map((p) => ({ dir: resolve(p), label: p })) : defaultCorpora();
  const dirs = corpora.map((c) => c.dir);
  const runs = Math.max(1, Number(values.runs));
  const profile = values.profile as Profile | undefined;
  const cases = corpora.flatMap((c) => loadCorpus(c.dir, c.label));
  console.log(`corpus: ${dirs.join(', ')} (${cases.length} cases), ${runs} runs per case${profile ? `, profile ${profile}` : ''}`);
  const rows: CaseReport[] = [];
  for (const [i, c] of cases.entries()) {
    const r = await runCase(c, runs, profile);
    rows.push(r);
    const flag = r.kept < r.must_keep ? `  MISSING ${JSON.stringify(r.missing)}` : '';
    const grew = r.tokens_after > r.tokens_before ? '  LARGER THAN ITS INPUT' : '';
    const floor = r.floor_ms ? `; JSON.parse+stringify ${r.floor_ms} ms: compress() ${(r.ms / r.floor_ms).toFixed(1)}×, engine ${(r.engine_ms / r.floor_ms).toFixed(1)}×` : '';
    console.log(
      `[${i + 1}/${cases.length}] ${r.name}: ${r.tokens_before} → ${r.tokens_after} tokens (${pct(r.tokens_before, r.tokens_after).toFixed(1)}%), kept ${r.kept}/${r.must_keep}, ${r.ms} ms (engine ${r.engine_ms} ms${floor})${flag}${grew}`,
    );
    if (values.verbose) console.log(`    ${r.content_type} ${r.transform ?? `passed through: ${r.skipped}`}`);
  }
  for (const corpus of new Set(rows.map((r) => r.corpus))) {
    printTable(rows.filter((r) => r.corpus === corpus), (r) => r.kind, `by kind: ${corpus}`);
  }
  if (dirs.length > 1) printTable(rows, (r) => r.kind, 'by kind: all corpora');
  const untouched = rows.filter((r) => r.tokens_after >= r.tokens_before);
  if (untouched.length > 0) console.log(`
passed through or not smaller: ${untouched.map((r) => `${r.name} (${r.skipped ?? r.transform})`).join('; ')}`);
  const before = rows.reduce((n, r) => n + r.tokens_before, 0);
  const after = rows.reduce((n, r) => n + r.tokens_after, 0);
  const totals = {
    cases: rows.length,
    bytes: rows.reduce((n, r) => n + r.bytes, 0),
    tokens_before: before,
    tokens_after: after,
    savings_pct: Number(pct(before, after).toFixed(2)),
    must_keep: rows.reduce((n, r) => n + r.must_keep, 0),
    kept: rows.reduce((n, r) => n + r.kept, 0),
    ms: Number(rows.reduce((n, r) => n + r.ms, 0).toFixed(2)),
    engine_ms: Number(rows.reduce((n, r) => n + r.engine_ms, 0).toFixed(2)),
  };
  console.log(`\ntotal: ${before} → ${after} tokens (${totals.savings_pct}% saved), kept ${totals.kept}/${totals.must_keep} facts, ${totals.ms} ms`);
  if (values.out) {
    writeFileSync(values.out, JSON.stringify({ cases: rows, totals }, null, 2) + '\n');
    console.log(`report written to ${values.out}`);
  }
}

await main();
