// Sticky bytes for tool results: whatever the proxy sent upstream for a tool result the first time —
// compressed, or as is because compression overran its budget or failed — it sends every time after,
// so the provider's prompt cache keeps hitting. The proxy has no conversation id, so the decision is
// per content (hash of the tool result and the settings that change its compression), like the core
// memo, and bounded like it (least recently used goes first).
import { Memo } from '../compress/memo.js';

/** The tool result went up as the client sent it. */
export const AS_IS = true;
export type Sent = string | typeof AS_IS;

export class StickyBytes {
  private readonly memo: Memo<Sent>;

  constructor(maxEntries = 4096) {
    this.memo = new Memo<Sent>(maxEntries);
  }

  static key(text: string, profile: string): string {
    return Memo.key(text, 'sticky', profile);
  }

  get(key: string): Sent | undefined {
    return this.memo.get(key);
  }

  /** Records what was sent for `original`: the first record for a key wins. */
  record(key: string, original: string, sent: string): Sent {
    const before = this.memo.get(key);
    if (before !== undefined) return before;
    const value: Sent = sent === original ? AS_IS : sent;
    this.memo.set(key, value);
    return value;
  }
}

