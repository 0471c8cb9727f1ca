import { dropBackupIfRestored, ensureBackup, readText, removeFile, writeText, type FileEdit } from './managed-file.js';

export interface JsonEdit extends FileEdit {
  /** Where our entry sits, e.g. `["mcpServers", "headroom"]`. */
  path: [string, string];
  /** Whether we created the section object (removed again when it ends up empty). */
  createdSection: boolean;
}

type Obj = Record<string, unknown>;

function parse(file: string, text: string): Obj {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}); fix it or pass --agent to skip it`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file} does not hold a JSON object`);
  return value as Obj;
}

/** The indentation the file already uses, so our rewrite looks like theirs. */
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)"/.exec(text);
  return m ? m[1]! : 2;
}

function serialise(obj: Obj, like: string | null): string {
  const nl = like === null || like.endsWith('\n') ? '\n' : '';
  return JSON.stringify(obj, null, like === null ? 2 : indentOf(like)) + nl;
}

/** Sets `section.name = value` in a JSON config file, with a backup of the original. */
export function addJsonEntry(file: string, path: [string, string], value: unknown): JsonEdit {
  const original = readText(file);
  const obj = original === null || original.trim() === '' ? {} : parse(file, original);
  const [section, name] = path;
  const existing = obj[section];
  const createdSection = existing === undefined;
  if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing))) {
    throw new Error(`${file}: "${section}" is not an object; not touching it`);
  }
  const sec = (existing ?? {}) as Obj;
  sec[name] = value;
  obj[section] = sec;
  const after = serialise(obj, original);
  const backup = ensureBackup(file, original);
  writeText(file, after);
  return { file, created: original === null, after, path, createdSection, ...(backup ? { backup } : {}) };
}

/**
 * Undoes `addJsonEntry`. If nobody touched the file since, the user's original bytes come back from the
 * backup (byte-exact). If the agent rewrote it meanwhile, only our entry is removed and their changes stay.
 */
export function removeJsonEntry(edit: JsonEdit): { exact: boolean; removed: boolean } {
  const current = readText(edit.file);
  if (current === null) return { exact: false, removed: false };
  if (current === edit.after) {
    const saved = edit.backup ? readText(edit.backup) : null;
    if (edit.created) removeFile(edit.file);
    else if (saved !== null) writeText(edit.file, saved);
    else return removeEntryOnly(edit, current);
    dropBackupIfRestored(edit, edit.created ? null : saved);
    return { exact: true, removed: true };
  }
  return removeEntryOnly(edit, current);
}

function removeEntryOnly(edit: JsonEdit, current: string): { exact: boolean; removed: boolean } {
  let obj: Obj;
  try {
    obj = parse(edit.file, current);
  } catch {
    return { exact: false, removed: false };
  }
  const [section, name] = edit.path;
  const sec = obj[section] as Obj | undefined;
  if (!sec || typeof sec !== 'object' || !(name in sec)) return { exact: false, removed: false };
  delete sec[name];
  if (edit.createdSection && Object.keys(sec).length === 0) delete obj[section];
  writeText(edit.file, serialise(obj, current));
  return { exact: false, removed: true };
}
