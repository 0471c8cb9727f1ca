import { describe, expect, it } from 'vitest';
import type { CcrStore } from '@headroom/core';
import { RecentPutSink } from '../src/sink.js';

describe('RecentPutSink', () => {
  function countingStore() {
    const puts: string[] = [];
    const store = {
      filesDir: '/tmp/hr-files',
      async put(key: string) {
        puts.push(key);
      },
    } as unknown as CcrStore;
    return { store, puts };
  }

  it('writes a key once per window and again after it', async () => {
    const { store, puts } = countingStore();
    const sink = new RecentPutSink(store, 50);
    await sink.put('hr_a', 'x');
    await sink.put('hr_a', 'x');
    await sink.put('hr_b', 'y');
    expect(puts).toEqual(['hr_a', 'hr_b']);
    await new Promise((r) => setTimeout(r, 80));
    await sink.put('hr_a', 'x');
    expect(puts).toEqual(['hr_a', 'hr_b', 'hr_a']);
    expect(sink.filesDir).toBe('/tmp/hr-files');
  });

  it('forgets the oldest key beyond its bound, so that key is written again', async () => {
    const { store, puts } = countingStore();
    const sink = new RecentPutSink(store, 60_000, 2);
    for (const k of ['hr_1', 'hr_2', 'hr_3', 'hr_1']) await sink.put(k, k);
    expect(puts).toEqual(['hr_1', 'hr_2', 'hr_3', 'hr_1']);
  });
});
