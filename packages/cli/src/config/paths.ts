import { homedir } from 'node:os';
import { join } from 'node:path';

// Where each agent keeps its configuration. `homedir()` follows $HOME, so tests point it at a temp dir.

export function codexHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.CODEX_HOME || join(homedir(), '.codex');
}

export function codexConfig(env: NodeJS.ProcessEnv = process.env): string {
  return join(codexHome(env), 'config.toml');
}

/** Claude Code's user-scope MCP servers live in `~/.claude.json` under `mcpServers`. */
export function claudeJson(): string {
  return join(homedir(), '.claude.json');
}

export function claudeDir(): string {
  return join(homedir(), '.claude');
}

/** Cursor's global MCP configuration. */
export function cursorMcpJson(): string {
  return join(homedir(), '.cursor', 'mcp.json');
}

export function opencodeConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'opencode');
}

export function opencodeConfig(env: NodeJS.ProcessEnv = process.env): string {
  return join(opencodeConfigDir(env), 'opencode.json');
}
