// `headroomFetch`: a fetch that runs the proxy's request path in process. Requests to the three
// compressing APIs (…/chat/completions, …/responses, …/messages) are prepared like the proxy prepares
// them — tool results compressed at birth, sticky bytes, the retrieve tool when the history carries our
// markers — and a response that calls `headroom_retrieve` goes through the proxy's retrieval loop, with
// this fetch as its transport. Everything else is the given fetch, untouched.
import { runRetrieval } from '../conversation/loop.js';
import { issuedKeysOf, prepare } from '../conversation/prepare.js';
import type { Api } from '../conversation/retrieve-tool.js';
import { answerer, Session, type HeadroomOptions } from './options.js';

type Fetch = typeof globalThis.fetch;

export interface HeadroomFetchOptions extends HeadroomOptions {
  /** The fetch that sends the requests. @default globalThis.fetch */
  fetch?: Fetch;
}

/** Which API a request is for, from its path (the SDKs' base URLs end in /v1 or a gateway's prefix). */
export function apiOfPath(pathname: string): Api | undefined {
  if (pathname.endsWith('/chat/completions')) return 'chat';
  if (pathname.endsWith('/responses')) return 'responses';
  if (pathname.endsWith('/messages')) return 'anthropic';
  return undefined;
}

function bodyBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined; // a stream or form: not a JSON request this adapter can read without consuming it
}

export function headroomFetch(options: HeadroomFetchOptions = {}): Fetch {
  const session = new Session(options);
  const base: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const api = method === 'POST' ? apiOfPath(url.pathname) : undefined;
    const raw = api && !request ? bodyBytes(init?.body) : undefined;
    if (!api || !raw) return base(input, init);
    const store = await session.ready();
    const prep = await prepare(api, raw, session.prepareOptions(store));
    const headers = new Headers(init?.headers);
    headers.delete('content-length');
    const send = (body: Uint8Array | string) => base(input, { ...init, headers, body: body as BodyInit });
    const first = await send(prep.body);
    if (!prep.retrieval || options.retrieve === false || first.status !== 200 || !prep.json) return first;
    const issued = issuedKeysOf(prep, raw);
    return runRetrieval(
      {
        api,
        body: prep.json,
        maxRounds: options.maxRetrieveRounds ?? 3,
        memory: session.memory,
        send: (body) => send(JSON.stringify(body)),
        onUsage: () => {},
        answer: answerer(store, issued),
      },
      first,
    );
  };
}

