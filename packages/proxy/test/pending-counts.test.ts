import { describe, expect, it, vi } from 'vitest';
import { PendingCounts } from '../src/pending-counts.js';

describe('PendingCounts', () => {
  it('settles after every tracked count and the bookings chained on it', async () => {
    const pending = new PendingCounts();
    const booked: string[] = [];
    let finish!: () => void;
    const counted = new Promise<void>((resolve) => {
      finish = resolve;
    });
    void counted.then(() => booked.push('ledger'));
    pending.track(counted);
    pending.track(undefined);
    const report = pending.settled().then(() => booked.push('report'));
    await new Promise((r) => setImmediate(r));
    expect(booked).toEqual([]);
    finish();
    await report;
    expect(booked).toEqual(['ledger', 'report']);
  });

  it('a count that fails does not fail the report', async () => {
    const pending = new PendingCounts();
    pending.track(Promise.reject(new Error('tokenizer gone')));
    await expect(pending.settled()).resolves.toBeUndefined();
  });

  it('a count that never settles holds a report back 5 s at most', async () => {
    vi.useFakeTimers();
    try {
      const pending = new PendingCounts();
      pending.track(new Promise<void>(() => {}));
      let done = false;
      const report = pending.settled().then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(4999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await report;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
