// Agent-shaped requests whose tool results Headroom compresses (the JSON array has one error row and
// 299 uniform ones), and recorded-shape upstream replies.
import { aEvent, oEvent } from './fake-upstream.js';

export const SERVICES = JSON.stringify(
  Array.from({ length: 300 }, (_, i) => ({ id: i, name: `service-${i}`, status: i === 137 ? 'error: disk full' : 'ok', latency_ms: 20 + (i % 7), region: 'eu-west-1' })),
);

export const anthropicHistory = (extra: unknown[] = []) => [
  { role: 'user', content: 'Which service is failing?' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'list_services', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: SERVICES }] },
  ...extra,
];

export const chatHistory = () => [
  { role: 'user', content: 'Which service is failing?' },
  { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'list_services', arguments: '{}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: SERVICES },
];

export const responsesInput = () => [
  { role: 'user', content: 'Which service is failing?' },
  { type: 'function_call', call_id: 'call_1', name: 'list_services', arguments: '{}' },
  { type: 'function_call_output', call_id: 'call_1', output: SERVICES },
];

export const anthropicMessage = (content: unknown[], stop = 'end_turn') => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content,
  stop_reason: stop,
  stop_sequence: null,
  usage: { input_tokens: 100, output_tokens: 10, cache_read_input_tokens: 40, cache_creation_input_tokens: 5 },
});

export const retrieveUse = (key: string, id = 'toolu_r') => ({ type: 'tool_use', id, name: 'headroom_retrieve', input: { key } });

/** An Anthropic SSE response for the given blocks (text and tool_use), as the API streams it. */
export function anthropicSse(blocks: ({ type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown })[], stop = 'end_turn'): string[] {
  const out = [
    aEvent({ type: 'message_start', message: { ...anthropicMessage([], null as unknown as string), content: [], stop_reason: null, usage: { input_tokens: 100, output_tokens: 1 } } }),
    aEvent({ type: 'ping' }),
  ];
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      out.push(aEvent({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      out.push(aEvent({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } }));
    } else {
      out.push(aEvent({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } }));
      const json = JSON.stringify(b.input);
      out.push(aEvent({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(0, 5) } }));
      out.push(aEvent({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(5) } }));
    }
    out.push(aEvent({ type: 'content_block_stop', index }));
  });
  out.push(aEvent({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 15 } }));
  out.push(aEvent({ type: 'message_stop' }));
  return out;
}

export const chatCompletion = (message: Record<string, unknown>, finish = 'stop') => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish, logprobs: null }],
  usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 30 } },
});

/** An OpenAI Chat SSE response: text deltas and/or tool calls, then finish, usage and [DONE]. */
export function chatSse(text: string | null, calls: { id: string; name: string; args: string }[], finish = 'stop'): string[] {
  const chunk = (delta: unknown, finish_reason: string | null = null) =>
    oEvent({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason, logprobs: null }] });
  const out = [chunk({ role: 'assistant', content: '' })];
  if (text) out.push(chunk({ content: text }));
  calls.forEach((c, index) => {
    out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
    out.push(chunk({ tool_calls: [{ index, function: { arguments: c.args } }] }));
  });
  out.push(chunk({}, finish));
  out.push(oEvent({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } }));
  out.push(oEvent('[DONE]'));
  return out;
}

export const responseObject = (output: unknown[], status = 'completed') => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  status,
  model: 'gpt-4o',
  output,
  usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110, input_tokens_details: { cached_tokens: 20 }, output_tokens_details: { reasoning_tokens: 0 } },
});

export const messageItem = (text: string, id = 'msg_1') => ({
  type: 'message',
  id,
  status: 'completed',
  role: 'assistant',
  content: [{ type: 'output_text', text, annotations: [] }],
});

export const callItem = (name: string, args: string, call_id: string) => ({ type: 'function_call', id: `fc_${call_id}`, call_id, name, arguments: args, status: 'completed' });

/** A Responses API SSE stream for the given output items. */
export function responsesSse(items: ReturnType<typeof messageItem | typeof callItem>[]): string[] {
  let seq = 0;
  const ev = (data: Record<string, unknown>) => `event: ${data.type as string}\ndata: ${JSON.stringify({ ...data, sequence_number: seq++ })}\n\n`;
  const out = [ev({ type: 'response.created', response: responseObject([], 'in_progress') }), ev({ type: 'response.in_progress', response: responseObject([], 'in_progress') })];
  items.forEach((item, output_index) => {
    if ('content' in item) {
      out.push(ev({ type: 'response.output_item.added', output_index, item: { ...item, content: [], status: 'in_progress' } }));
      out.push(ev({ type: 'response.content_part.added', output_index, item_id: item.id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
      const text = item.content[0]!.text;
      out.push(ev({ type: 'response.output_text.delta', output_index, item_id: item.id, content_index: 0, delta: text }));
      out.push(ev({ type: 'response.output_text.done', output_index, item_id: item.id, content_index: 0, text }));
      out.push(ev({ type: 'response.content_part.done', output_index, item_id: item.id, content_index: 0, part: item.content[0] }));
    } else {
      out.push(ev({ type: 'response.output_item.added', output_index, item: { ...item, arguments: '', status: 'in_progress' } }));
      out.push(ev({ type: 'response.function_call_arguments.delta', output_index, item_id: item.id, delta: item.arguments }));
      out.push(ev({ type: 'response.function_call_arguments.done', output_index, item_id: item.id, arguments: item.arguments }));
    }
    out.push(ev({ type: 'response.output_item.done', output_index, item }));
  });
  out.push(ev({ type: 'response.completed', response: responseObject(items) }));
  return out;
}
