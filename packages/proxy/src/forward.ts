// Byte-faithful forwarding with node:http rather than fetch: fetch would transparently decompress
// gzip/br bodies and rewrite framing, so the client would not receive what the upstream sent.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { agentFor, failOnRefusedTunnel } from './upstream-agent.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);
/** Headers the proxy consumes itself. */
const OWN = new Set(['x-headroom-bypass']);

/**
 * How long the proxy waits on an upstream, in milliseconds (0 = no limit):
 * - `connectMs`: DNS + TCP (+ TLS) until the connection is up;
 * - `firstByteMs`: from the connection until the response head, counted again from the moment the
 *   request body has been fully sent (a model can think for minutes before its first byte);
 * - `idleMs`: between two body chunks once the head has arrived (time the client itself holds the
 *   stream back through backpressure does not count).
 */
export interface UpstreamTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

/**
 * Connect 10 s: a reachable API host answers a TCP/TLS handshake in well under a second. First byte
 * 300 s: a non-streaming request to a reasoning model with a long output may legitimately take minutes
 * before its head (the SDKs' own default request timeout is 10 min; Anthropic's asks to stream beyond
 * that). Idle 120 s: streams send events (Anthropic pings, reasoning progress) far more often than that.
 */
export const DEFAULT_UPSTREAM_TIMEOUTS: UpstreamTimeouts = { connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000 };

/** The upstream stayed silent longer than one of the limits. */
export class UpstreamTimeout extends Error {
  override name = 'UpstreamTimeout';
  constructor(
    readonly phase: 'connect' | 'first-byte' | 'idle',
    readonly ms: number,
  ) {
    super(
      phase === 'connect'
        ? `no connection within ${ms} ms (connect timeout)`
        : phase === 'first-byte'
          ? `no response within ${ms} ms of the request (first-byte timeout)`
          : `the response stalled: no data for ${ms} ms (idle timeout)`,
    );
  }
}

/** The upstream was reached (the connection was up) and closed or reset it before answering. */
export class UpstreamClosed extends Error {
  override name = 'UpstreamClosed';
  constructor(readonly cause: Error) {
    super(`the upstream closed the connection before answering (${(cause as { code?: string }).code ?? cause.message})`);
  }
}

/**
 * The timeouts of a client request's upstream calls, by its abort signal: the retrieval loops send their
 * continuations with the client's signal, so they get the same limits without passing them around.
 */
const bySignal = new WeakMap<AbortSignal, UpstreamTimeouts>();
export function bindTimeouts(signal: AbortSignal, timeouts: UpstreamTimeouts): void {
  bySignal.set(signal, timeouts);
}

/**
 * Runs `onAbort` if the client's signal aborts while `stream` is open. The listener goes when the stream
 * closes: the signal can outlive the exchange by far (undici holds a Request's parent signal until the
 * Request is collected), and a listener left on it would keep the request body and the response alive.
 */
function listenUntilClosed(signal: AbortSignal | undefined, stream: { once(event: 'close', f: () => void): unknown }, onAbort: () => void): void {
  if (!signal) return;
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
}

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
  /** @default the ones bound to `signal`, else DEFAULT_UPSTREAM_TIMEOUTS */
  timeouts?: UpstreamTimeouts;
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
  const limits = call.timeouts ?? (call.signal && bySignal.get(call.signal)) ?? DEFAULT_UPSTREAM_TIMEOUTS;
  return new Promise<IncomingMessage>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, fire: () => void) => {
      clearTimeout(timer);
      timer = ms > 0 ? setTimeout(fire, ms) : undefined;
    };
    let connected = false;
    let headed = false;
    const waitHead = () => arm(limits.firstByteMs, () => out.destroy(new UpstreamTimeout('first-byte', limits.firstByteMs)));
    const agent = agentFor(target);
    const out = send(target, { method: call.method, headers, ...(agent ? { agent } : {}) }, (res) => {
      headed = true;
      clearTimeout(timer);
      // A client disconnect after the head arrived must still stop the upstream body.
      listenUntilClosed(call.signal, res, () => res.destroy());
      watchIdle(res, limits.idleMs);
      resolve(res);
    });
    // Armed now, not on 'socket': through a corporate proxy the socket only comes once the tunnel is up.
    arm(limits.connectMs, () => out.destroy(new UpstreamTimeout('connect', limits.connectMs)));
    if (agent) failOnRefusedTunnel(out, target);
    out.on('socket', (socket: Socket) => {
      const secure = target.protocol === 'https:';
      if (!socket.connecting) {
        connected = true; // a kept-alive connection
        waitHead();
        return;
      }
      arm(limits.connectMs, () => out.destroy(new UpstreamTimeout('connect', limits.connectMs)));
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        connected = true;
        if (!headed) waitHead();
      });
    });
    // The request is fully sent: the model's thinking time starts now.
    out.on('finish', () => {
      if (connected && !headed) waitHead();
    });
    out.on('error', (err) => {
      clearTimeout(timer);
      const code = (err as { code?: string }).code;
      reject(connected && !headed && (code === 'ECONNRESET' || code === 'EPIPE') ? new UpstreamClosed(err) : err);
    });
    out.on('close', () => {
      if (!headed) clearTimeout(timer);
    });
    if (call.signal?.aborted) out.destroy(new Error('client disconnected'));
    listenUntilClosed(call.signal, out, () => out.destroy(new Error('client disconnected')));
    const body = call.body;
    if (body instanceof Uint8Array) out.end(body);
    else if (body) Readable.fromWeb(body as import('node:stream/web').ReadableStream).pipe(out);
    else out.end();
  });
}

/**
 * Destroys a response whose body stalls for `ms` (an UpstreamTimeout reaches whoever reads it). Arrivals
 * are seen on the socket, so the body's flow is untouched; while the reader holds the body back
 * (backpressure) the upstream is not to blame and the clock restarts.
 */
function watchIdle(res: IncomingMessage, ms: number): void {
  if (ms <= 0 || res.complete) return;
  const socket = res.socket;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (res.complete || res.destroyed) return;
    if (res.isPaused() || res.readableLength >= res.readableHighWaterMark || socket?.isPaused()) {
      timer = setTimeout(fire, ms);
      return;
    }
    res.destroy(new UpstreamTimeout('idle', ms));
  };
  const kick = () => {
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  const stop = () => {
    clearTimeout(timer);
    socket?.off('data', kick);
  };
  socket?.on('data', kick);
  res.once('end', stop);
  res.once('close', stop);
  kick();
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
export async function forward(req: Request, upstreamBase: string, timeouts?: UpstreamTimeouts): Promise<Response> {
  const upstream = await callUpstream({ method: req.method, url: upstreamUrl(upstreamBase, req), headers: req.headers, body: req.body, signal: req.signal, ...(timeouts ? { timeouts } : {}) });
  return relay(upstream, req.method);
}
