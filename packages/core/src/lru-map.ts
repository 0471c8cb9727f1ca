/**
 * A map bounded by entry count and, optionally, by the total weight of its values: `get` and `set`
 * make an entry the most recent, and past either bound the least recently used ones go. A value
 * heavier than the whole weight bound is not kept (it would evict everything else for itself). Every
 * bounded in-memory cache of Headroom is one of these.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight = Infinity,
    private readonly weigh: (value: V) => number = () => 0,
  ) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight of the values held. */
  get totalWeight(): number {
    return this.weight;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: K, value: V): this {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return this;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) this.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    this.entries.delete(key);
    this.weight -= e.weight;
    return true;
  }
}
