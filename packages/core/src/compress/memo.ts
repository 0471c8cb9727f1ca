import { createHash } from 'node:crypto';

/**
 * First-compression-wins memo, bounded by entry count and by the total weight of its values (least
 * recently used goes first). Keyed by a hash of the content and the settings that change the output,
 * never by the query: a tool result is compressed once, at birth, and resent byte-identical on every
 * later turn. The weight bound keeps a few huge values (a 2 MB tool result and its stored originals per
 * entry) from holding hundreds of megabytes for the life of a proxy.
 */
export class Memo<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private weight = 0;

  constructor(
    private readonly maxEntries = 2048,
    private readonly maxWeight = Infinity,
    private readonly weigh: (value: V) => number = () => 0,
  ) {}

  static key(content: string, ...settings: (string | undefined)[]): string {
    const h = createHash('sha256').update(content);
    for (const s of settings) h.update('\u0000').update(s ?? '');
    return h.digest('hex');
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e?.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    // A value heavier than the whole bound is not kept (it would evict everything else for itself).
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) this.delete(this.entries.keys().next().value as string);
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.weight -= e.weight;
  }
}
