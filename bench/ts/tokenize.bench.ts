// Our tokenizer (Rust, through the addon) against js-tiktoken on the same text, in one run, so the ratio
// holds on a noisy shared machine. Run with `npm run bench` (release addon).
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { countTokens, countTokensBatch } from '@headroom/core';
import { loadCorpus } from './corpus.js';

const inputs = loadCorpus().map((c) => c.input);
const bytes = inputs.reduce((n, s) => n + Buffer.byteLength(s), 0);
const js = new Tiktoken(o200k);

function time(label: string, rounds: number, fn: () => number): { label: string; mbps: number; tokens: number } {
  fn(); // warm-up: vocabularies load lazily on both sides
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (let i = 0; i < rounds; i++) tokens = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, mbps: (bytes * rounds) / seconds / 1e6, tokens };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
console.log(`tokenize: ${inputs.length} corpus inputs, ${(bytes / 1e6).toFixed(2)} MB, ${rounds} rounds, o200k_base`);
const results = [
  time('headroom countTokens (per text)', rounds, () => inputs.reduce((n, s) => n + countTokens(s, 'gpt-4o').tokens, 0)),
  time('headroom countTokensBatch', rounds, () => countTokensBatch(inputs, 'gpt-4o').reduce((a, b) => a + b, 0)),
  time('js-tiktoken encode', rounds, () => inputs.reduce((n, s) => n + js.encode(s, [], []).length, 0)),
];
const reference = results[2]!;
for (const r of results) {
  console.log(`${r.label.padEnd(34)} ${r.mbps.toFixed(2).padStart(8)} MB/s  ${(r.mbps / reference.mbps).toFixed(2)}× js-tiktoken  (${r.tokens} tokens)`);
}
if (new Set(results.map((r) => r.tokens)).size !== 1) {
  console.error('token totals differ between implementations');
  process.exit(1);
}
