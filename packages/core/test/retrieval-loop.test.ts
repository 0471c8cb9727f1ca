// The retrieval loop without HTTP: an in-memory transport plays the provider, as an SDK adapter's
// fetch would. What the model asked for is answered, the conversation continues, the client never
// sees the internal tool, and the usage reported is the sum of every round.
import { describe, expect, it } from 'vitest';
import { runRetrieval, SpliceMemory, type Api, type RetrievalContext } from '../src/conversation/index.js';

type Obj = Record<string, unknown>;
const KEY = 'hr_0123456789abcdef01234567';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'content-length': '1' } });
}
function sse(events: string[]): Response {
  return new Response(events.join(''), { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

function context(api: Api, body: Obj, replies: Response[]): { ctx: RetrievalContext; sent: Obj[]; asked: string[] } {
  const sent: Obj[] = [];
  const asked: string[] = [];
  const ctx: RetrievalContext = {
    api,
    body,
    maxRounds: 3,
    memory: new SpliceMemory(),
    onUsage: () => undefined,
    send: async (b) => {
      sent.push(b);
      return replies.shift()!;
    },
    answer: async (key) => {
      asked.push(key);
      return `original of ${key}`;
    },
  };
  return { ctx, sent, asked };
}

describe('runRetrieval', () => {
  it('Anthropic JSON: answers the call, continues, shows the text of both rounds and the billed sum', async () => {
    const request = { model: 'm', messages: [{ role: 'user', content: 'q' }] };
    const first = json({
      type: 'message',
      content: [
        { type: 'text', text: 'Looking. ' },
        { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key: KEY } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 100, output_tokens: 10, cache_read_input_tokens: 50 },
    });
    const second = json({ type: 'message', content: [{ type: 'text', text: 'Found.' }], stop_reason: 'end_turn', usage: { input_tokens: 120, output_tokens: 5, cache_read_input_tokens: 0 } });
    const { ctx, sent, asked } = context('anthropic', request, [second]);
    const res = await runRetrieval(ctx, first);
    expect(asked).toEqual([KEY]);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.messages as Obj[]).slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Looking. ' }, { type: 'tool_use', id: 'toolu_r', name: 'headroom_retrieve', input: { key: KEY } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_r', content: `original of ${KEY}` }] },
    ]);
    expect(res.headers.get('content-length')).toBe(null);
    const out = (await res.json()) as Obj;
    expect(out.content).toEqual([
      { type: 'text', text: 'Looking. ' },
      { type: 'text', text: 'Found.' },
    ]);
    expect(out.usage).toEqual({ input_tokens: 220, output_tokens: 15, cache_read_input_tokens: 50 });
  });

  it('a reply without retrieve calls is passed on byte for byte', async () => {
    const bytes = '{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}] }';
    const { ctx, sent } = context('chat', { messages: [] }, []);
    const res = await runRetrieval(ctx, new Response(bytes, { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await res.text()).toBe(bytes);
    expect(sent).toHaveLength(0);
  });

  it('Chat stream: the hidden round is invisible, the chunk id stays the first round’s, [DONE] ends it', async () => {
    const chunk = (id: string, delta: Obj, finish: string | null = null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const first = sse([
      chunk('c1', { role: 'assistant', tool_calls: [{ index: 0, id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: '' } }] }),
      chunk('c1', { tool_calls: [{ index: 0, function: { arguments: JSON.stringify({ key: KEY }) } }] }),
      chunk('c1', {}, 'tool_calls'),
      'data: [DONE]\n\n',
    ]);
    const second = sse([chunk('c2', { role: 'assistant', content: 'Found.' }), chunk('c2', {}, 'stop'), 'data: [DONE]\n\n']);
    const { ctx, sent } = context('chat', { model: 'm', messages: [{ role: 'user', content: 'q' }] }, [second]);
    const text = await (await runRetrieval(ctx, first)).text();
    expect((sent[0]!.messages as Obj[]).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: `original of ${KEY}` });
    expect(text).not.toContain('headroom_retrieve');
    expect(text).not.toContain('"c2"');
    expect(text).toContain('"content":"Found."');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('a failed continuation in a Responses stream ends with the API’s error event, numbered after what the client saw', async () => {
    const ev = (data: Obj) => `event: ${data.type as string}\ndata: ${JSON.stringify(data)}\n\n`;
    const call = { type: 'function_call', id: 'fc_r', call_id: 'call_r', name: 'headroom_retrieve', arguments: JSON.stringify({ key: KEY }), status: 'completed' };
    const first = sse([
      ev({ type: 'response.created', sequence_number: 0, response: { id: 'r1', output: [] } }),
      ev({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: call }),
      ev({ type: 'response.completed', sequence_number: 2, response: { id: 'r1', output: [call], usage: { input_tokens: 1, output_tokens: 1 } } }),
    ]);
    const failed = new Response('{"error":{"message":"boom","type":"server_error"}}', { status: 500 });
    const { ctx } = context('responses', { model: 'm', input: 'q' }, [failed]);
    const text = await (await runRetrieval(ctx, first)).text();
    expect(text).toBe(
      ev({ type: 'response.created', sequence_number: 0, response: { id: 'r1', output: [] } }) +
        'event: error\ndata: {"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":1}\n\n',
    );
  });
});
