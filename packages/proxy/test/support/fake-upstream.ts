// A local stand-in for the OpenAI and Anthropic APIs: records every request it receives and replays
// the scripted responses of the current test (JSON, SSE with delays, errors, mid-stream resets).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  sha: string;
  json: Record<string, unknown> | undefined;
}

export type Reply =
  | { json: unknown; status?: number; headers?: Record<string, string> }
  | { sse: string[]; delayMs?: number; resetAfter?: number; holdOpen?: boolean; gate?: { after: number; open: Promise<unknown> }; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> };

export const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export class FakeUpstream {
  readonly received: Received[] = [];
  /** Replies consumed in order; the last one repeats. */
  replies: Reply[] = [];
  /** Set when the proxy aborted a streaming request (client disconnect). */
  aborted = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  script(...replies: Reply[]): void {
    this.replies = replies;
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    this.received.push({ method: req.method!, url: req.url!, headers: req.headers, body, sha: sha(body), json });
    const reply = this.replies.length > 1 ? this.replies.shift()! : this.replies[0];
    if (!reply) {
      res.writeHead(500).end('no scripted reply');
      return;
    }
    if ('json' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json));
    } else if ('sse' in reply) {
      res.on('close', () => {
        if (!res.writableFinished) this.aborted++;
      });
      res.writeHead(200, { 'content-type': 'text/event-stream', ...reply.headers });
      for (let i = 0; i < reply.sse.length; i++) {
        if (reply.resetAfter !== undefined && i === reply.resetAfter) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        // Waits for the test before going on: what the client holds by then came through on its own.
        if (reply.gate && i === reply.gate.after) await reply.gate.open;
        res.write(reply.sse[i]);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      }
      // An upstream that sent its last event but keeps the connection open (closed by stop()).
      if (!reply.holdOpen) res.end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.text);
    }
  }
}

/** `event: <type>\ndata: <json>\n\n` as Anthropic sends it. */
export const aEvent = (data: Record<string, unknown>) => `event: ${data.type as string}\ndata: ${JSON.stringify(data)}\n\n`;
/** `data: <json>\n\n` as OpenAI Chat sends it. */
export const oEvent = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
