import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, headroom, makeSandbox } from './helpers/sandbox.js';

const sb = makeSandbox();
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'test-agent', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', 'serve'], env: sb.env as Record<string, string>, stderr: 'pipe' }));
});
afterAll(async () => {
  await client.close();
});

const json =
  Array.from({ length: 400 }, (_, i) => `2026-11-21T11:${String(i % 60).padStart(2, '0')}:00Z INFO request ${i} served in ${20 + (i % 7)}ms`).join('\n') +
  '\n2026-11-21T11:40:00Z ERROR request 401 failed: upstream timeout after 30s\n';

describe('headroom mcp serve (stdio, MCP SDK client)', () => {
  it('serves the three tools', async () => {
    expect(client.getServerVersion()?.name).toBe('headroom');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['headroom_compress', 'headroom_retrieve', 'headroom_stats']);
  });

  it('shares the CCR store: an MCP key works in `headroom retrieve`, a CLI key works in headroom_retrieve', async () => {
    const c = await client.callTool({ name: 'headroom_compress', arguments: { content: json, query: 'which request failed' } });
    const out = c.structuredContent as { text: string; key: string; tokensBefore: number; tokensAfter: number };
    expect(out.text).toContain('failed');
    expect(out.tokensAfter).toBeLessThan(out.tokensBefore);
    const cli = await headroom(sb, ['retrieve', out.key]).done;
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(json);

    const log = Array.from({ length: 300 }, (_, i) => `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}Z INFO job ${i} ok`).join('\n') + '\nERROR job 300 crashed: out of memory\n';
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'compress', '-', '--json'], { env: sb.env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.end(log);
    await new Promise((r) => child.on('close', r));
    const key = (JSON.parse(stdout) as { stats: { keys: string[] } }).stats.keys[0]!;
    const r = await client.callTool({ name: 'headroom_retrieve', arguments: { key } });
    expect(r.structuredContent).toEqual({ found: true, content: log });
  });

  it('reports session savings net of retrievals', async () => {
    const s = (await client.callTool({ name: 'headroom_stats', arguments: {} })).structuredContent as { session: { compressions: number; retrievals: number; netSavedTokens: number; tokensBefore: number; tokensAfter: number; retrievedTokens: number } };
    expect(s.session.compressions).toBe(1);
    expect(s.session.retrievals).toBe(1);
    expect(s.session.netSavedTokens).toBe(s.session.tokensBefore - s.session.tokensAfter - s.session.retrievedTokens);
  });
});
