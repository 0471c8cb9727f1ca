import { homedir } from 'node:os';
import { join } from 'node:path';

/** Headroom's data directory (store, models, state): `$HEADROOM_HOME`, else `~/.headroom`. */
export function headroomHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HEADROOM_HOME || join(homedir(), '.headroom');
}
