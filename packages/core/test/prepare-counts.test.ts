// prepare() with deferCounts (issue 13): the request is ready to send before its token counts are in;
// the counts arrive afterwards, exact, and a later turn of the same request has them at once.
import { describe, expect, it } from 'vitest';
import { countTokens, type OriginalSink } from '../src/index.js';
import { prepare, SpliceMemory, StickyBytes } from '../src/conversation/index.js';

class MemorySink implements OriginalSink {
  readonly entries = new Map<string, string>();
  async put(key: string, content: string): Promise<void> {
    this.entries.set(key, content);
  }
}

const MODEL = 'gpt-4o';
const log = Array.from({ length: 300 }, (_, i) => `2026-11-21T10:${String(i % 60).padStart(2, '0')}:00Z INFO worker-${i % 3} request ${5000 + i} served in ${i % 40}ms`).join('\n');
const rows = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, host: `node-${i}`, status: i === 42 ? 'error: disk full' : 'ok' })));

function request(): Uint8Array {
  const messages = [
    { role: 'user', content: 'which node failed?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read_logs', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: log }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't2', name: 'list_nodes', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't2', content: rows }] },
  ];
  return new Uint8Array(Buffer.from(JSON.stringify({ model: MODEL, max_tokens: 100, messages })));
}

const sentText = (json: Record<string, unknown> | undefined, message: number): string =>
  ((json!.messages as { content: { content: string }[] }[])[message]!.content[0]!.content);

describe('prepare() with deferCounts', () => {
  it('has the request ready before its counts, then fills in exact counts; the next turn has them at once', async () => {
    const options = { budgetMs: 30_000, profile: 'balanced' as const, store: new MemorySink(), bypass: false, memory: new SpliceMemory(), sticky: new StickyBytes(), deferCounts: true };
    const prep = await prepare('anthropic', request(), options);
    expect(prep.changed).toBe(true);
    expect(prep.blocks).toHaveLength(2);
    // The body is final: both results are compressed in what goes upstream.
    const sent = [sentText(prep.json, 2), sentText(prep.json, 4)];
    expect(sent[0]!.length).toBeLessThan(log.length / 2);
    expect(sent[1]).toContain('error: disk full');
    // The count of the block compressed last settles on a later turn of the event loop: it is not in yet
    // (which block that is depends on which compression finished last: they run at once).
    expect(prep.counted).toBeInstanceOf(Promise);
    expect(prep.blocks.some((b) => b.tokensBefore === 0 && b.tokensAfter === 0)).toBe(true);

    await prep.counted;
    const originals = [log, rows];
    prep.blocks.forEach((b, i) => {
      expect(b.tokensBefore).toBe(countTokens(originals[i]!, MODEL).tokens);
      expect(b.tokensAfter).toBe(countTokens(sent[i]!, MODEL).tokens);
    });
    expect(prep.tokensBefore).toBe(prep.blocks[0]!.tokensBefore + prep.blocks[1]!.tokensBefore);
    expect(prep.tokensAfter).toBe(prep.blocks[0]!.tokensAfter + prep.blocks[1]!.tokensAfter);

    // The same request again (the next turn): the memo kept the counts with the results.
    const again = await prepare('anthropic', request(), options);
    expect(again.counted).toBeUndefined();
    expect(again.blocks.map((b) => [b.tokensBefore, b.tokensAfter])).toEqual(prep.blocks.map((b) => [b.tokensBefore, b.tokensAfter]));
    expect(Buffer.from(again.body).equals(Buffer.from(prep.body))).toBe(true);
  });
});
