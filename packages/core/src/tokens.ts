import { native } from './native.js';
import { callNative } from './native-call.js';

/** `claude_estimate` is `o200k_base` × 1.2 (rounded up): Claude's tokenizer is not public. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base' | 'claude_estimate';

export interface TokenCount {
  tokens: number;
  encoding: TokenEncoding;
  /** False when `tokens` is an estimate (Claude models). */
  exact: boolean;
}

/**
 * Counts tokens the way the model's provider does: exact BPE for OpenAI models (o200k_base for
 * GPT-4o/4.1/5 and the o-series, cl100k_base for GPT-4 and 3.5), a labelled estimate for Claude.
 * @param model defaults to `gpt-4o`
 */
export function countTokens(text: string, model?: string): TokenCount {
  const c = callNative(() => native().countTokens(text, model));
  return { tokens: c.tokens, encoding: c.encoding as TokenEncoding, exact: c.exact };
}

/** Counts many texts for one model in a single native call. */
export function countTokensBatch(texts: string[], model?: string): number[] {
  return callNative(() => native().countTokensBatch(texts, model));
}
