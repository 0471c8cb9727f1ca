import { describe, expect, it } from 'vitest';
import { fates, type Fate } from '../src/omissions.js';

const fateOf = (pieces: { text: string; fate: Fate }[], has: string) => pieces.find((p) => p.text.includes(has))?.fate;

describe('what the request view marks in an original', () => {
  it('minified JSON: per element, rows a table kept are rewritten, the rest not sent; keys alone do not count', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ id: i, name: `svc-${i}`, status: i === 7 ? 'error: disk full' : 'ok', region: 'eu' }));
    const original = JSON.stringify(rows);
    const sent = '#table 12 items, showing 3; cols #,"id","name","status"\n#const "region":"eu"\n0,0,"svc-0","ok"\n7,7,"svc-7","error: disk full"\n11,11,"svc-11","ok"\n[headroom: omitted 9 items of 12; key=hr_000000000000000000000000]';
    const pieces = fates(original, sent);
    expect(pieces.map((p) => p.text).join('')).toBe(original);
    expect(pieces).toHaveLength(12);
    expect(['svc-0"', 'svc-7"', 'svc-11"'].map((s) => fateOf(pieces, s))).toEqual(['rewritten', 'rewritten', 'rewritten']);
    expect(pieces.filter((p) => p.fate === 'omitted')).toHaveLength(9);
  });

  it('a log: verbatim lines kept, a folded line not sent even when its words are all in a template', () => {
    const original = 'INFO build step 0 ok\nINFO build step 5 ok\nERROR step 9 failed: exit 2\nINFO build step 10 ok';
    const sent = 'INFO build step 0 ok\n[headroom: omitted 2 lines of 4; dropped "INFO build step <*> ok"×2; key=hr_000000000000000000000000]\nERROR step 9 failed: exit 2';
    const pieces = fates(original, sent);
    expect(pieces.map((p) => p.text).join('')).toBe(original);
    expect(pieces.map((p) => p.fate)).toEqual(['kept', 'omitted', 'kept', 'omitted']);
  });

  it('pretty-printed JSON: a line per value, punctuation left unmarked', () => {
    const original = JSON.stringify([{ name: 'a-1', ok: true }, { name: 'b-2', ok: false }], null, 2);
    const sent = '#table 2 items, showing 1; cols #,"name","ok"\n0,"a-1",true\n[headroom: omitted 1 items of 2; key=hr_000000000000000000000000]';
    const pieces = fates(original, sent);
    expect(fateOf(pieces, '"a-1"')).toBe('rewritten');
    expect(fateOf(pieces, '"b-2"')).toBe('omitted');
    expect(pieces.filter((p) => /^\s*[[\]{},]+\s*$/.test(p.text)).every((p) => p.fate === 'kept')).toBe(true);
  });

  it('JSON inside a JSON string (an MCP result): its escaped values are found in the decoded table', () => {
    const inner = JSON.stringify([{ name: 'api.js', type: 'file' }, { name: 'cli.js', type: 'file' }, { name: 'gone.js', type: 'dir' }], null, 2);
    const original = JSON.stringify({ content: [{ type: 'text', text: inner }] });
    const sent = '{"content":[{"type":"text","text":#json-string\n#table 3 items, showing 2; cols "name","type"\n"api.js","file"\n"cli.js","file"\n[headroom: omitted 1 items of 3; key=hr_000000000000000000000000]\n#end}]}';
    const pieces = fates(original, sent);
    expect(pieces.map((p) => p.text).join('')).toBe(original);
    expect(fateOf(pieces, 'api.js')).toBe('rewritten');
    expect(fateOf(pieces, 'cli.js')).toBe('rewritten');
    expect(fateOf(pieces, 'gone.js')).toBe('omitted');
  });

  it('text sent whole is kept, blank lines too, and the pieces rebuild it byte for byte', () => {
    const text = 'a\n\n  indented\nlast line without newline';
    const pieces = fates(text, text);
    expect(pieces.every((p) => p.fate === 'kept')).toBe(true);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });
});
