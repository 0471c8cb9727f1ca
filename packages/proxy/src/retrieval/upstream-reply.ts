// How every retrieval loop reads an upstream reply: whole, parsed only when it is a 200 of the shape the
// loop understands; anything else goes back to the client exactly as the upstream sent it.
import type { IncomingMessage } from 'node:http';
import { readAll, responseHeaders } from '../forward.js';
import { type Api, formatEvent } from '@headroom/core/conversation';
import { isObj } from './context.js';

type Obj = Record<string, unknown>;

export class JsonReply {
  private constructor(
    readonly res: IncomingMessage,
    private readonly raw: Buffer,
    /** The parsed body, when the reply is a 200 that `accept` recognises. */
    readonly value: Obj | undefined,
  ) {}

  static async read(res: IncomingMessage, accept: (v: Obj) => boolean): Promise<JsonReply> {
    const raw = await readAll(res);
    let value: Obj | undefined;
    if (res.statusCode === 200) {
      try {
        const v = JSON.parse(raw.toString('utf8')) as unknown;
        if (isObj(v) && accept(v)) value = v;
      } catch {
        value = undefined;
      }
    }
    return new JsonReply(res, raw, value);
  }

  /** The reply as received: status, headers and bytes. */
  passThrough(): Response {
    const bytes = new Uint8Array(this.raw.buffer, this.raw.byteOffset, this.raw.byteLength) as Uint8Array<ArrayBuffer>;
    return new Response(bytes, { status: this.res.statusCode ?? 502, headers: responseHeaders(this.res) });
  }
}

/**
 * A failed continuation's body, once the stream's headers are gone: its JSON when it is JSON, else its
 * text. Each API wraps it in its own stream error event.
 */
export async function continuationError(res: IncomingMessage): Promise<{ json: unknown } | { text: string }> {
  const text = (await readAll(res)).toString('utf8');
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Anthropic's error type for an HTTP status (used when the upstream's body is not an Anthropic error). */
function anthropicErrorType(status: number): string {
  const byStatus: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return byStatus[status] ?? 'api_error';
}

/**
 * A failed continuation as the stream error event of the client's API, once the stream's headers are
 * gone (the status cannot be sent any more). Each shape is the one the API's own streams use, so SDKs
 * end the stream with an error instead of a silent, empty success:
 * - Anthropic: `event: error` / `{"type":"error","error":{"type":…,"message":…}}`;
 * - Chat Completions: a data chunk `{"error":{"message":…,"type":…,"param":…,"code":…}}`;
 * - Responses: `event: error` / `{"type":"error","code":…,"message":…,"param":…,"sequence_number":…}`.
 */
export async function continuationErrorEvent(api: Api, res: IncomingMessage, sequenceNumber = 0): Promise<string> {
  const status = res.statusCode ?? 502;
  const e = await continuationError(res);
  const body = 'json' in e ? e.json : undefined;
  const inner = isObj(body) && isObj(body.error) ? body.error : isObj(body) ? body : {};
  const text = ('text' in e ? e.text : JSON.stringify(e.json)).trim().slice(0, 2000);
  const message = str(inner.message) ?? (text || `the upstream answered the retrieval continuation with HTTP ${status}`);
  if (api === 'anthropic') {
    if (isObj(body) && body.type === 'error' && isObj(body.error) && str(body.error.type) && typeof body.error.message === 'string') return formatEvent('error', body);
    return formatEvent('error', { type: 'error', error: { type: anthropicErrorType(status), message } });
  }
  if (api === 'chat') {
    if (isObj(body) && isObj(body.error) && typeof body.error.message === 'string') return formatEvent(undefined, { error: body.error });
    return formatEvent(undefined, { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } });
  }
  // Responses: the upstream's own error type (e.g. "server_error") is kept as the code when there is none.
  return formatEvent('error', { type: 'error', code: str(inner.code) ?? str(inner.type) ?? null, message, param: str(inner.param) ?? null, sequence_number: sequenceNumber });
}
