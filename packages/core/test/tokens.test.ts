import { existsSync } from 'node:fs';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { describe, expect, it } from 'vitest';
import { countTokens, countTokensBatch } from '../src/index.js';
import { corpusDir, loadCorpus } from '../../../bench/ts/corpus.js';

const reference = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };
// js-tiktoken's encode(text, allowed=[], disallowed=[]) treats special-token strings as plain text,
// which is what our counter does for tool output.
const refCount = (enc: keyof typeof reference, text: string) => reference[enc].encode(text, [], []).length;

const MIXED: string[] = [
  '',
  'hello world',
  '{"id": 12345678901234567890, "status": "ok", "tags": ["a", "b"], "ratio": 1e-7}',
  '2026-11-21T10:00:00.123Z ERROR [worker-3] connection reset by peer (ECONNRESET) after 3 retries\n'.repeat(20),
  'def handler(req):\n\treturn {"ok": True}  # tabs and    spaces\r\n',
  'src/app.ts:42:17: error TS2345: Argument of type \'string\' is not assignable to parameter of type \'number\'.',
  '数据压缩 データ圧縮 압축 сжатие données — ünïcödé 😀👍🏽 🇩🇪',
  '<|endoftext|> <|im_start|>user\nspecial-token text is ordinary here<|im_end|>',
  ' '.repeat(300) + '\n'.repeat(50) + 'x',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'diff --git a/lib/x.js b/lib/x.js\n@@ -1,3 +1,3 @@\n-var a = 1;\n+let a = 2;\n',
];

/** The evaluation corpus sits beside the repository on our machines and in CI; it adds real inputs. */
const corpusInputs = () => (existsSync(corpusDir()) ? loadCorpus().map((c) => c.input.slice(0, 40_000)) : []);

/** js-tiktoken (pure JS) takes about a second per encoding on the corpus slices, more on a busy machine. */
const SLOW_REFERENCE_MS = 60_000;

describe('countTokens', () => {
  const texts = [...MIXED, ...corpusInputs()];

  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
  ] as const)('matches js-tiktoken exactly for %s (%s) on a mixed corpus', { timeout: SLOW_REFERENCE_MS }, (model, enc) => {
    for (const text of texts) {
      const c = countTokens(text, model);
      expect(c).toEqual({ tokens: refCount(enc, text), encoding: enc, exact: true });
    }
  });

  it('batch counts equal single counts and the reference', { timeout: SLOW_REFERENCE_MS }, () => {
    expect(countTokensBatch(texts, 'gpt-5')).toEqual(texts.map((t) => refCount('o200k_base', t)));
  });

  it('maps models to encodings and labels Claude counts as estimates', () => {
    expect(countTokens('x', 'o3-mini').encoding).toBe('o200k_base');
    expect(countTokens('x', 'gpt-4.1').encoding).toBe('o200k_base');
    expect(countTokens('x', 'gpt-3.5-turbo').encoding).toBe('cl100k_base');
    expect(countTokens('x').encoding).toBe('o200k_base');
    const text = MIXED[3]!;
    const claude = countTokens(text, 'claude-sonnet-4-6');
    expect(claude).toEqual({ tokens: Math.ceil(refCount('o200k_base', text) * 1.2), encoding: 'claude_estimate', exact: false });
  });
});
