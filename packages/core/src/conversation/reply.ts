// How the retrieval loop reads an upstream reply and builds what the client gets: a reply it does not
// change goes back as received (status, headers, bytes); one it rewrote or streams drops the length.

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class JsonReply {
  private constructor(
    readonly res: Response,
    private readonly raw: Uint8Array<ArrayBuffer>,
    /** The parsed body, when the reply is a 200 that `accept` recognises. */
    readonly value: Obj | undefined,
  ) {}

  static async read(res: Response, accept: (v: Obj) => boolean): Promise<JsonReply> {
    const raw = new Uint8Array(await res.arrayBuffer());
    let value: Obj | undefined;
    if (res.status === 200) {
      try {
        const v = JSON.parse(new TextDecoder().decode(raw)) as unknown;
        if (isObj(v) && accept(v)) value = v;
      } catch {
        value = undefined;
      }
    }
    return new JsonReply(res, raw, value);
  }

  /** The reply as received: status, headers and bytes. */
  passThrough(): Response {
    return new Response(this.raw, { status: this.res.status, statusText: this.res.statusText, headers: this.res.headers });
  }

  /** A rewritten body with the reply's status and headers. */
  rewritten(body: unknown): Response {
    return new Response(JSON.stringify(body), { status: this.res.status, statusText: this.res.statusText, headers: withoutLength(this.res.headers) });
  }
}

export function withoutLength(headers: Headers): Headers {
  const out = new Headers(headers);
  out.delete('content-length');
  return out;
}

/** The chunks of a body, or the parts of a stream; stopping early cancels it, so the upstream is released. */
export async function* chunksOf<T>(body: ReadableStream<T> | null | undefined): AsyncGenerator<T> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/** A stream produced by pulling an async generator: nothing is computed ahead of the client. */
export function streamOf<T>(gen: AsyncGenerator<T>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const r = await gen.next();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await gen.return(undefined);
    },
  });
}

async function* encoded(gen: AsyncGenerator<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const text of gen) yield encoder.encode(text);
}

/** A response body of the text an async generator yields. */
export function streamFrom(gen: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return streamOf(encoded(gen));
}
