import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { countTokens } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { createMcpServer } from '../src/index.js';

async function connect() {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer('9.9.9').connect(serverSide);
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(clientSide);
  return client;
}

describe('MCP server', () => {
  it('introduces itself and lists its tools', async () => {
    const client = await connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'headroom', version: '9.9.9' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['headroom_count_tokens']);
  });

  it('counts tokens through the native tokenizer', async () => {
    const client = await connect();
    const text = 'error: ENOENT: no such file or directory, open /srv/app/.env';
    const result = await client.callTool({ name: 'headroom_count_tokens', arguments: { text, model: 'gpt-4' } });
    expect(result.structuredContent).toEqual(countTokens(text, 'gpt-4'));
    expect(result.structuredContent).toMatchObject({ encoding: 'cl100k_base', exact: true });
  });
});
