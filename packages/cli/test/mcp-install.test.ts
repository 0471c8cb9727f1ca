import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { headroom, makeSandbox, type Sandbox } from './helpers/sandbox.js';

// Real-looking configs as the agents write them (indentation, trailing newline or not, other entries).
const CLAUDE_JSON = `{
  "numStartups": 12,
  "theme": "dark",
  "mcpServers": {
    "github": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {}
    }
  },
  "projects": {
    "/home/dev/app": { "allowedTools": [], "hasTrustDialogAccepted": true }
  }
}`;
const CURSOR_JSON = `{\n    "mcpServers": {\n        "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/dev"] }\n    }\n}\n`;
const OPENCODE_JSON = `{\n  "$schema": "https://opencode.ai/config.json",\n  "theme": "opencode",\n  "model": "anthropic/claude-sonnet-4-6"\n}\n`;
const CODEX_TOML = `# Codex configuration\nmodel = "gpt-5-codex"\n\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs-mcp"]\n`;

interface Files {
  claude: string;
  cursor: string;
  opencode: string;
  codex: string;
}

function machine(): { sb: Sandbox; files: Files } {
  // Only our bin dir and node on PATH: agents installed on the real machine must not count as found.
  const sb = makeSandbox();
  sb.env.PATH = `${sb.bin}:${dirname(process.execPath)}`;
  const files = {
    claude: join(sb.home, '.claude.json'),
    cursor: join(sb.home, '.cursor', 'mcp.json'),
    opencode: join(sb.home, '.config', 'opencode', 'opencode.json'),
    codex: join(sb.home, '.codex', 'config.toml'),
  };
  const content: Files = { claude: CLAUDE_JSON, cursor: CURSOR_JSON, opencode: OPENCODE_JSON, codex: CODEX_TOML };
  for (const k of Object.keys(files) as (keyof Files)[]) {
    mkdirSync(dirname(files[k]), { recursive: true });
    writeFileSync(files[k], content[k]);
  }
  return { sb, files };
}

describe('headroom mcp install / uninstall', () => {
  it('registers the server with every agent found, the registered command really serves MCP, and uninstall restores every byte', async () => {
    const { sb, files } = machine();
    const r = await headroom(sb, ['mcp', 'install', '--json']).done;
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as { agent: string; status: string }[];
    expect(results.map((x) => [x.agent, x.status])).toEqual([['claude', 'installed'], ['codex', 'installed'], ['cursor', 'installed'], ['opencode', 'installed']]);

    const claude = JSON.parse(readFileSync(files.claude, 'utf8')) as { numStartups: number; mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> };
    expect(claude.numStartups).toBe(12);
    expect(Object.keys(claude.mcpServers)).toEqual(['github', 'headroom']);
    const entry = claude.mcpServers.headroom!;
    expect(entry.args.slice(-2)).toEqual(['mcp', 'serve']);
    expect(entry.env).toEqual({ HEADROOM_HOME: sb.headroomHome });
    expect(readFileSync(files.codex, 'utf8')).toMatch(/^# Codex configuration[\s\S]*\n\n# >>> headroom mcp-server[^\n]*\n\[mcp_servers\.headroom\]\ncommand = "[^"]+"\nargs = \[[^\]]+"mcp", "serve"\]\nenv = \{ HEADROOM_HOME = "[^"]+" \}\n# <<< headroom mcp-server <<<\n$/);
    expect((JSON.parse(readFileSync(files.cursor, 'utf8')) as { mcpServers: object }).mcpServers).toHaveProperty('headroom');
    expect(readFileSync(files.cursor, 'utf8')).toContain('\n        "headroom": {');
    expect((JSON.parse(readFileSync(files.opencode, 'utf8')) as { mcp: { headroom: { type: string; command: string[] } } }).mcp.headroom).toMatchObject({ type: 'local', command: [entry.command, ...entry.args] });
    for (const f of Object.values(files)) expect(readFileSync(`${f}.headroom-backup`, 'utf8')).toBe({ [files.claude]: CLAUDE_JSON, [files.cursor]: CURSOR_JSON, [files.opencode]: OPENCODE_JSON, [files.codex]: CODEX_TOML }[f]);

    // What an agent would do: start the registered command and talk MCP to it.
    const client = new Client({ name: 'agent', version: '0' });
    await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...entry.env, PATH: process.env.PATH ?? '' } }));
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['headroom_compress', 'headroom_retrieve', 'headroom_stats']);
    await client.close();

    const again = await headroom(sb, ['mcp', 'install', '--json']).done;
    expect((JSON.parse(again.stdout) as { status: string }[]).map((x) => x.status)).toEqual(['reinstalled', 'reinstalled', 'reinstalled', 'reinstalled']);
    expect(readFileSync(files.codex, 'utf8').split('[mcp_servers.headroom]')).toHaveLength(2);

    const u = await headroom(sb, ['mcp', 'uninstall', '--json']).done;
    expect(u.code).toBe(0);
    expect((JSON.parse(u.stdout) as { status: string; exact: boolean }[]).every((x) => x.status === 'removed' && x.exact)).toBe(true);
    expect(readFileSync(files.claude, 'utf8')).toBe(CLAUDE_JSON);
    expect(readFileSync(files.cursor, 'utf8')).toBe(CURSOR_JSON);
    expect(readFileSync(files.opencode, 'utf8')).toBe(OPENCODE_JSON);
    expect(readFileSync(files.codex, 'utf8')).toBe(CODEX_TOML);
    for (const f of Object.values(files)) expect(existsSync(`${f}.headroom-backup`)).toBe(false);
    expect((await headroom(sb, ['mcp', 'uninstall']).done).stdout).toContain('nothing to uninstall');
  });

  it('when the agent rewrote its file meanwhile, uninstall removes only our entry and keeps their change', async () => {
    const { sb, files } = machine();
    await headroom(sb, ['mcp', 'install', '--agent', 'claude']).done;
    const changed = JSON.parse(readFileSync(files.claude, 'utf8')) as Record<string, unknown>;
    changed.numStartups = 13;
    writeFileSync(files.claude, JSON.stringify(changed, null, 2));
    const u = await headroom(sb, ['mcp', 'uninstall', '--json']).done;
    expect(JSON.parse(u.stdout)).toEqual([{ agent: 'claude', file: files.claude, status: 'removed', exact: false }]);
    const after = JSON.parse(readFileSync(files.claude, 'utf8')) as { numStartups: number; mcpServers: object };
    expect(after.numStartups).toBe(13);
    expect(Object.keys(after.mcpServers)).toEqual(['github']);
  });

  it('skips agents not on the machine, installs a named one anyway, and leaves a "headroom" entry it did not add', async () => {
    const sb = makeSandbox();
    sb.env.PATH = `${sb.bin}:${dirname(process.execPath)}`;
    const none = await headroom(sb, ['mcp', 'install']).done;
    expect(none.stdout).toContain('no agent configured');
    const codex = await headroom(sb, ['mcp', 'install', '--agent', 'codex', '--json']).done;
    expect(JSON.parse(codex.stdout)).toMatchObject([{ agent: 'codex', status: 'installed' }]);
    const file = join(sb.home, '.codex', 'config.toml');
    expect(readFileSync(file, 'utf8')).toContain('[mcp_servers.headroom]');
    await headroom(sb, ['mcp', 'uninstall', '--agent', 'codex']).done;
    expect(existsSync(file)).toBe(false);

    const cursor = join(sb.home, '.cursor', 'mcp.json');
    const theirs = `{"mcpServers":{"headroom":{"command":"my-own"}}}`;
    mkdirSync(dirname(cursor), { recursive: true });
    writeFileSync(cursor, theirs);
    const skip = await headroom(sb, ['mcp', 'install', '--agent', 'cursor', '--json']).done;
    expect(JSON.parse(skip.stdout)).toMatchObject([{ agent: 'cursor', status: 'skipped' }]);
    expect(readFileSync(cursor, 'utf8')).toBe(theirs);
  });

  it('a config file that is not valid JSON is reported, not overwritten (exit 1)', async () => {
    const { sb, files } = machine();
    writeFileSync(files.cursor, '{ "mcpServers": { ');
    const r = await headroom(sb, ['mcp', 'install', '--agent', 'cursor']).done;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('is not valid JSON');
    expect(readFileSync(files.cursor, 'utf8')).toBe('{ "mcpServers": { ');
  });
});
