// Re-serializes a changed request by splicing: every value the proxy did not change keeps the client's
// exact bytes (invalid UTF-8, escapes and number spellings included); only changed values are written
// with JSON.stringify. Structure is read from the raw bytes, where every JSON delimiter is ASCII, so a
// body that is not valid UTF-8 is scanned exactly as JSON.parse saw it after U+FFFD replacement.

type Obj = Record<string, unknown>;
const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Bytes that end a bare value (number, true, false, null): whitespace, `,`, `]`, `}`, `:`. */
const endsBare = (c: number): boolean => isWs(c) || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a;

/** Strings at least this long have their end remembered: a splice reads each level of the tree in turn. */
const REMEMBERED_STRING = 256;

class Scanner {
  /**
   * Ends (exclusive) of the containers and long strings already scanned, by start: the members of the
   * request, then of each changed message, then of its blocks are read in turn, and without this each
   * level would scan the long tool results below it again.
   */
  private readonly ends = new Map<number, number>();

  constructor(readonly b: Uint8Array) {}

  ws(i: number): number {
    while (i < this.b.length && isWs(this.b[i])) i++;
    return i;
  }

  /**
   * The end (exclusive) of the string starting at the quote at `i`. Jumps from quote to quote with
   * `indexOf` (a memchr): tool results are long strings, and a byte loop over them dominated a splice.
   */
  string(i: number): number {
    const known = this.ends.get(i);
    if (known !== undefined) return known;
    const b = this.b;
    for (let q = b.indexOf(0x22, i + 1); q >= 0; q = b.indexOf(0x22, q + 1)) {
      // Escaped when an odd number of backslashes stands before it.
      let k = q - 1;
      while (b[k] === 0x5c) k--;
      if ((q - 1 - k) % 2 === 0) {
        if (q - i >= REMEMBERED_STRING) this.ends.set(i, q + 1);
        return q + 1;
      }
    }
    throw new Error('unterminated string');
  }

  /** The end (exclusive) of the value starting at `i` (iterative: no recursion on nesting). */
  value(i: number): number {
    const b = this.b;
    const c = b[i];
    if (c === 0x22) return this.string(i);
    if (c !== 0x7b && c !== 0x5b) {
      while (i < b.length && !endsBare(b[i]!)) i++;
      return i;
    }
    const known = this.ends.get(i);
    if (known !== undefined) return known;
    const open: number[] = [];
    for (; i < b.length; i++) {
      const x = b[i];
      if (x === 0x22) i = this.string(i) - 1;
      else if (x === 0x7b || x === 0x5b) {
        const end = this.ends.get(i);
        if (end !== undefined) i = end - 1;
        else open.push(i);
      } else if (x === 0x7d || x === 0x5d) {
        const start = open.pop()!;
        this.ends.set(start, i + 1);
        if (open.length === 0) return i + 1;
      }
    }
    throw new Error('unterminated container');
  }

  /** Elements of the array at `start`: [start, end) of each. */
  elements(start: number): [number, number][] {
    const out: [number, number][] = [];
    let i = this.ws(start + 1);
    if (this.b[i] === 0x5d) return out;
    for (;;) {
      const end = this.value(i);
      out.push([i, end]);
      i = this.ws(end);
      if (this.b[i] === 0x5d) return out;
      i = this.ws(i + 1); // the comma
    }
  }

  /** The text of the key string at [start, end): plain ASCII directly, anything else through JSON.parse. */
  key(start: number, end: number): string {
    const b = this.b;
    let plain = '';
    for (let i = start + 1; i < end - 1; i++) {
      const c = b[i]!;
      if (c >= 0x80 || c === 0x5c || c < 0x20) return JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8')) as string;
      plain += String.fromCharCode(c);
    }
    return plain;
  }

  /** Members of the object at `start`: the key's text and the [start, end) of the member and its value. */
  members(start: number): { key: string; start: number; valueStart: number; valueEnd: number }[] {
    const out: { key: string; start: number; valueStart: number; valueEnd: number }[] = [];
    let i = this.ws(start + 1);
    if (this.b[i] === 0x7d) return out;
    for (;;) {
      const keyEnd = this.string(i);
      const key = this.key(i, keyEnd);
      const valueStart = this.ws(this.ws(keyEnd) + 1); // past the colon
      const valueEnd = this.value(valueStart);
      out.push({ key, start: i, valueStart, valueEnd });
      i = this.ws(valueEnd);
      if (this.b[i] === 0x7d) return out;
      i = this.ws(i + 1);
    }
  }
}

/**
 * The bytes of `next`, a changed copy of `orig` (the value JSON.parse gave for `raw`): unchanged values
 * (the same object, or an equal primitive) are copied from `raw`. Containers are matched by identity
 * first, so messages inserted into or appended to a list leave the others' bytes alone.
 */
export function spliceJson(raw: Uint8Array, orig: unknown, next: unknown): Buffer {
  const s = new Scanner(raw);
  const parts: Uint8Array[] = [];
  const slice = (a: number, b: number): void => {
    parts.push(raw.subarray(a, b));
  };
  const text = (t: string): void => {
    parts.push(Buffer.from(t));
  };

  const emit = (o: unknown, n: unknown, start: number, end: number): void => {
    if (o === n || (typeof n !== 'object' && typeof o !== 'object')) {
      if (Object.is(o, n)) {
        slice(start, end);
        return;
      }
    }
    if (isPlain(o) && isPlain(n)) emitObject(o, n, start, end);
    else if (Array.isArray(o) && Array.isArray(n)) emitArray(o, n, start, end);
    else text(JSON.stringify(n));
  };

  const emitObject = (o: Obj, n: Obj, start: number, end: number): void => {
    const members = s.members(start);
    const last = new Map<string, number>();
    members.forEach((m, i) => {
      last.set(m.key, i);
    });
    const oKeys = Object.keys(o);
    const nKeys = Object.keys(n);
    const kept = last.size === oKeys.length && oKeys.every((k) => Object.hasOwn(n, k));
    if (kept) {
      // In place: keys, separators and whitespace stay as they were; added keys go before the brace.
      let at = start;
      members.forEach((m, i) => {
        if (last.get(m.key) !== i) return;
        slice(at, m.valueStart);
        emit(o[m.key], n[m.key], m.valueStart, m.valueEnd);
        at = m.valueEnd;
      });
      const added = nKeys.filter((k) => !last.has(k) && n[k] !== undefined);
      if (added.length === 0) return void slice(at, end);
      const close = members.length > 0 ? at : start + 1;
      if (members.length === 0) slice(start, close);
      text(added.map((k, i) => `${members.length > 0 || i > 0 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(n[k])}`).join(''));
      return void slice(close, end);
    }
    // Keys added or removed: kept members keep their bytes, added ones are written.
    text('{');
    let first = true;
    const sep = () => {
      if (!first) text(',');
      first = false;
    };
    members.forEach((m, i) => {
      if (last.get(m.key) !== i || !Object.hasOwn(n, m.key)) return;
      sep();
      slice(m.start, m.valueStart);
      emit(o[m.key], n[m.key], m.valueStart, m.valueEnd);
    });
    for (const k of nKeys) {
      if (last.has(k) || n[k] === undefined) continue;
      sep();
      text(`${JSON.stringify(k)}:${JSON.stringify(n[k])}`);
    }
    text('}');
  };

  const emitArray = (o: unknown[], n: unknown[], start: number, end: number): void => {
    const els = s.elements(start);
    if (o.length === n.length || (n.length > o.length && o.every((v, i) => v === n[i]))) {
      // In place (appended elements go before the bracket).
      let at = start;
      els.forEach(([a, b], i) => {
        slice(at, a);
        emit(o[i], n[i], a, b);
        at = b;
      });
      const close = els.length > 0 ? at : start + 1;
      if (els.length === 0) slice(start, close);
      text(n.slice(o.length).map((v, i) => `${els.length > 0 || i > 0 ? ',' : ''}${JSON.stringify(v)}`).join(''));
      return void slice(close, end);
    }
    // Align by identity; an unmatched new element is compared with the next unmatched original one.
    const index = new Map<unknown, number>();
    o.forEach((v, i) => {
      if (typeof v === 'object' && v !== null && !index.has(v)) index.set(v, i);
    });
    const anchored = new Set<number>();
    let floor = 0;
    const anchor = n.map((v) => {
      const i = index.get(v);
      if (i === undefined || i < floor) return -1;
      floor = i + 1;
      anchored.add(i);
      return i;
    });
    text('[');
    let cursor = 0;
    n.forEach((v, j) => {
      if (j > 0) text(',');
      const a = anchor[j]!;
      if (a >= 0) {
        cursor = a + 1;
        slice(els[a]![0], els[a]![1]);
      } else if (cursor < o.length && !anchored.has(cursor)) {
        const [x, y] = els[cursor]!;
        emit(o[cursor], v, x, y);
        cursor++;
      } else {
        text(JSON.stringify(v));
      }
    });
    text(']');
  };

  const start = s.ws(0);
  const end = s.value(start);
  slice(0, start);
  emit(orig, next, start, end);
  slice(end, raw.length);
  return Buffer.concat(parts);
}
