import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addJsonEntry, removeJsonEntry } from '../src/config/json-entry.js';
import { definesTable, insertBlock, removeBlock } from '../src/config/toml-block.js';

const dir = () => mkdtempSync(join(tmpdir(), 'headroom-config-'));

describe('toml-block', () => {
  const body = '[mcp_servers.headroom]\ncommand = "node"';
  for (const [name, original] of [
    ['empty file', ''],
    ['trailing newline', 'model = "o3"\n'],
    ['no trailing newline', 'model = "o3"'],
    ['CRLF line endings', 'model = "o3"\r\n[tui]\r\nnotifications = true\r\n'],
    ['trailing blank lines', 'model = "o3"\n\n\n'],
  ] as const) {
    it(`inserts and removes byte for byte: ${name}`, () => {
      const { text, inserted } = insertBlock(original, 'x', body);
      expect(text.startsWith(original)).toBe(true);
      expect(text).toContain('\n[mcp_servers.headroom]\ncommand = "node"\n# <<< headroom x <<<\n');
      expect(removeBlock(text, 'x', inserted)).toEqual({ text: original, removed: true, exact: true });
    });
  }

  it('removes an edited block between its markers and keeps text the user added after it', () => {
    const { text } = insertBlock('a = 1\n', 'x', body);
    const edited = text.replace('command = "node"', 'command = "node" # mine') + '[later]\nb = 2\n';
    expect(removeBlock(edited, 'x', 'not there any more')).toEqual({ text: 'a = 1\n[later]\nb = 2\n', removed: true, exact: false });
  });

  it('sees a table the user defined outside our block, not the one inside it', () => {
    const { text } = insertBlock('a = 1\n', 'x', body);
    expect(definesTable(text, 'x', 'mcp_servers.headroom')).toBe(false);
    expect(definesTable(`${text}[ mcp_servers.headroom ]\n`, 'x', 'mcp_servers.headroom')).toBe(true);
    expect(definesTable('[mcp_servers.headroomx]\n', 'x', 'mcp_servers.headroom')).toBe(false);
  });
});

describe('json-entry', () => {
  it('keeps tab indentation and a missing final newline, and restores the exact bytes', () => {
    const file = join(dir(), 'mcp.json');
    const original = '{\n\t"mcpServers": {\n\t\t"fs": {"command": "npx"}\n\t},\n\t"x": [1,2]\n}';
    writeFileSync(file, original);
    const edit = addJsonEntry(file, ['mcpServers', 'headroom'], { command: 'node', args: ['a'] });
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('\n\t\t"headroom": {\n\t\t\t"command": "node"');
    expect(after.endsWith('}')).toBe(true);
    expect(readFileSync(`${file}.headroom-backup`, 'utf8')).toBe(original);
    expect(removeJsonEntry(edit)).toEqual({ exact: true, removed: true });
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(existsSync(`${file}.headroom-backup`)).toBe(false);
  });

  it('creates the section and the file when missing, and removes both', () => {
    const file = join(dir(), 'sub', 'opencode.json');
    const edit = addJsonEntry(file, ['mcp', 'headroom'], { type: 'local' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcp: { headroom: { type: 'local' } } });
    expect(removeJsonEntry(edit)).toEqual({ exact: true, removed: true });
    expect(existsSync(file)).toBe(false);
  });

  it('drops a section it created once empty, even after the file changed', () => {
    const file = join(dir(), 'c.json');
    writeFileSync(file, '{"a": 1}\n');
    const edit = addJsonEntry(file, ['mcpServers', 'headroom'], {});
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), b: 2 }, null, 2) + '\n');
    expect(removeJsonEntry(edit)).toEqual({ exact: false, removed: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1, b: 2 });
  });

  it('refuses a section that is not an object and leaves the file alone', () => {
    const file = join(dir(), 'd.json');
    writeFileSync(file, '{"mcpServers": []}');
    expect(() => addJsonEntry(file, ['mcpServers', 'headroom'], {})).toThrow('"mcpServers" is not an object');
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers": []}');
  });
});
