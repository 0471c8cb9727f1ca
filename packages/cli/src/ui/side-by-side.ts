// A compact two-column view of one block: the original on the left, what was sent on the right, lines
// paired where the sent text kept them, omitted runs folded to a count, markers on the right alone.

export interface SideRow {
  left: string | null;
  right: string | null;
  /** A run of original lines that were not sent, folded. */
  omitted?: number;
}

/** How far ahead in the sent text a kept original line is looked for (markers sit between kept lines). */
const LOOKAHEAD = 8;

export function pairLines(original: string, sent: string): SideRow[] {
  const a = original.split('\n');
  const b = sent.split('\n');
  const rows: SideRow[] = [];
  let j = 0;
  let run = 0;
  const flush = () => {
    if (run > 0) rows.push({ left: null, right: null, omitted: run });
    run = 0;
  };
  for (const line of a) {
    let k = -1;
    for (let d = 0; d < LOOKAHEAD && j + d < b.length; d++) {
      if (b[j + d] === line) {
        k = j + d;
        break;
      }
    }
    if (k < 0) {
      run++;
      continue;
    }
    flush();
    for (; j < k; j++) rows.push({ left: null, right: b[j]! });
    rows.push({ left: line, right: b[j]! });
    j++;
  }
  flush();
  for (; j < b.length; j++) rows.push({ left: null, right: b[j]! });
  return rows;
}

const cell = (s: string, w: number) => (s.length > w ? s.slice(0, Math.max(0, w - 1)) + '…' : s.padEnd(w));

export interface Paint {
  omitted(s: string): string;
  marker(s: string): string;
  dim(s: string): string;
}

/** At most `maxRows` rows of `width` columns in all. */
export function renderSideBySide(rows: SideRow[], width: number, maxRows: number, paint: Paint): string {
  const col = Math.max(20, Math.floor((width - 3) / 2));
  const lines = [paint.dim(`${cell('original', col)} │ sent upstream`)];
  for (const r of rows.slice(0, maxRows)) {
    if (r.omitted !== undefined) {
      lines.push(`${paint.omitted(cell(`− ${r.omitted} line${r.omitted === 1 ? '' : 's'} not sent as they were`, col))} │`);
      continue;
    }
    const right = r.right === null ? '' : r.left === null && r.right.includes('[headroom:') ? paint.marker(cell(r.right, col)) : cell(r.right, col);
    lines.push(`${cell(r.left ?? '', col)} │ ${right}`.trimEnd());
  }
  if (rows.length > maxRows) lines.push(paint.dim(`… ${rows.length - maxRows} more rows (--lines to see more)`));
  return lines.join('\n');
}
