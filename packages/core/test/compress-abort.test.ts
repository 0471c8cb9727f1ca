// compress() stops between tool results once its signal aborts (issue 14, defect 13): the proxy gives
// up waiting when its budget overruns, and a 50 MB request must not go on compressing in the background.
import { describe, expect, it } from 'vitest';
import { compress, type OriginalSink } from '../src/index.js';

function log(seed: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) lines.push(`2026-11-21T10:${String(i % 60).padStart(2, '0')}:00Z INFO worker-${seed} request ${1000 + i} served in ${i % 50}ms`);
  lines.splice(150, 0, `2026-11-21T10:20:00Z ERROR worker-${seed} request 1150 failed: ECONNRESET`);
  return lines.join('\n');
}

const history = (n: number) => [
  { role: 'user', content: 'why did the requests fail?' },
  ...Array.from({ length: n }, (_, i) => [
    { role: 'assistant', content: [{ type: 'tool_use', id: `t${i}`, name: 'read_logs', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: log(i) }] },
  ]).flat(),
];

describe('compress() with an abort signal', () => {
  it('starts no further tool result once aborted, and rejects with the reason', async () => {
    const stop = new AbortController();
    const put: string[] = [];
    const sink: OriginalSink = {
      async put(_key, content) {
        put.push(content);
        stop.abort(new Error('budget overran'));
      },
    };
    await expect(compress(history(8), { store: sink, cache: false, signal: stop.signal })).rejects.toThrow('budget overran');
    // Four tool results are compressed at once: only those already under way when the first original
    // was stored can have stored theirs; the last four never started.
    expect(put.length).toBeGreaterThan(0);
    expect(put.every((c) => /worker-[0-3] /.test(c))).toBe(true);
  });

  it('an already aborted signal compresses nothing', async () => {
    const put: string[] = [];
    const sink: OriginalSink = { put: async (_key, content) => void put.push(content) };
    await expect(compress(history(2), { store: sink, cache: false, signal: AbortSignal.abort() })).rejects.toThrow();
    expect(put).toEqual([]);
  });

  it('a signal that never aborts changes nothing', async () => {
    const withSignal = await compress(history(2), { store: false, cache: false, signal: new AbortController().signal });
    const without = await compress(history(2), { store: false, cache: false });
    expect(withSignal.messages).toEqual(without.messages);
    expect(withSignal.blocks.length).toBe(2);
  });
});
