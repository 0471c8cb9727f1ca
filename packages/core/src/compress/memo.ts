import { createHash } from 'node:crypto';

/**
 * First-compression-wins memo, bounded by entry count (least recently used goes first). Keyed by a
 * hash of the content and the settings that change the output, never by the query: a tool result is
 * compressed once, at birth, and resent byte-identical on every later turn.
 */
export class Memo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries = 2048) {}

  static key(content: string, ...settings: (string | undefined)[]): string {
    const h = createHash('sha256').update(content);
    for (const s of settings) h.update('\u0000').update(s ?? '');
    return h.digest('hex');
  }

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
