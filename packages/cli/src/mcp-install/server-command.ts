import { realpathSync } from 'node:fs';
import { VERSION } from '../version.js';

export interface ServerCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * How an agent should start `headroom mcp serve`. Run from an npx cache, the path would vanish with the
 * cache, so the entry goes back through npx with the exact version; otherwise this very Node and bin
 * file (no PATH lookup at the agent's start). A custom HEADROOM_HOME is passed on so the server shares
 * the CCR store with the proxy.
 */
export function serverCommand(argv1: string = process.argv[1] ?? '', env: NodeJS.ProcessEnv = process.env): ServerCommand {
  const extra = env.HEADROOM_HOME ? { env: { HEADROOM_HOME: env.HEADROOM_HOME } } : {};
  if (argv1.includes('/_npx/') || argv1 === '') return { command: 'npx', args: ['-y', `@headroom/cli@${VERSION}`, 'mcp', 'serve'], ...extra };
  let bin = argv1;
  try {
    bin = realpathSync(argv1);
  } catch {
    // keep what we were started as
  }
  return { command: process.execPath, args: [bin, 'mcp', 'serve'], ...extra };
}
