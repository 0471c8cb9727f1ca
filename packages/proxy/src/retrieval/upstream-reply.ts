// How every retrieval loop reads an upstream reply: whole, parsed only when it is a 200 of the shape the
// loop understands; anything else goes back to the client exactly as the upstream sent it.
import type { IncomingMessage } from 'node:http';
import { readAll, responseHeaders } from '../forward.js';
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
