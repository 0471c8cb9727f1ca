import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { Ledger } from '@headroom/proxy/ledger';
import { createMcpServer } from '../src/index.js';

// Nothing may touch the real ~/.headroom: the CCR store and the savings file live in a temp dir.
const home = mkdtempSync(join(tmpdir(), 'headroom-mcp-'));
process.env.HEADROOM_HOME = home;

async function connect() {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer('9.9.9', { home }).connect(serverSide);
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(clientSide);
  return client;
}

const log =
  Array.from({ length: 400 }, (_, i) => `2026-11-21T09:${String(i % 60).padStart(2, '0')}:00Z INFO worker ${i} done`).join('\n') +
  '\n2026-11-21T09:31:00Z ERROR worker 401 failed: disk quota exceeded on /var/lib/app\n';

interface CompressOut {
  text: string;
  key: string | null;
  keys: string[];
  contentType: string;
  tokensBefore: number;
  tokensAfter: number;
  savedPercent: number;
}

describe('MCP server', () => {
  it('introduces itself and lists exactly the three tools', async () => {
    const client = await connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'headroom', version: '9.9.9' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['headroom_compress', 'headroom_retrieve', 'headroom_stats']);
  });

  it('compresses, keeps the error, and retrieves the exact original by key; stats are net of the retrieval', async () => {
    const client = await connect();
    const c = await client.callTool({ name: 'headroom_compress', arguments: { content: log, query: 'why did worker 401 fail' } });
    const out = c.structuredContent as unknown as CompressOut;
    expect(out.contentType).toBe('log');
    expect(out.text).toContain('ERROR worker 401 failed: disk quota exceeded on /var/lib/app');
    expect(out.tokensAfter).toBeLessThan(out.tokensBefore);
    expect(out.key).toMatch(/^hr_[0-9a-f]{24}$/);
    expect(out.text).toContain(`key=${out.key}`);

    const r = await client.callTool({ name: 'headroom_retrieve', arguments: { key: out.key } });
    expect(r.structuredContent).toEqual({ found: true, content: log });
    expect((r.content as { text: string }[])[0]!.text).toBe(log);

    const s = await client.callTool({ name: 'headroom_stats', arguments: {} });
    const stats = s.structuredContent as { session: Record<string, number>; lifetime: Record<string, number> };
    expect(stats.session.compressions).toBe(1);
    expect(stats.session.tokensBefore).toBe(out.tokensBefore);
    expect(stats.session.retrievals).toBe(1);
    expect(stats.session.retrievedTokens).toBe(out.tokensBefore);
    expect(stats.session.netSavedTokens).toBe(out.tokensBefore - out.tokensAfter - out.tokensBefore);
    expect(stats.lifetime.compressions).toBeGreaterThanOrEqual(1);
  });

  it('says clearly when a key is unknown, without an MCP error', async () => {
    const client = await connect();
    const r = await client.callTool({ name: 'headroom_retrieve', arguments: { key: 'hr_ffffffffffffffffffffffff' } });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { found: boolean; message: string };
    expect(s.found).toBe(false);
    expect(s.message).toContain('hr_ffffffffffffffffffffffff');
  });

  it('lifetime savings persist across server instances; session starts at zero', async () => {
    const a = await connect();
    await a.callTool({ name: 'headroom_compress', arguments: { content: log } });
    const before = ((await a.callTool({ name: 'headroom_stats', arguments: {} })).structuredContent as { lifetime: { compressions: number } }).lifetime.compressions;
    const b = await connect();
    const s = (await b.callTool({ name: 'headroom_stats', arguments: {} })).structuredContent as { session: { compressions: number }; lifetime: { compressions: number } };
    expect(s.session.compressions).toBe(0);
    expect(s.lifetime.compressions).toBe(before);
  });

  it('reports the proxy lifetime from its ledger file, net of retrievals', async () => {
    const client = await connect();
    const none = (await client.callTool({ name: 'headroom_stats', arguments: {} })).structuredContent as { proxy: unknown };
    expect(none.proxy).toBeNull();
    // Written by the proxy's own ledger, as a running proxy would.
    const ledger = new Ledger(home);
    Object.assign(ledger.entry('anthropic', 'claude-sonnet-4-6'), { requests: 7, tokensBefore: 30000, tokensAfter: 5000, retrievals: 2, retrievalTokens: 4000 });
    Object.assign(ledger.entry('openai', 'gpt-4o'), { requests: 5, tokensBefore: 20000, tokensAfter: 4000 });
    ledger.save();
    const since = JSON.parse(readFileSync(join(home, 'proxy-ledger.json'), 'utf8')).since as string;
    const s = await client.callTool({ name: 'headroom_stats', arguments: {} });
    expect((s.structuredContent as { proxy: unknown }).proxy).toEqual({ requests: 12, tokensBefore: 50000, tokensAfter: 9000, retrievals: 2, retrievalTokens: 4000, netSavedTokens: 37000, since });
    expect((s.content as { text: string }[])[0]!.text).toContain('net 37000 tokens saved');
  });

  it('passes small text through whole, with no key', async () => {
    const client = await connect();
    const c = await client.callTool({ name: 'headroom_compress', arguments: { content: 'ok' } });
    const out = c.structuredContent as unknown as CompressOut;
    expect(out.text).toBe('ok');
    expect(out.key).toBeNull();
  });
});
