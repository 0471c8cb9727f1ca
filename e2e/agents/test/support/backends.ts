// Loopback stand-ins for the services the agents talk to: ChatGPT's Codex backend, Anthropic's Messages
// API (both refusing requests without the sign-in's headers, as the real ones do), and a corporate proxy
// that refuses everything, set as HTTPS_PROXY/HTTP_PROXY so any attempt to reach the internet is
// recorded and fails at once instead of leaving the machine.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nextStep, READ_CALL, RETRIEVE_CALL, SHELL_CALL, textOf, type Step, type ToolOutput } from './scripted-model.js';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the script answered (for a model request). */
  step?: Step;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Backend {
  readonly requests: Recorded[] = [];
  readonly upgrades: string[] = [];
  url = '';
  private server!: Server;

  constructor(private readonly handle: (req: IncomingMessage, body: string, res: ServerResponse, rec: Recorded) => void) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const rec: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        this.requests.push(rec);
        this.handle(req, body, res, rec);
      });
    });
    // A WebSocket upgrade for Responses would arrive here; none is expected (the provider stays on HTTP).
    this.server.on('upgrade', (req: IncomingMessage, socket) => {
      this.upgrades.push(req.url ?? '');
      socket.destroy();
    });
    this.server.on('connect', (req: IncomingMessage, socket) => {
      this.upgrades.push(`CONNECT ${req.url ?? ''}`);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  modelRequests(): Recorded[] {
    return this.requests.filter((r) => r.step);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const sse = (events: Obj[]) => events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join('');

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// ---- ChatGPT's Codex backend (Responses over SSE at /backend-api/codex/responses) ----

/** The Responses output item for a step. */
/**
 * Codex's code mode (its default model in 0.171) offers one custom `exec` tool that runs JavaScript
 * calling the nested tools; otherwise `exec_command` is a function tool of its own.
 */
const codeModeShell = (cmd: string) => `const r = await tools.exec_command({ cmd: ${JSON.stringify(cmd)}, max_output_tokens: 20000 });\ntext(typeof r === 'string' ? r : (r.output ?? JSON.stringify(r)));`;

function responsesItem(step: Step, codeMode: boolean): Obj {
  if (step.kind === 'shell' || step.kind === 'read') {
    const [cmd, call] = step.kind === 'shell' ? ['cat app.log', SHELL_CALL] : [`cat ${step.file}`, READ_CALL];
    if (codeMode) return { type: 'custom_tool_call', id: `ctc_${call}`, call_id: call, name: 'exec', input: codeModeShell(cmd), status: 'completed' };
    return { type: 'function_call', id: `fc_${call}`, call_id: call, name: 'exec_command', arguments: JSON.stringify({ cmd }), status: 'completed' };
  }
  if (step.kind === 'retrieve') return { type: 'function_call', id: 'fc_retrieve', call_id: RETRIEVE_CALL, name: 'headroom_retrieve', arguments: JSON.stringify({ key: step.key }), status: 'completed' };
  return { type: 'message', id: 'msg_answer', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: step.text, annotations: [] }] };
}

function responsesStream(item: Obj): string {
  let seq = 0;
  const response = (status: string, output: Obj[]) => ({ id: 'resp_1', object: 'response', created_at: 1, status, model: 'gpt-5.1-codex', output, usage: { input_tokens: 1000, output_tokens: 20, total_tokens: 1020, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } });
  const ev = (e: Obj) => ({ ...e, sequence_number: seq++ });
  const events: Obj[] = [ev({ type: 'response.created', response: response('in_progress', []) })];
  if (item.type === 'function_call') {
    events.push(ev({ type: 'response.output_item.added', output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } }));
    events.push(ev({ type: 'response.function_call_arguments.delta', output_index: 0, item_id: item.id, delta: item.arguments }));
    events.push(ev({ type: 'response.function_call_arguments.done', output_index: 0, item_id: item.id, arguments: item.arguments }));
  } else if (item.type === 'custom_tool_call') {
    events.push(ev({ type: 'response.output_item.added', output_index: 0, item: { ...item, input: '', status: 'in_progress' } }));
  } else {
    const text = ((item.content as Obj[])[0] as { text: string }).text;
    events.push(ev({ type: 'response.output_item.added', output_index: 0, item: { ...item, content: [], status: 'in_progress' } }));
    events.push(ev({ type: 'response.content_part.added', output_index: 0, item_id: item.id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    events.push(ev({ type: 'response.output_text.delta', output_index: 0, item_id: item.id, content_index: 0, delta: text }));
    events.push(ev({ type: 'response.output_text.done', output_index: 0, item_id: item.id, content_index: 0, text }));
    events.push(ev({ type: 'response.content_part.done', output_index: 0, item_id: item.id, content_index: 0, part: { type: 'output_text', text, annotations: [] } }));
  }
  events.push(ev({ type: 'response.output_item.done', output_index: 0, item }));
  events.push(ev({ type: 'response.completed', response: response('completed', [item]) }));
  return sse(events);
}

const toolNames = (tools: unknown): string[] => (Array.isArray(tools) ? tools.filter(isObj).map((t) => String(t.name ?? '')) : []);

/** A Responses API at `route` that answers only requests whose headers pass `accepts`. */
export function responsesBackend(route: string, accepts: (h: IncomingHttpHeaders) => boolean): Backend {
  return new Backend((req, body, res, rec) => {
    if (req.method === 'POST' && req.url?.startsWith(route)) {
      if (!accepts(req.headers)) return json(res, 401, { detail: 'Could not validate your credentials' });
      const b = JSON.parse(body) as Obj;
      const input = Array.isArray(b.input) ? b.input.filter(isObj) : [];
      const outputs: ToolOutput[] = input.filter((i) => i.type === 'function_call_output' || i.type === 'custom_tool_call_output').map((i) => ({ callId: String(i.call_id), text: textOf(i.output) }));
      const names = toolNames(b.tools);
      const nested = input.filter((i) => i.type === 'additional_tools').flatMap((i) => (Array.isArray(i.tools) ? i.tools.filter(isObj) : [])).flatMap((t) => (Array.isArray(t.tools) ? t.tools.filter(isObj) : [t]));
      const codeMode = !names.includes('exec_command') && nested.some((t) => t.type === 'custom' && t.name === 'exec');
      rec.step = nextStep(outputs, names.includes('exec_command') || codeMode, names.includes('headroom_retrieve'));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(responsesStream(responsesItem(rec.step, codeMode)));
      return;
    }
    json(res, 404, { detail: 'Not Found' });
  });
}

/** ChatGPT's Codex backend: the sign-in's bearer token and its account header. */
export const chatgptBackend = (signIn: { token: string; accountId: string }) =>
  responsesBackend('/backend-api/codex/responses', (h) => h.authorization === `Bearer ${signIn.token}` && h['chatgpt-account-id'] === signIn.accountId);

/** The OpenAI API with an API key. */
export const openaiBackend = (apiKey: string) => responsesBackend('/v1/responses', (h) => h.authorization === `Bearer ${apiKey}`);

// ---- Anthropic's Messages API ----

function anthropicBlocks(step: Step): Obj[] {
  if (step.kind === 'shell') return [{ type: 'tool_use', id: SHELL_CALL, name: 'Bash', input: { command: 'cat app.log', description: 'Read the log' } }];
  if (step.kind === 'read') return [{ type: 'tool_use', id: READ_CALL, name: 'Bash', input: { command: `cat ${step.file}`, description: 'Read the original' } }];
  if (step.kind === 'retrieve') return [{ type: 'tool_use', id: RETRIEVE_CALL, name: 'headroom_retrieve', input: { key: step.key } }];
  return [{ type: 'text', text: step.text }];
}

function anthropicStream(model: string, blocks: Obj[], stop: string): string {
  const events: Obj[] = [{ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1000, output_tokens: 1 } } }];
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } });
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...b, input: {} } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 20 } });
  events.push({ type: 'message_stop' });
  return sse(events);
}

/**
 * Anthropic with the sign-in's credentials: a subscription's OAuth token as a bearer with the oauth beta
 * flag (and no x-api-key), or an API key in x-api-key.
 */
export function anthropicBackend(auth: { oauthToken: string } | { apiKey: string }): Backend {
  const accepts = (h: IncomingHttpHeaders) =>
    'oauthToken' in auth
      ? h.authorization === `Bearer ${auth.oauthToken}` && String(h['anthropic-beta'] ?? '').includes('oauth-2025-04-20') && h['x-api-key'] === undefined
      : h['x-api-key'] === auth.apiKey;
  return new Backend((req, body, res, rec) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
    if (!accepts(req.headers)) return json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    if (req.url.startsWith('/v1/messages/count_tokens')) return json(res, 200, { input_tokens: 1000 });
    const b = JSON.parse(body) as Obj;
    const messages = Array.isArray(b.messages) ? b.messages.filter(isObj) : [];
    const outputs: ToolOutput[] = messages
      .flatMap((m) => (Array.isArray(m.content) ? m.content.filter(isObj) : []))
      .filter((c) => c.type === 'tool_result')
      .map((c) => ({ callId: String(c.tool_use_id), text: textOf(c.content) }));
    const names = toolNames(b.tools);
    rec.step = nextStep(outputs, names.includes('Bash'), names.includes('headroom_retrieve'));
    const blocks = anthropicBlocks(rec.step);
    const stop = rec.step.kind === 'answer' ? 'end_turn' : 'tool_use';
    const model = String(b.model ?? 'claude-sonnet-4-6');
    if (b.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(anthropicStream(model, blocks, stop));
    } else {
      json(res, 200, { id: 'msg_1', type: 'message', role: 'assistant', model, content: blocks, stop_reason: stop, stop_sequence: null, usage: { input_tokens: 1000, output_tokens: 20 } });
    }
  });
}

/** HTTPS_PROXY/HTTP_PROXY for the agents and the proxy: records each attempt to go out, refuses it. */
export function refusingProxy(): Backend {
  return new Backend((_req, _body, res) => {
    res.writeHead(403, { 'content-length': '0' });
    res.end();
  });
}
