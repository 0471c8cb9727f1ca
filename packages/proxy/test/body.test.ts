// readBody: one buffer of the declared size, or a growing one for a chunked upload; the limit holds both ways.
import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readBody } from '../src/body.js';

function request(chunks: Uint8Array[], headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  });
  return new Request('http://proxy/v1/messages', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const concat = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe('readBody', () => {
  it('reads a body of a declared length into exactly its bytes', async () => {
    const parts = [bytes(70_000, 1), bytes(3, 2), bytes(100_000, 3)];
    const got = await readBody(request(parts, { 'content-length': '170003' }), 1 << 20);
    expect(Buffer.from(got).equals(concat(parts))).toBe(true);
  });

  it('reads a chunked body of unknown length (grown as it comes)', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => bytes(10_000 + i, i));
    const got = await readBody(request(parts), 1 << 20);
    expect(got.byteLength).toBe(concat(parts).length);
    expect(Buffer.from(got).equals(concat(parts))).toBe(true);
  });

  it('refuses a declared length over the limit before reading, and a chunked body once it passes it', async () => {
    await expect(readBody(request([bytes(10, 0)], { 'content-length': '2048' }), 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    await expect(readBody(request([bytes(600, 0), bytes(600, 1)]), 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    expect((await readBody(request([bytes(512, 0), bytes(512, 1)]), 1024)).byteLength).toBe(1024);
  });

  it('an empty body is empty', async () => {
    expect((await readBody(new Request('http://proxy/', { method: 'POST' }), 1024)).byteLength).toBe(0);
  });
});
