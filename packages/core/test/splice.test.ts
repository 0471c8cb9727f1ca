// The splice writes a changed request keeping the client's bytes for every value it did not change. Its
// scanner finds where each string ends by jumping from quote to quote, so strings full of escapes are
// the case to get right: an escaped quote, an escaped backslash before a closing quote, and runs of both.
import { describe, expect, it } from 'vitest';
import { spliceJson } from '../src/conversation/splice.js';

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'quote " here', '\\', '\\\\', '\\"', '"\\', 'end\\', 'ünï', '😀', '\n', '\t', '{"json":[1,"two"]}', ' ', ',', ']', '}'];

function tricky(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

function value(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.4) return tricky(r);
  if (k < 0.5) return Math.floor(r() * 1000) / 8;
  if (k < 0.55) return null;
  if (k < 0.75) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`${tricky(r)}#${i}`, value(r, depth + 1)]));
}

/** A copy of `v` with one string somewhere replaced (containers on the way copied, the rest shared). */
function changeOneString(v: unknown, r: () => number): { next: unknown; changed: boolean } {
  if (typeof v === 'string') return { next: `${v}+${tricky(r)}`, changed: true };
  if (Array.isArray(v) && v.length > 0) {
    const i = Math.floor(r() * v.length);
    const { next, changed } = changeOneString(v[i], r);
    if (!changed) return { next: v, changed };
    const copy = v.slice();
    copy[i] = next;
    return { next: copy, changed };
  }
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    if (keys.length === 0) return { next: v, changed: false };
    const key = keys[Math.floor(r() * keys.length)]!;
    const { next, changed } = changeOneString((v as Record<string, unknown>)[key], r);
    return changed ? { next: { ...v, [key]: next }, changed } : { next: v, changed };
  }
  return { next: v, changed: false };
}

describe('spliceJson', () => {
  it('writes a request with escape-heavy strings that parses as the changed request, on 500 generated cases', () => {
    const r = random(13);
    for (let n = 0; n < 500; n++) {
      const doc = { messages: Array.from({ length: 1 + Math.floor(r() * 4) }, () => value(r, 0)), model: tricky(r) };
      // Pretty-printed half the time: whitespace between tokens is kept as the client sent it.
      const raw = Buffer.from(n % 2 === 0 ? JSON.stringify(doc) : JSON.stringify(doc, null, 2));
      const orig = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const { next: messages } = changeOneString(orig.messages, r);
      const next = { ...orig, messages, tools: [{ name: 'added' }] };
      const out = spliceJson(raw, orig, next).toString('utf8');
      expect(JSON.parse(out)).toEqual(next);
    }
  });

  it('keeps the client’s bytes for an unchanged value: its escapes and number spellings', () => {
    const raw = Buffer.from('{"keep": ["\\u0068i \\\\\\"", 1.50e1, "tail\\\\"], "change": "old \\\\\\" \\\\"}');
    const orig = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const out = spliceJson(raw, orig, { ...orig, change: 'new "text"' }).toString('utf8');
    expect(out).toBe('{"keep": ["\\u0068i \\\\\\"", 1.50e1, "tail\\\\"], "change": "new \\"text\\""}');
  });
});
