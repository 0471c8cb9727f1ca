import { homedir } from 'node:os';
import { join } from 'node:path';

/** Headroom's data directory: `HEADROOM_HOME`, else `~/.headroom`. */
export function headroomHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HEADROOM_HOME || join(homedir(), '.headroom');
}

/** Where the CCR store materialises originals as plain files (`<dir>/<key>`), named in markers. */
export function ccrFilesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(headroomHome(env), 'ccr');
}
