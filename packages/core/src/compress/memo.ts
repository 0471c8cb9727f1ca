import { createHash } from 'node:crypto';
import { LruMap } from '../lru-map.js';

/**
 * First-compression-wins memo, bounded by entry count and by the total weight of its values (least
 * recently used goes first). Keyed by a hash of the content and the settings that change the output,
 * never by the query: a tool result is compressed once, at birth, and resent byte-identical on every
 * later turn. The weight bound keeps a few huge values (a 2 MB tool result and its stored originals per
 * entry) from holding hundreds of megabytes for the life of a proxy.
 */
export class Memo<V> extends LruMap<string, V> {
  constructor(maxEntries = 2048, maxWeight = Infinity, weigh: (value: V) => number = () => 0) {
    super(maxEntries, maxWeight, weigh);
  }

  static key(content: string, ...settings: (string | undefined)[]): string {
    const h = createHash('sha256').update(content);
    for (const s of settings) h.update('\u0000').update(s ?? '');
    return h.digest('hex');
  }
}
