import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What headroom did to one user file, enough to undo it: whether we created it, the exact text we wrote,
 * and where the backup of the user's original lives (`<file>.headroom-backup`).
 */
export interface FileEdit {
  file: string;
  created: boolean;
  /** The whole file as headroom left it. */
  after: string;
  /** For appended blocks: the exact appended text. */
  inserted?: string;
  backup?: string;
}

export function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Atomic write: a crash mid-write leaves the old file, never half of the new one. `mode`: the new file's. */
export function writeText(file: string, text: string, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.headroom-tmp-${process.pid}`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
}

export function backupPath(file: string): string {
  return `${file}.headroom-backup`;
}

/**
 * Saves the user's original before the first edit. An existing backup is kept: it is the pre-headroom
 * original left by an earlier run that crashed, and overwriting it would lose it.
 */
export function ensureBackup(file: string, original: string | null): string | undefined {
  if (original === null) return undefined;
  const path = backupPath(file);
  if (!existsSync(path)) writeText(path, original);
  return path;
}

/** Drops the backup once the file is back to exactly what it holds. */
export function dropBackupIfRestored(edit: Pick<FileEdit, 'backup'>, current: string | null): void {
  if (!edit.backup) return;
  const saved = readText(edit.backup);
  if (saved !== null && saved === current) rmSync(edit.backup, { force: true });
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}
