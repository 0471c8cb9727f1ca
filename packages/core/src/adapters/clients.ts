// `withHeadroom(client)`: the official `openai` and `@anthropic-ai/sdk` clients with Headroom's request
// path in their transport. Both SDKs take a `fetch` option and copy a client with `withOptions`, so
// every method that posts to the compressing APIs — chat.completions.create, responses.create (and
// stream), messages.create and messages.stream — compresses its input first, without a line of
// SDK-specific code: the same client type comes back, with everything else as it was.
import { headroomFetch, type HeadroomFetchOptions } from './fetch.js';
import type { HeadroomOptions } from './options.js';

type Fetch = typeof globalThis.fetch;

/** What both SDKs' clients have in common (structurally; neither SDK is imported). */
export interface FetchConfigurable<C> {
  withOptions(options: { fetch?: Fetch }): C;
}

export function withHeadroom<C extends FetchConfigurable<C>>(client: C, options: HeadroomOptions = {}): C {
  // The client's own transport (a custom fetch it was given), kept underneath; a private field in the SDKs' types.
  const own = (client as unknown as { fetch?: Fetch }).fetch;
  const o: HeadroomFetchOptions = { ...options, ...(own ? { fetch: own.bind(globalThis) } : {}) };
  return client.withOptions({ fetch: headroomFetch(o) });
}
