import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, headroomHome, PRIVATE_FILE_MODE } from '@headroom/core';
import { writeText } from './config/managed-file.js';

// Small JSON records of what headroom changed on this machine (`<HEADROOM_HOME>/state/<name>.json`), so
// `unwrap`, `mcp uninstall` and a later run after a crash can undo exactly that.

function statePath(name: string): string {
  return join(headroomHome(), 'state', `${name}.json`);
}

export function readState<T>(name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(statePath(name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function writeState(name: string, value: unknown): void {
  ensurePrivateDir(headroomHome());
  ensurePrivateDir(join(headroomHome(), 'state'));
  writeText(statePath(name), JSON.stringify(value, null, 2) + '\n', PRIVATE_FILE_MODE);
}

export function clearState(name: string): void {
  rmSync(statePath(name), { force: true });
}

/** Whether a process still runs (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
