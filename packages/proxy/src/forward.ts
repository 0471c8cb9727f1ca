// Byte-faithful forwarding with node:http rather than fetch: fetch would transparently decompress
// gzip/br bodies and rewrite framing, so the client would not receive what the upstream sent.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

export async function forward(req: Request, upstreamBase: string): Promise<Response> {
  const incoming = new URL(req.url);
  const target = new URL(upstreamBase + incoming.pathname + incoming.search);
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key)) headers[key] = value;
  });
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const out = send(target, { method: req.method, headers }, resolve);
    out.on('error', reject);
    req.signal.addEventListener('abort', () => out.destroy(new Error('client disconnected')), { once: true });
    if (req.body) Readable.fromWeb(req.body as import('node:stream/web').ReadableStream).pipe(out);
    else out.end();
  });
  const responseHeaders = new Headers();
  for (const [key, value] of Object.entries(upstream.headers)) {
    if (value === undefined || HOP_BY_HOP.has(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(key, v);
  }
  const status = upstream.statusCode ?? 502;
  const body = status === 204 || status === 304 || req.method === 'HEAD' ? null : (Readable.toWeb(upstream) as ReadableStream);
  if (!body) upstream.resume();
  return new Response(body, { status, statusText: upstream.statusMessage, headers: responseHeaders });
}
