import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { CONTENT_TYPES, compressText, locateOnnxRuntime, ONNX_RUNTIME_FIX, PROFILES, resolveKompressModel, type ContentType, type Profile } from '@headroom/core';
import { megabytes, progress } from '../ui/progress.js';

interface Opts {
  query?: string;
  profile?: Profile;
  contentType?: ContentType;
  language?: string;
  model?: string;
  kompress?: boolean;
  json: boolean;
}

/** The exit code of `compress --kompress` when Kompress cannot run: an optional part is not installed. */
export const EXIT_KOMPRESS_MISSING = 3;

/** Why Kompress cannot run here, with what to install; undefined when it can. */
function kompressMissing(): string | undefined {
  if (!locateOnnxRuntime()) return `Kompress needs ONNX Runtime, which is not installed: ${ONNX_RUNTIME_FIX} [ORT_NOT_FOUND]`;
  if (!resolveKompressModel()) return 'Kompress needs a model, and none is installed: run `headroom model pull` (or set HEADROOM_KOMPRESS_MODEL to a model directory)';
  return undefined;
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
    .addOption(new Option('-p, --profile <profile>', 'how far to go').choices(PROFILES).default('balanced'))
    .addOption(
      new Option('-t, --content-type <type>', 'skip detection').choices(CONTENT_TYPES.filter((t) => t !== 'unknown')),
    )
    .option('-l, --language <lang>', 'for code: language name or file extension (default: from FILE)')
    .option('-m, --model <model>', 'model whose tokenizer counts the savings', 'gpt-4o')
    .option('--kompress', `prose must go through Kompress (ML): exit ${EXIT_KOMPRESS_MISSING} with what to install when ONNX Runtime or the model is missing`)
    .option('--json', 'print text, stats and diagnostics as one JSON object', false)
    .action(async (file: string | undefined, opts: Opts) => {
      const missing = opts.kompress ? kompressMissing() : undefined;
      if (missing) {
        process.stderr.write(`headroom: ${missing}\n`);
        process.exitCode = EXIT_KOMPRESS_MISSING;
        return;
      }
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
