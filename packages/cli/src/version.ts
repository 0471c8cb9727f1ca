import { readFileSync } from 'node:fs';

/** The version of @headroom/cli, read from its package.json (all public packages share it). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
