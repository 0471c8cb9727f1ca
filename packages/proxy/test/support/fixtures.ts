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
  model: 'claude-sonnet-4-5',
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
