import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { compressText, type ContentType, type Profile } from '@headroom/core';
import { megabytes, progress } from '../ui/progress.js';

interface Opts {
  query?: string;
  profile?: Profile;
  contentType?: ContentType;
  language?: string;
  model?: string;
  json: boolean;
}

function readInput(file: string | undefined): string {
  if (!file || file === '-') {
    if (process.stdin.isTTY) throw new Error('no input: pass a FILE, or pipe text in (`cmd | headroom compress -`)');
    return readFileSync(0, 'utf8');
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function compressCommand(): Command {
  return new Command('compress')
    .description('compress a file or stdin as Headroom would compress a tool output')
    .argument('[file]', 'file to compress, or - for stdin', '-')
    .option('-q, --query <question>', 'the question the content should answer (matching parts are kept)')
    .addOption(new Option('-p, --profile <profile>', 'how far to go').choices(['safe', 'balanced', 'aggressive']).default('balanced'))
    .addOption(
      new Option('-t, --content-type <type>', 'skip detection').choices(['json', 'jsonl', 'log', 'search', 'diff', 'code', 'html', 'prose', 'table', 'listing']),
    )
    .option('-l, --language <lang>', 'for code: language name or file extension (default: from FILE)')
    .option('-m, --model <model>', 'model whose tokenizer counts the savings', 'gpt-4o')
    .option('--json', 'print text, stats and diagnostics as one JSON object', false)
    .action(async (file: string | undefined, opts: Opts) => {
      const text = readInput(file);
      const ext = file && file !== '-' ? /\.([A-Za-z0-9+]+)$/.exec(file)?.[1] : undefined;
      const language = opts.language ?? ext;
      const spinner = text.length > 512 * 1024 ? progress(`compressing ${megabytes(text.length)}…`) : undefined;
      const r = await compressText(text, {
        ...(opts.query ? { query: opts.query } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.contentType ? { contentType: opts.contentType } : {}),
        ...(language ? { language } : {}),
        ...(opts.model ? { model: opts.model } : {}),
      }).finally(() => spinner?.done());
      if (opts.json) {
        process.stdout.write(JSON.stringify({ text: r.text, stats: r.stats, diagnostics: r.diagnostics }) + '\n');
        return;
      }
      process.stdout.write(r.text.endsWith('\n') || r.text === '' ? r.text : `${r.text}\n`);
      const s = r.stats;
      const saved = s.tokensBefore === 0 ? 0 : (1 - s.tokensAfter / s.tokensBefore) * 100;
      const what = s.transform ?? `passed through: ${s.skipped ?? 'nothing to do'}`;
      process.stderr.write(`headroom: ${s.contentType}${s.language ? ` (${s.language})` : ''}, ${what}; ${s.tokensBefore} → ${s.tokensAfter} tokens (${saved.toFixed(1)}% saved)\n`);
      for (const d of r.diagnostics) process.stderr.write(`headroom: ${d}\n`);
    });
}
