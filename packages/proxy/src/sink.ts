// The sink compress() stores originals through. On every later turn a memoized tool result "stores"
// its originals again (to refresh their time to live); keys are content hashes, so a key written a
// moment ago holds exactly that content. Skipping repeats within a short window takes a store write per
// tool result off every request, while originals still live TTL (24 h by default) after their last use.
import { LruMap, type CcrStore, type OriginalSink } from '@headroom/core';

export class RecentPutSink implements OriginalSink {
  private readonly recent: LruMap<string, number>;

  constructor(
    private readonly store: CcrStore,
    private readonly windowMs = 60_000,
    maxKeys = 16_384,
  ) {
    this.recent = new LruMap(maxKeys);
  }

  get filesDir(): string | undefined {
    return this.store.filesDir;
  }

  async put(key: string, content: string): Promise<void> {
    const now = Date.now();
    const at = this.recent.get(key);
    if (at !== undefined && now - at < this.windowMs) return;
    await this.store.put(key, content);
    this.recent.set(key, now);
  }
}
