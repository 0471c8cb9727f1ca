// `@headroom/core/adapters`: Headroom inside agent code — the official OpenAI and Anthropic clients
// (`withHeadroom`), any fetch-based SDK (`headroomFetch`), and the Vercel AI SDK (`headroomMiddleware`).
// The SDKs are optional peer dependencies: nothing here imports them.
export { withHeadroom } from './clients.js';
export type { FetchConfigurable } from './clients.js';
export { headroomFetch } from './fetch.js';
export type { HeadroomFetchOptions } from './fetch.js';
export type { HeadroomOptions } from './options.js';
