// A marked block of TOML appended to a user's config file, and its byte-exact removal. We append rather
// than merge so the user's bytes are never re-serialised: removing exactly the string we inserted gives
// back the file they had, comments and formatting included.

const begin = (id: string) => `# >>> headroom ${id} (added by headroom; \`headroom unwrap\` / \`headroom mcp uninstall\` removes it) >>>`;
const end = (id: string) => `# <<< headroom ${id} <<<`;
// Found by prefix, so blocks written by a version with other wording are still recognised.
const beginPrefix = (id: string) => `# >>> headroom ${id} `;

/** The exact text to append to `original` so the block `body` lands on its own lines after it. */
export function blockFor(original: string, id: string, body: string): string {
  const sep = original === '' ? '' : original.endsWith('\n') ? '\n' : '\n\n';
  return `${sep}${begin(id)}\n${body.endsWith('\n') ? body : `${body}\n`}${end(id)}\n`;
}

export function insertBlock(original: string, id: string, body: string): { text: string; inserted: string } {
  const inserted = blockFor(original, id, body);
  return { text: original + inserted, inserted };
}

export function hasBlock(text: string, id: string): boolean {
  return text.includes(beginPrefix(id));
}

/**
 * Removes the block. When `inserted` (the exact string we appended) is still there, removing it is
 * byte-exact. Otherwise (the user edited inside the block, or the record was lost in a crash) the lines
 * from our begin marker to our end marker go, and `exact` is false.
 */
export function removeBlock(text: string, id: string, inserted?: string): { text: string; removed: boolean; exact: boolean } {
  if (inserted) {
    const at = text.lastIndexOf(inserted);
    if (at >= 0) return { text: text.slice(0, at) + text.slice(at + inserted.length), removed: true, exact: true };
  }
  const b = text.indexOf(beginPrefix(id));
  if (b < 0) return { text, removed: false, exact: false };
  const e = text.indexOf(end(id), b);
  const stop = e < 0 ? text.length : text.indexOf('\n', e) < 0 ? text.length : text.indexOf('\n', e) + 1;
  // Take the blank separator line we added before the block with it.
  let start = b;
  if (text.slice(0, start).endsWith('\n\n')) start -= 1;
  return { text: text.slice(0, start) + text.slice(stop), removed: true, exact: false };
}

/** A `[table]` header the user defined themselves (outside our block): appending ours would make invalid TOML. */
export function definesTable(text: string, id: string, table: string): boolean {
  const outside = removeBlock(text, id).text;
  const escaped = table.replace(/[.[\]]/g, (c) => `\\${c}`);
  return new RegExp(`^\\s*\\[\\s*${escaped}\\s*\\]`, 'm').test(outside);
}

/** A TOML basic string. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}
