// Incremental Server-Sent Events framing. Each event keeps its raw text so an event the proxy does not
// change is re-emitted byte for byte.
import { StringDecoder } from 'node:string_decoder';

export interface SseEvent {
  /** The event's exact text including its terminating blank line. */
  raw: string;
  event?: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

const BOUNDARY = /\r\n\r\n|\n\n|\r\r/;

export class SseParser {
  private buffer = '';
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.write(chunk);
    const events: SseEvent[] = [];
    for (;;) {
      const m = BOUNDARY.exec(this.buffer);
      if (!m) break;
      const end = m.index + m[0].length;
      events.push(parseEvent(this.buffer.slice(0, end)));
      this.buffer = this.buffer.slice(end);
    }
    return events;
  }

  /** Whatever is left when the stream ends (an unterminated last event). */
  end(): SseEvent[] {
    this.buffer += this.decoder.end();
    const rest = this.buffer;
    this.buffer = '';
    return rest.length > 0 ? [parseEvent(rest)] : [];
  }
}

/** Re-reads one event from its raw text (for events the proxy held back). */
export function sseEventOf(raw: string): SseEvent {
  return parseEvent(raw);
}

function parseEvent(raw: string): SseEvent {
  const data: string[] = [];
  let event: string | undefined;
  for (const line of raw.split(/\r\n|\n|\r/)) {
    if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(line[6] === ' ' ? 7 : 6);
  }
  return { raw, data: data.join('\n'), ...(event !== undefined ? { event } : {}) };
}

/** The events of an upstream SSE response, as they arrive (pulling applies backpressure upstream). */
export async function* sseEvents(res: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of res) yield* parser.push(chunk);
  yield* parser.end();
}

export function parseData(ev: SseEvent): Record<string, unknown> | undefined {
  if (!ev.data || ev.data === '[DONE]') return undefined;
  try {
    const v = JSON.parse(ev.data) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Serializes an event the proxy changed (same `event:` name, one data line). */
export function formatEvent(event: string | undefined, data: unknown): string {
  return (event !== undefined ? `event: ${event}\n` : '') + `data: ${JSON.stringify(data)}\n\n`;
}
