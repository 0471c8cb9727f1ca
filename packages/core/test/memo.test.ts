// The compression memo is bounded by the weight of what it holds, not only by its entry count (issue 14,
// defect 13): huge tool results must not stay in memory for the life of the proxy.
import { describe, expect, it } from 'vitest';
import { Memo } from '../src/compress/memo.js';

describe('Memo', () => {
  it('evicts the least recently used entries once the total weight passes the bound', () => {
    const memo = new Memo<string>(100, 10, (v) => v.length);
    memo.set('a', 'xxxx');
    memo.set('b', 'xxxx');
    expect(memo.get('a')).toBe('xxxx'); // a is now the most recently used
    memo.set('c', 'xxxx'); // 12 > 10: b goes
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe('xxxx');
    expect(memo.get('c')).toBe('xxxx');
  });

  it('does not keep a value heavier than the whole bound, and replacing a key re-weighs it', () => {
    const memo = new Memo<string>(100, 10, (v) => v.length);
    memo.set('a', 'xxxxxx');
    memo.set('huge', 'x'.repeat(11));
    expect(memo.get('huge')).toBeUndefined();
    expect(memo.get('a')).toBe('xxxxxx');
    memo.set('a', 'xx');
    memo.set('b', 'xxxxxxxx'); // 2 + 8 = 10: both fit
    expect(memo.get('a')).toBe('xx');
    expect(memo.get('b')).toBe('xxxxxxxx');
  });

  it('still bounds the entry count', () => {
    const memo = new Memo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('c', 3);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, 2, 3]);
  });
});
