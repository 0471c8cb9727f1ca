// Reads upstream usage from a response on its way to the client without changing a byte: the body is
// piped through a Transform that only looks. `pipeline` carries an upstream reset to the client as an
// error instead of a clean (and false) end of stream.
import type { IncomingMessage } from 'node:http';
import { pipeline, Readable, Transform } from 'node:stream';
import { parseData, SseParser, maxUsage, usageIn, zeroUsage, type Usage } from '@headroom/core/conversation';

/** JSON bodies larger than this are not parsed for usage (they stream through all the same). */
const MAX_JSON = 8 * 1024 * 1024;

export function tapUsage(upstream: IncomingMessage, onUsage: (u: Usage) => void): ReadableStream<Uint8Array> {
  const type = String(upstream.headers['content-type'] ?? '');
  const encoded = upstream.headers['content-encoding'] !== undefined && upstream.headers['content-encoding'] !== 'identity';
  const usage = zeroUsage();
  let look: (chunk: Buffer) => void = () => {};
  let finish: () => void = () => {};
  if (!encoded && type.includes('text/event-stream')) {
    const parser = new SseParser();
    const see = (events: ReturnType<SseParser['push']>) => {
      for (const ev of events) {
        if (!ev.data.includes('usage')) continue;
        const d = parseData(ev);
        if (d) maxUsage(usage, usageIn(d));
      }
    };
    look = (chunk) => see(parser.push(chunk));
    finish = () => {
      see(parser.end());
      onUsage(usage);
    };
  } else if (!encoded && type.includes('json')) {
    const chunks: Buffer[] = [];
    let size = 0;
    look = (chunk) => {
      size += chunk.length;
      if (size <= MAX_JSON) chunks.push(chunk);
    };
    finish = () => {
      if (size > MAX_JSON) return;
      const d = parseData({ raw: '', data: Buffer.concat(chunks).toString('utf8') });
      if (d) onUsage(usageIn(d) ?? zeroUsage());
    };
  }
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        look(chunk);
      } catch {
        // Observing must never break the stream.
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        finish();
      } catch {
        // idem
      }
      done();
    },
  });
  pipeline(upstream, t, () => {});
  return Readable.toWeb(t) as ReadableStream<Uint8Array>;
}
