// What the client gets when the upstream fails before or during its answer, in the client API's own
// error shape so SDKs raise it: the proxy never turns a failure into a success.
import { UpstreamClosed, UpstreamTimeout } from './forward.js';
import { type Api, SseParser, streamErrorEvent } from '@headroom/core/conversation';

/** `anthropic` answers in Anthropic's error shape, `openai` in OpenAI's, `gemini` in Google's. */
export type Dialect = 'anthropic' | 'openai' | 'gemini';

export const dialectOf = (api: Api): Dialect => (api === 'anthropic' ? 'anthropic' : 'openai');

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The error body of one failure, in the dialect's shape: Anthropic `{type:"error",error:{type,message}}`,
 * OpenAI `{error:{message,type,param,code}}`, Google `{error:{code,message,status}}` (code is the HTTP status).
 */
function errorBody(dialect: Dialect, type: string, message: string, code: string, status: number): Record<string, unknown> {
  if (dialect === 'anthropic') return { type: 'error', error: { type, message } };
  if (dialect === 'gemini') return { error: { code: status, message, status: status === 504 ? 'DEADLINE_EXCEEDED' : 'UNAVAILABLE' } };
  return { error: { message, type, param: null, code } };
}

function timeoutMessage(base: string, err: UpstreamTimeout): string {
  const flag = { connect: '--upstream-connect-timeout-ms', 'first-byte': '--upstream-first-byte-timeout-ms', idle: '--upstream-idle-timeout-ms' }[err.phase];
  return `Headroom timed out waiting for the upstream ${base}: ${err.message}; the limit is set with ${flag}`;
}

/**
 * The response for an upstream call that failed before its head reached the client:
 * - a timeout: 504 `timeout_error`;
 * - the upstream was reached and closed or reset the connection: 502 `headroom_upstream_closed`;
 * - anything else (refused, DNS, TLS…): 502 `headroom_upstream_unreachable`.
 */
export function upstreamFailure(dialect: Dialect, base: string, err: unknown): Response {
  if (err instanceof UpstreamTimeout) {
    return Response.json(errorBody(dialect, 'timeout_error', timeoutMessage(base, err), 'upstream_timeout', 504), { status: 504 });
  }
  if (err instanceof UpstreamClosed) {
    return Response.json(errorBody(dialect, 'headroom_upstream_closed', `Headroom reached the upstream ${base}, but it ${err.message.replace(/^the upstream /, '')}`, 'upstream_closed', 502), {
      status: 502,
    });
  }
  return Response.json(errorBody(dialect, 'headroom_upstream_unreachable', `Headroom could not reach the upstream ${base}: ${reasonOf(err)}`, 'upstream_unreachable', 502), {
    status: 502,
  });
}

/**
 * An SSE body whose upstream times out after the stream has begun (headers already sent): the stream
 * ends with the API's error event (as a failed retrieval continuation does), after a blank line if the
 * upstream stopped mid-event. Any other error still aborts the stream, as the upstream's reset would.
 */
export function endStreamOnTimeout(api: Api, base: string, stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  const seen = new SseParser();
  let lastSequence = -1;
  let atBoundary = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (err) {
        if (!(err instanceof UpstreamTimeout)) {
          controller.error(err);
          return;
        }
        const event = timeoutEvent(api, base, err, lastSequence + 1);
        controller.enqueue(new TextEncoder().encode((atBoundary ? '' : '\n\n') + event));
        controller.close();
        return;
      }
      if (r.done) {
        controller.close();
        return;
      }
      const chunk = r.value;
      if (chunk.byteLength > 0) {
        const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const tail = text.subarray(-4).toString('latin1');
        atBoundary = /(\r\n\r\n|\n\n|\r\r)$/.test(tail);
        if (api === 'responses') {
          for (const ev of seen.push(text)) {
            const m = /"sequence_number"\s*:\s*(\d+)/.exec(ev.data);
            if (m) lastSequence = Math.max(lastSequence, Number(m[1]));
          }
        }
      }
      controller.enqueue(chunk);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** The timeout as the API's stream error event (built by the same code as a failed continuation's). */
function timeoutEvent(api: Api, base: string, err: UpstreamTimeout, sequenceNumber: number): string {
  const body = errorBody(dialectOf(api), 'timeout_error', timeoutMessage(base, err), 'upstream_timeout', 504);
  return streamErrorEvent(api, 504, JSON.stringify(body), sequenceNumber);
}

/**
 * Counts one request's failures in its ledger entry, once each: a client that disconnects before its
 * answer is complete is a client abort, and the upstream failure that follows it (its body is destroyed
 * under it) is the disconnect's echo, not an upstream error. Returns what to call on an upstream failure.
 */
export function failureCounter(signal: AbortSignal, e: { errors: number; clientAborts: number }): () => void {
  // After an upstream failure the proxy cuts the client's connection itself: that is no client abort.
  let upstreamFailed = false;
  const aborted = () => {
    if (!upstreamFailed) e.clientAborts++;
  };
  if (signal.aborted) aborted();
  else signal.addEventListener('abort', aborted, { once: true });
  return () => {
    if (signal.aborted || upstreamFailed) return;
    upstreamFailed = true;
    e.errors++;
  };
}

/** One line for a body that broke off: the upstream's reset, a timeout, or any other failure. */
function brokeOff(err: unknown, bytes: number): string {
  const code = (err as { code?: string } | undefined)?.code;
  if (err instanceof UpstreamTimeout) return `${err.message} after ${bytes} bytes of the response`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || reasonOf(err) === 'aborted') return `the upstream closed the connection after ${bytes} bytes of the response (${code ?? reasonOf(err)})`;
  return `the response failed after ${bytes} bytes: ${reasonOf(err)}${code ? ` (${code})` : ''}`;
}

/**
 * A response whose body breaks off after its head was sent (the upstream reset, stalled or failed
 * mid-body): the client's connection is cut, as the upstream's was, so the client sees an incomplete
 * answer rather than a clean end, and one line names the request, its upstream and what happened. Left
 * to the server adapter, the error would be printed as a bare stack trace with no request in it.
 * `outgoing` is the client's connection; `request` says `METHOD /path → upstream`.
 */
export function cutOnBodyError(res: Response, outgoing: { readonly destroyed: boolean; destroy(): unknown; once(event: 'close', f: () => void): unknown }, request: string): Response {
  const inner = res.body;
  if (!inner) return res;
  const reader = inner.getReader();
  let bytes = 0;
  let broken = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (broken) return;
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (err) {
        broken = true;
        console.error(`headroom proxy: ${request}: ${brokeOff(err, bytes)}; the client's connection was cut`);
        // The adapter cancels this body when the connection closes: nothing more is read or printed.
        if (outgoing.destroyed) return;
        const closed = new Promise<void>((resolve) => outgoing.once('close', resolve));
        outgoing.destroy();
        await closed;
        return;
      }
      if (r.done) {
        controller.close();
        return;
      }
      bytes += r.value.byteLength;
      controller.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
