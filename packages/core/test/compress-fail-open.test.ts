import { describe, expect, it, vi } from 'vitest';

// The native engine fails (as a crashed worker or a missing addon would): compress must not throw.
vi.mock('../src/native.js', () => ({
  native: () => ({
    compressBlock: () => Promise.reject(Object.assign(new Error('engine exploded'), { code: 'HEADROOM_PANIC' })),
    countTokensBatch: (texts: string[]) => texts.map((t) => t.length),
  }),
}));

const { compress } = await import('../src/index.js');

describe('compress() when the native engine fails', () => {
  it('returns the original content and a diagnostic', async () => {
    const big = 'x'.repeat(5000);
    const messages = [{ role: 'tool', tool_call_id: 'c', content: big }];
    const r = await compress(messages, { store: false });
    expect(r.messages).toEqual(messages);
    expect(r.diagnostics.join('\n')).toContain('engine exploded');
    expect(r.blocks[0]?.skipped).toContain('engine exploded');
  });
});
