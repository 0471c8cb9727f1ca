import { Command } from 'commander';
import { DEFAULT_KOMPRESS_MODEL, KOMPRESS_MODELS, listModels, locateOnnxRuntime, modelsDir, ONNX_RUNTIME_VERSION, pullModel, pullOnnxRuntime, resolveKompressModel } from '@headroom/core';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** A progress line on stderr, redrawn at most every 5% (a terminal gets `\r`, a log gets lines). */
function progressReporter(): (p: { file: string; received: number; total?: number }) => void {
  let last = { file: '', step: -1 };
  const tty = process.stderr.isTTY;
  return (p) => {
    const step = p.total ? Math.floor((p.received / p.total) * 20) : Math.floor(p.received / 10e6);
    if (p.file === last.file && step === last.step) return;
    last = { file: p.file, step };
    const pct = p.total ? ` ${Math.floor((p.received / p.total) * 100)}%` : '';
    const line = `  ${p.file} ${mb(p.received)}${p.total ? ` of ${mb(p.total)}` : ''}${pct}`;
    process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
  };
}

export function modelCommand(): Command {
  const model = new Command('model').description('manage the ML models Headroom can use (Kompress text compression)');
  model
    .command('pull')
    .description(
      'download a Kompress model from the Hugging Face hub (honours HF_ENDPOINT, HF_HUB_OFFLINE, HEADROOM_OFFLINE), ' +
        'and ONNX Runtime from the npm registry when it is not installed',
    )
    .argument('[name]', 'a catalog name or a hub repository owner/name[@revision]')
    .option('--endpoint <url>', 'hub endpoint (default: $HF_ENDPOINT or https://huggingface.co)')
    .option('--no-runtime', 'do not fetch ONNX Runtime (installed another way, or ORT_DYLIB_PATH)')
    .action(async (name: string | undefined, opts: { endpoint?: string; runtime: boolean }) => {
      const target = name ?? DEFAULT_KOMPRESS_MODEL;
      try {
        if (opts.runtime && !locateOnnxRuntime()) {
          process.stderr.write(`headroom: fetching ONNX Runtime ${ONNX_RUNTIME_VERSION} (the CPU library of onnxruntime-node, from the npm registry)\n`);
          const rt = await pullOnnxRuntime({ onProgress: progressReporter() });
          if (process.stderr.isTTY) process.stderr.write('\n');
          process.stderr.write(`  ${rt.path}\n`);
        }
        process.stderr.write(`headroom: pulling ${target} into ${modelsDir()}\n`);
        const r = await pullModel(target, { ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), onProgress: progressReporter() });
        if (process.stderr.isTTY) process.stderr.write('\n');
        for (const f of r.files) process.stderr.write(`  ${f.file}: ${mb(f.bytes)}, sha256 ${f.sha256} (${f.verified})\n`);
        process.stdout.write(`${r.dir}\n`);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        process.stderr.write(`headroom: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
        process.exitCode = 1;
      }
    });
  model
    .command('list')
    .description('list installed models and the catalog')
    .action(async () => {
      const installed = await listModels();
      const active = resolveKompressModel();
      process.stdout.write(`installed (${modelsDir()}):\n`);
      if (installed.length === 0) process.stdout.write('  none: run `headroom model pull` to install one\n');
      for (const i of installed) {
        const from = i.repo ? ` from ${i.repo}@${i.revision ?? 'main'}` : '';
        process.stdout.write(`${i.dir === active ? '* ' : '  '}${i.name}  ${mb(i.bytes)}${from}\n`);
      }
      if (process.env.HEADROOM_KOMPRESS_MODEL) {
        process.stdout.write(`HEADROOM_KOMPRESS_MODEL=${process.env.HEADROOM_KOMPRESS_MODEL}${active ? ' (in use)' : ' (not a model directory: model.onnx and tokenizer.json are needed)'}\n`);
      }
      process.stdout.write('catalog:\n');
      for (const [n, s] of Object.entries(KOMPRESS_MODELS)) {
        process.stdout.write(`  ${n}${n === DEFAULT_KOMPRESS_MODEL ? ' (default)' : ''}  ${s.repo}@${s.revision}  ${s.description}\n`);
      }
    });
  return model;
}
