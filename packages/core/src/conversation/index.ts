// `@headroom/core/conversation`: the request path shared by the proxy and the SDK adapters — compress a
// provider request's tool results, put back hidden retrieval exchanges, offer and answer `headroom_retrieve`.
export { prepare, historyKey, issuedKeysOf } from './prepare.js';
export type { PrepareOptions, Prepared, RequestShape } from './prepare.js';
export {
  RETRIEVE_TOOL,
  retrieveToolDefinition,
  hasMarker,
  markerKeys,
  issuedKeys,
  issuedMarkers,
  unknownKeyAnswer,
  clientHasRetrieveTool,
  injectRetrieveTool,
  keyFromArguments,
} from './retrieve-tool.js';
export type { Api } from './retrieve-tool.js';
export { SpliceMemory } from './splice-memory.js';
export type { HiddenExchange } from './splice-memory.js';
export { spliceJson } from './splice.js';
export { SseParser, sseEventOf, sseEvents, parseData, formatEvent } from './sse.js';
export type { SseEvent } from './sse.js';
export { StickyBytes, AS_IS } from './sticky.js';
export type { Sent } from './sticky.js';
export { readUsage, usageIn, addUsage, maxUsage, zeroUsage, addUsageObject, sumUsageObjects } from './usage.js';
export type { Usage } from './usage.js';
export { runRetrieval } from './loop.js';
export type { RetrievalContext } from './loop.js';
export { streamErrorEvent } from './stream-error.js';
