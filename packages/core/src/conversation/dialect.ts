// What the retrieval loop needs to know of one model API: where its tool calls are, how a
// `headroom_retrieve` call is answered and the conversation continued, and how its responses are
// rewritten so the client never sees the internal tool. The loop itself (loop.ts) is written once.
// A provider's HTTP API streams SSE events as text; the Vercel AI SDK streams part objects: `E` is what a
// stream is read as, `O` what the client gets.
import type { SseEvent } from './sse.js';
import type { Usage } from './usage.js';

export type Obj = Record<string, unknown>;

/** How a round that will not continue ends for the client. */
export interface Finish {
  /** Retrieve calls were hidden and no client call is left: the turn ends instead of asking for tools. */
  endTurn: boolean;
  /** Hidden calls were removed this round. */
  hid: boolean;
  /** After hidden rounds: the usage of every round, summed (what the client is billed). */
  billed?: Obj;
}

/** One streamed round, read up to its terminal event. */
export interface StreamedRound<O = string> {
  /** The round as the JSON reply it stands for (tool calls, assistant turn, usage object). */
  reply: Obj;
  /** Usage figures seen in the round's events. */
  usage: Usage;
  /** The events held back until the round's outcome is known, as the client gets them. */
  finish(f: Finish): O[];
}

/** The state of one streamed response across its rounds. */
export interface Streamer<E = SseEvent, O = string> {
  /**
   * Passes a round's events through (yielded as the client gets them), holding back the hidden calls and
   * the final events; returns at the round's terminal event, or undefined when the stream ended without one.
   */
  round(events: AsyncIterator<E>, round: number, billedBefore: unknown): AsyncGenerator<O, StreamedRound<O> | undefined>;
  /** The round's visible output is kept for the response the client finally gets. */
  continuing(r: StreamedRound<O>): void;
}

/** A provider HTTP API's stream: SSE text, and a failed continuation as the API's stream error event. */
export interface SseStreamer extends Streamer {
  errorEvent(status: number, text: string): string;
}

export interface Dialect<S = SseStreamer> {
  /** A 200 JSON reply of this API. */
  isReply(v: Obj): boolean;
  /** The tool calls of a reply, in order (provider-shaped). */
  calls(reply: Obj): Obj[];
  isRetrieve(call: Obj): boolean;
  /** The key a retrieve call asks for. */
  keyOf(call: Obj): string;
  /** The id a client call is answered under (the splice memory's key). */
  callId(call: Obj): string | undefined;
  /** The provider-shaped answer to a retrieve call. */
  result(call: Obj, text: string): Obj;
  /** The next round's request: the reply's turn and the answers appended; the last round may not call tools. */
  nextBody(body: Obj, reply: Obj, results: Obj[], lastRound: boolean): Obj;
  /** Removes the retrieve calls from a final JSON reply. */
  hide(reply: Obj, endTurn: boolean): void;
  /** What the client should still see of a round that continued (text, other items). */
  visible(reply: Obj): unknown[];
  /** Puts the earlier rounds' visible parts before the final reply's own. */
  prepend(reply: Obj, shown: unknown[]): void;
  streamer(): S;
}
