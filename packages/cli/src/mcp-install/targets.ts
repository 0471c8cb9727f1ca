import { existsSync } from 'node:fs';
import { addJsonEntry, removeJsonEntry, type JsonEdit } from '../config/json-entry.js';
import { dropBackupIfRestored, ensureBackup, readText, removeFile, writeText, type FileEdit } from '../config/managed-file.js';
import { claudeDir, claudeJson, codexConfig, codexHome, cursorMcpJson, opencodeConfig, opencodeConfigDir } from '../config/paths.js';
import { definesTable, hasBlock, insertBlock, removeBlock, tomlString } from '../config/toml-block.js';
import { findExecutable } from '../wrap/launch.js';
import { dirname } from 'node:path';
import type { ServerCommand } from './server-command.js';

export const SERVER_NAME = 'headroom';
const CODEX_MCP_BLOCK = 'mcp-server';

export type InstallEdit = (JsonEdit & { kind: 'json' }) | (FileEdit & { kind: 'toml' });

/** One agent's MCP configuration: where it is, whether the agent is on this machine, how to add/remove us. */
export interface McpTarget {
  agent: string;
  file(): string;
  detected(): boolean;
  /** An entry named "headroom" that we did not add (so we leave it alone). */
  hasForeignEntry(): boolean;
  install(cmd: ServerCommand): InstallEdit;
  uninstall(edit: InstallEdit): { removed: boolean; exact: boolean };
}

function jsonTarget(agent: string, file: () => string, detectPaths: () => string[], section: string, entry: (c: ServerCommand) => unknown): McpTarget {
  return {
    agent,
    file,
    detected: () => detectPaths().some((p) => existsSync(p)) || findExecutable(agent) !== undefined,
    hasForeignEntry: () => {
      const text = readText(file());
      if (!text) return false;
      try {
        const sec = (JSON.parse(text) as Record<string, Record<string, unknown> | undefined>)[section];
        return Boolean(sec && typeof sec === 'object' && SERVER_NAME in sec);
      } catch {
        return false;
      }
    },
    install: (cmd) => ({ kind: 'json', ...addJsonEntry(file(), [section, SERVER_NAME], entry(cmd)) }),
    uninstall: (edit) => (edit.kind === 'json' ? removeJsonEntry(edit) : { removed: false, exact: false }),
  };
}

/** Claude Code: user-scope servers in ~/.claude.json. */
const claude = jsonTarget('claude', claudeJson, () => [claudeJson(), claudeDir()], 'mcpServers', (c) => ({ type: 'stdio', command: c.command, args: c.args, env: c.env ?? {} }));

/** Cursor: ~/.cursor/mcp.json. */
const cursor = jsonTarget('cursor', cursorMcpJson, () => [dirname(cursorMcpJson())], 'mcpServers', (c) => ({ command: c.command, args: c.args, ...(c.env ? { env: c.env } : {}) }));

/** OpenCode: `mcp` in its global opencode.json; a local server's command is one array. */
const opencode = jsonTarget('opencode', () => opencodeConfig(), () => [opencodeConfigDir()], 'mcp', (c) => ({
  type: 'local',
  command: [c.command, ...c.args],
  enabled: true,
  ...(c.env ? { environment: c.env } : {}),
}));

/** Codex: a marked `[mcp_servers.headroom]` block appended to config.toml, removed byte for byte. */
const codex: McpTarget = {
  agent: 'codex',
  file: () => codexConfig(),
  detected: () => existsSync(codexHome()) || findExecutable('codex') !== undefined,
  hasForeignEntry: () => definesTable(readText(codexConfig()) ?? '', CODEX_MCP_BLOCK, 'mcp_servers.headroom'),
  install: (c) => {
    const file = codexConfig();
    let original = readText(file);
    if (original !== null && hasBlock(original, CODEX_MCP_BLOCK)) original = removeBlock(original, CODEX_MCP_BLOCK).text;
    const lines = ['[mcp_servers.headroom]', `command = ${tomlString(c.command)}`, `args = [${c.args.map(tomlString).join(', ')}]`];
    if (c.env) lines.push(`env = { ${Object.entries(c.env).map(([k, v]) => `${k} = ${tomlString(v)}`).join(', ')} }`);
    const backup = ensureBackup(file, original);
    const { text, inserted } = insertBlock(original ?? '', CODEX_MCP_BLOCK, lines.join('\n'));
    writeText(file, text);
    return { kind: 'toml', file, created: original === null, after: text, inserted, ...(backup ? { backup } : {}) };
  },
  uninstall: (edit) => {
    const current = readText(edit.file);
    if (current === null) return { removed: false, exact: false };
    const r = removeBlock(current, CODEX_MCP_BLOCK, edit.inserted);
    if (!r.removed) return { removed: false, exact: false };
    if (edit.created && r.text === '') removeFile(edit.file);
    else writeText(edit.file, r.text);
    dropBackupIfRestored(edit, edit.created && r.text === '' ? null : r.text);
    return { removed: true, exact: r.exact };
  },
};

export const MCP_TARGETS: McpTarget[] = [claude, codex, cursor, opencode];
export const MCP_AGENTS = MCP_TARGETS.map((t) => t.agent);
