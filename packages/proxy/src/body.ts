/** Thrown when a request body is larger than the configured limit; the client gets a 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds the proxy's limit of ${limit} bytes (raise it with --max-body-bytes)`);
  }
}

/**
 * Reads a request body up to `limit` bytes. The declared content-length is checked first so an
 * oversized upload is refused before it is read. With a declared length the body is read straight into
 * one buffer of that size (each chunk released as it is copied): a 50 MB body costs 50 MB, not a list
 * of chunks plus their concatenation.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  let out = Number.isInteger(declared) && declared > 0 ? new Uint8Array(declared) : new Uint8Array(64 * 1024);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel();
      throw new BodyTooLarge(limit);
    }
    if (size + value.byteLength > out.byteLength) {
      // No (or a wrong) declared length: grow geometrically, bounded by the limit.
      const grown = new Uint8Array(Math.min(limit, Math.max(out.byteLength * 2, size + value.byteLength)));
      grown.set(out.subarray(0, size));
      out = grown;
    }
    out.set(value, size);
    size += value.byteLength;
  }
  return size === out.byteLength ? out : out.subarray(0, size);
}
