// Byte-faithful forwarding with node:http rather than fetch: fetch would transparently decompress
// gzip/br bodies and rewrite framing, so the client would not receive what the upstream sent.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);
/** Headers the proxy consumes itself. */
const OWN = new Set(['x-headroom-bypass']);

export interface UpstreamCall {
  method: string;
  /** Full upstream URL. */
  url: string;
  /** The client's headers (auth included, passed as they are). */
  headers: Headers;
  /** A body the proxy built (content-length is recomputed), or the client's stream, or none. */
  body?: Uint8Array | ReadableStream<Uint8Array> | null;
  signal?: AbortSignal;
  /** Ask for an unencoded response: the proxy must read it (retrieval loop). */
  identity?: boolean;
}

export function upstreamUrl(base: string, req: Request): string {
  const incoming = new URL(req.url);
  return base + incoming.pathname + incoming.search;
}

/** Sends one request upstream and resolves with the response head; the body streams from the result. */
export function callUpstream(call: UpstreamCall): Promise<IncomingMessage> {
  const target = new URL(call.url);
  const headers: Record<string, string> = {};
  call.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key) && !OWN.has(key)) headers[key] = value;
  });
  if (call.body instanceof Uint8Array) headers['content-length'] = String(call.body.byteLength);
  if (call.identity) headers['accept-encoding'] = 'identity';
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const out = send(target, { method: call.method, headers }, (res) => {
      // A client disconnect after the head arrived must still stop the upstream body.
      call.signal?.addEventListener('abort', () => res.destroy(), { once: true });
      resolve(res);
    });
    out.on('error', reject);
    if (call.signal?.aborted) out.destroy(new Error('client disconnected'));
    call.signal?.addEventListener('abort', () => out.destroy(new Error('client disconnected')), { once: true });
    const body = call.body;
    if (body instanceof Uint8Array) out.end(body);
    else if (body) Readable.fromWeb(body as import('node:stream/web').ReadableStream).pipe(out);
    else out.end();
  });
}

export function responseHeaders(upstream: IncomingMessage, drop: readonly string[] = []): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(upstream.headers)) {
    if (value === undefined || HOP_BY_HOP.has(key) || drop.includes(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  return headers;
}

/** The upstream response as the client will receive it: same status, headers and body bytes. */
export function relay(upstream: IncomingMessage, method: string, body?: ReadableStream<Uint8Array>): Response {
  const status = upstream.statusCode ?? 502;
  const noBody = status === 204 || status === 304 || method === 'HEAD';
  if (noBody) upstream.resume();
  const stream = noBody ? null : (body ?? (Readable.toWeb(upstream) as ReadableStream<Uint8Array>));
  return new Response(stream, { status, statusText: upstream.statusMessage, headers: responseHeaders(upstream) });
}

/** Forwards a request untouched. */
export async function forward(req: Request, upstreamBase: string): Promise<Response> {
  const upstream = await callUpstream({ method: req.method, url: upstreamUrl(upstreamBase, req), headers: req.headers, body: req.body, signal: req.signal });
  return relay(upstream, req.method);
}

/** Reads a whole upstream body (for the retrieval loop and error bodies). */
export async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
