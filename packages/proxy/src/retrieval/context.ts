// What a retrieval loop needs from the proxy: how to call the upstream again, how to answer a key,
// where to hide exchanges, and where to report usage.
import type { IncomingMessage } from 'node:http';
import { callUpstream } from '../forward.js';
import type { Api, Usage, SpliceMemory } from '@headroom/core/conversation';

export interface RetrievalContext {
  api: Api;
  url: string;
  headers: Headers;
  signal: AbortSignal;
  /** The request as the proxy sent it. */
  body: Record<string, unknown>;
  maxRounds: number;
  memory: SpliceMemory;
  /** The original for a key, or a message saying why it cannot be had (never throws). */
  answer(key: string): Promise<string>;
  /** Upstream usage of one response (each round reports once). */
  onUsage(u: Usage): void;
}

/** Sends a continuation request (same headers as the client's, unencoded response). */
export function sendContinuation(ctx: RetrievalContext, body: Record<string, unknown>): Promise<IncomingMessage> {
  return callUpstream({ method: 'POST', url: ctx.url, headers: ctx.headers, body: Buffer.from(JSON.stringify(body)), signal: ctx.signal, identity: true });
}

/** A response body produced by pulling an async generator: nothing is computed ahead of the client. */
export function streamFrom(gen: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const r = await gen.next();
        if (r.done) controller.close();
        else controller.enqueue(encoder.encode(r.value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await gen.return(undefined);
    },
  });
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
