import { stripVTControlCharacters } from 'node:util';
import { out } from './colors.js';

export const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function pct(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`;
}

/** A horizontal bar of `width` cells for `value` out of `max` (eighth-block precision). */
export function bar(value: number, max: number, width = 24): string {
  if (max <= 0 || value <= 0) return out.dim('·'.repeat(width));
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  const partial = rest > 0 ? '▏▎▍▌▋▊▉'[rest - 1]! : '';
  const filled = '█'.repeat(full) + partial;
  return out.green(filled) + out.dim('·'.repeat(Math.max(0, width - full - (partial ? 1 : 0))));
}

export function table(rows: string[][], align: ('l' | 'r')[] = []): string {
  // Width ignores ANSI colour codes.
  const visible = (s: string) => stripVTControlCharacters(s).length;
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visible(c));
    });
  }
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - visible(c));
          return align[i] === 'r' ? pad + c : c + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
