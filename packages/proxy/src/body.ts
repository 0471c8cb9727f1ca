/** Thrown when a request body is larger than the configured limit; the client gets a 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds the proxy's limit of ${limit} bytes (raise it with --max-body-bytes)`);
  }
}

/**
 * Reads a request body up to `limit` bytes. The declared content-length is checked first so an
 * oversized upload is refused before it is read.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
