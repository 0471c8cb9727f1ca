// Which parts of a block's original reached the model, judged from the text that was sent: a piece kept
// verbatim, one whose values all appear in the sent text (rewritten: minified JSON, rows of a table,
// a folded body's signature), or one that was not sent. A heuristic for the eye: the marker in the sent
// text stays the authority on what was omitted.

export type Fate = 'kept' | 'rewritten' | 'omitted';

/** Every JSON string, left to right (so a closing quote never opens one), and whether a `:` follows. */
const STRING = /"(?:[^"\\\n]|\\.)*"(\s*:)?/g;
/** Words: names, numbers, paths, identifiers — every one, so "step 5" is not taken for "step 0". */
const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_.\-/]*/gu;
/** A long line (minified JSON) is judged per element: after `},` or `],`. */
const LONG = 160;
const ELEMENT_END = /(?<=[}\]],)/;

/** The same inside a JSON string (an MCP tool's text holding JSON): `\"value\"`. */
const ESCAPED_STRING = /\\"((?:[^"\\\n]|\\[^"])*)\\"(\s*:)?/g;

/**
 * String values, quotes included: a string followed by `:` is a key, which a table keeps in its header.
 * A piece with escaped quotes is JSON inside a string: its own values are what counts, compared decoded.
 */
function valuesOf(s: string): string[] {
  if (s.includes('\\"')) return [...s.matchAll(ESCAPED_STRING)].filter((m) => !m[2]).map((m) => `"${m[1]}"`);
  return [...s.matchAll(STRING)].filter((m) => !m[1]).map((m) => m[0]);
}
const wordsOf = (s: string): string[] => s.match(WORD) ?? [];

export interface Piece {
  text: string;
  fate: Fate;
}

/** The original cut into pieces (concatenated they are the original, byte for byte), each with its fate. */
export function fates(original: string, sent: string): Piece[] {
  const verbatim = new Set(sent.split('\n').map((l) => l.trim()));
  const sentValues = new Set(valuesOf(sent));
  const sentWords = new Set(wordsOf(sent));
  const fateOf = (piece: string): Fate => {
    const t = piece.trim();
    if (t === '' || verbatim.has(t)) return 'kept';
    const values = valuesOf(piece);
    const tokens = values.length > 0 ? values : wordsOf(piece);
    const known = values.length > 0 ? sentValues : sentWords;
    // Punctuation alone (`},`) carries nothing to lose: left unmarked.
    if (tokens.length === 0) return 'kept';
    return tokens.every((x) => known.has(x)) ? 'rewritten' : 'omitted';
  };
  const out: Piece[] = [];
  const lines = original.split('\n');
  lines.forEach((line, i) => {
    const nl = i < lines.length - 1 ? '\n' : '';
    const parts = line.length > LONG ? line.split(ELEMENT_END) : [line];
    for (const [j, p] of parts.entries()) out.push({ text: p + (j === parts.length - 1 ? nl : ''), fate: fateOf(p) });
  });
  return out;
}
