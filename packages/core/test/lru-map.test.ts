import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/lru-map.js';

describe('LruMap', () => {
  it('evicts the least recently used entry: a get or a set counts as a use', () => {
    const m = new LruMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect(m.get('a')).toBe(1);
    m.set('d', 4);
    expect([m.has('a'), m.has('b'), m.has('c'), m.has('d')]).toEqual([true, false, true, true]);
    m.set('c', 30);
    m.set('e', 5);
    expect([m.has('a'), m.has('c'), m.has('d'), m.has('e')]).toEqual([false, true, true, true]);
    expect(m.get('c')).toBe(30);
    expect(m.size).toBe(3);
  });

  it('keeps undefined values and misses apart, and refuses a bound below one', () => {
    const m = new LruMap<string, undefined | number>(2);
    m.set('u', undefined);
    expect(m.has('u')).toBe(true);
    expect(m.get('missing')).toBeUndefined();
    expect(m.delete('u')).toBe(true);
    expect(m.size).toBe(0);
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});

describe('LruMap with a weight bound', () => {
  it('evicts the least recently used until the total weight fits, and keeps no value heavier than the bound', () => {
    const m = new LruMap<string, string>(100, 10, (v) => v.length);
    m.set('a', 'aaaa').set('b', 'bbbb');
    m.get('a');
    m.set('c', 'cccc');
    expect([m.has('a'), m.has('b'), m.has('c'), m.totalWeight]).toEqual([true, false, true, 8]);
    m.set('huge', 'x'.repeat(11));
    expect([m.has('huge'), m.size, m.totalWeight]).toEqual([false, 2, 8]);
    m.set('a', 'a');
    expect(m.totalWeight).toBe(5);
    m.delete('c');
    expect(m.totalWeight).toBe(1);
  });
});
