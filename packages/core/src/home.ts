import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Headroom's data directory (store, models, state): `$HEADROOM_HOME`, else `~/.headroom`. */
export function headroomHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HEADROOM_HOME || join(homedir(), '.headroom');
}

/** The mode of every file Headroom writes under its home: originals, ledgers and logs are the owner's only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) readable by the owner only (0700), and tightens it to 0700 when it
 * already exists with a looser mode and belongs to this user. Does nothing more on Windows.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Sets `path` to `mode` when it is ours and looser than that (a missing or foreign file is left alone). */
export function tighten(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const st = statSync(path);
    if ((st.mode & 0o777 & ~mode) !== 0 && st.uid === process.getuid?.()) chmodSync(path, mode);
  } catch {
    // gone, or not ours to change: opening or writing reports the real problem
  }
}
