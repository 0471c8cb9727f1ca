// A failure once a stream's headers are gone (the status cannot be sent any more), as the stream error
// event of the client's API, so SDKs end the stream with an error instead of a silent, empty success.
import { isObj } from './reply.js';
import type { Api } from './retrieve-tool.js';
import { formatEvent } from './sse.js';

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
 * An error reply (`status`, body `text`) as the API's own stream error event:
 * - Anthropic: `event: error` / `{"type":"error","error":{"type":…,"message":…}}`;
 * - Chat Completions: a data chunk `{"error":{"message":…,"type":…,"param":…,"code":…}}`;
 * - Responses: `event: error` / `{"type":"error","code":…,"message":…,"param":…,"sequence_number":…}`.
 */
export function streamErrorEvent(api: Api, status: number, text: string, sequenceNumber = 0): string {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  const inner = isObj(body) && isObj(body.error) ? body.error : isObj(body) ? body : {};
  const message = str(inner.message) ?? (text.trim().slice(0, 2000) || `the upstream answered with HTTP ${status}`);
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
