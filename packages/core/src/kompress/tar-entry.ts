import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** The records of a pax extended header (`<len> <key>=<value>\n`): long paths and sizes live there. */
function paxRecords(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    const len = Number(body.subarray(at, space).toString('ascii'));
    if (space < 0 || !Number.isInteger(len) || len <= 0) break;
    const record = body.subarray(space + 1, at + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += len;
  }
  return out;
}

interface Entry {
  /** Bytes of data still to come, then of padding up to the block boundary. */
  data: number;
  padding: number;
  /** Where the wanted file's bytes go. */
  fd?: number;
  /** A pax header's body, collected. */
  pax?: Buffer[];
}

/**
 * Streams a gzipped tar (an npm tarball) and writes the regular file named `wanted` to `dest`, without
 * unpacking anything else: the onnxruntime-node tarball holds every platform's libraries, we need one.
 * Returns false when the archive has no such file.
 */
export async function extractTarEntry(tgz: string, wanted: string, dest: string): Promise<boolean> {
  let pending: Buffer = Buffer.alloc(0);
  let entry: Entry | undefined;
  let pax = new Map<string, string>();
  try {
    for await (const chunk of createReadStream(tgz).pipe(createGunzip()) as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (entry) {
          const data = Math.min(entry.data, pending.length);
          if (entry.fd !== undefined) writeSync(entry.fd, pending, 0, data);
          entry.pax?.push(pending.subarray(0, data));
          entry.data -= data;
          const padding = Math.min(entry.padding, pending.length - data);
          entry.padding -= padding;
          pending = pending.subarray(data + padding);
          if (entry.data > 0 || entry.padding > 0) break;
          if (entry.fd !== undefined) return true;
          if (entry.pax) pax = paxRecords(Buffer.concat(entry.pax));
          entry = undefined;
        }
        if (pending.length < BLOCK) break;
        const header = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) return false;
        const type = String.fromCharCode(header[156]!);
        const prefix = field(header, 345, 155);
        const name = pax.get('path') ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
        const size = Number(pax.get('size') ?? parseInt(field(header, 124, 12).trim() || '0', 8));
        pax = new Map();
        entry = { data: size, padding: (BLOCK - (size % BLOCK)) % BLOCK };
        if (type === 'x') entry.pax = [];
        else if ((type === '0' || type === '\0') && name === wanted) entry.fd = openSync(dest, 'w', 0o644);
      }
    }
    return false;
  } finally {
    if (entry?.fd !== undefined) closeSync(entry.fd);
  }
}
