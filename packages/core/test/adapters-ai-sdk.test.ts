// headroomMiddleware() with the real Vercel AI SDK (`ai`, `@ai-sdk/openai`) against a local fake upstream:
// tool results compressed before every call (text and JSON outputs), generateText and streamText,
// streaming incremental, usage intact, everything else in the prompt as the caller gave it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, wrapLanguageModel, type ModelMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroomMiddleware } from '../src/adapters/ai-sdk.js';
import { headroomFetch } from '../src/adapters/fetch.js';
import { openStore, type CcrStore } from '../src/index.js';
import { FakeUpstream } from '../../proxy/test/support/fake-upstream.js';
import { chatCompletion, chatSse, SERVICES } from '../../proxy/test/support/fixtures.js';
import { tool } from 'ai';
import { z } from 'zod';

const upstream = new FakeUpstream();
let store: CcrStore;
let model: ReturnType<typeof wrapLanguageModel>;

const OMITTED = '[headroom: omitted 293 items of 300';

const system = 'You are an SRE assistant.';
const history = (output: { type: 'text'; value: string } | { type: 'json'; value: unknown }, tool = 'list_services'): ModelMessage[] => [
  { role: 'user', content: 'Which service is failing?' },
  { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: tool, input: {} }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: tool, output } as never] },
];

beforeAll(async () => {
  await upstream.start();
  store = await openStore({ home: mkdtempSync(join(tmpdir(), 'headroom-ai-sdk-')) });
  const openai = createOpenAI({ apiKey: 'sk-test', baseURL: `${upstream.url}/v1` });
  model = wrapLanguageModel({ model: openai.chat('gpt-4o'), middleware: headroomMiddleware({ store, budgetMs: 30_000 }) });
});

afterAll(async () => {
  await upstream.stop();
  await store.close();
});

type SentMessage = { role: string; content: unknown; tool_call_id?: string };
const sentMessages = () => upstream.received[0]!.json!.messages as SentMessage[];

describe('headroomMiddleware with the Vercel AI SDK', () => {
  it('generateText: a text tool output is compressed, the rest of the prompt is as given, usage intact', async () => {
    upstream.script({ json: chatCompletion({ content: 'service-137 is down' }) });
    const r = await generateText({ model, system, messages: history({ type: 'text', value: SERVICES }) });
    expect(r.text).toBe('service-137 is down');
    expect(r.usage.inputTokens).toBe(100);
    expect(r.usage.outputTokens).toBe(10);
    const sent = sentMessages();
    expect(sent[0]).toEqual({ role: 'system', content: system });
    expect(sent[1]).toEqual({ role: 'user', content: 'Which service is failing?' });
    const tool = sent.find((m) => m.role === 'tool')!;
    expect(tool.tool_call_id).toBe('call_1');
    expect(tool.content).toContain(OMITTED);
    expect(tool.content).toContain('error: disk full');
    const key = /key=(hr_[0-9a-f]{24})/.exec(tool.content as string)![1]!;
    expect(await store.get(key)).toEqual({ found: true, content: SERVICES });
  });

  it('a JSON tool output is compressed as the text the provider would send', async () => {
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, messages: history({ type: 'json', value: JSON.parse(SERVICES) }) });
    const tool = sentMessages().find((m) => m.role === 'tool')!;
    expect(tool.content).toContain(OMITTED);
  });

  it('the same tool result is sent as the same bytes on the next turn (prompt cache)', async () => {
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, messages: history({ type: 'text', value: SERVICES }) });
    const first = sentMessages().find((m) => m.role === 'tool')!.content;
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, messages: [...history({ type: 'text', value: SERVICES }), { role: 'assistant', content: 'ok' }, { role: 'user', content: 'and its latency?' }] });
    expect(sentMessages().find((m) => m.role === 'tool')!.content).toBe(first);
  });

  it('results of file-reading tools and short results are sent as they are', async () => {
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, messages: history({ type: 'text', value: SERVICES }, 'read_file') });
    expect(sentMessages().find((m) => m.role === 'tool')!.content).toBe(SERVICES);
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, messages: history({ type: 'text', value: 'all 300 services ok' }) });
    expect(sentMessages().find((m) => m.role === 'tool')!.content).toBe('all 300 services ok');
  });

  it('streamText: compressed too, text arrives in deltas as the upstream sends them, usage intact', async () => {
    const events = chatSse('service-137 is down', []);
    // Split the answer over several chunks to see them arrive one by one.
    const split = [events[0]!, ...['service-', '137 ', 'is down'].map((t) => events[1]!.replace('service-137 is down', t)), ...events.slice(2)];
    upstream.script({ sse: split, delayMs: 25 });
    const r = streamText({ model, messages: history({ type: 'text', value: SERVICES }) });
    const deltas: string[] = [];
    for await (const d of r.textStream) deltas.push(d);
    expect(deltas).toEqual(['service-', '137 ', 'is down']);
    expect((await r.usage).inputTokens).toBe(100);
    expect(JSON.stringify(sentMessages())).toContain(OMITTED);
  });

  it("with headroomFetch as the provider's fetch, headroom_retrieve is answered in process too", async () => {
    const provider = createOpenAI({ apiKey: 'sk-test', baseURL: `${upstream.url}/v1`, fetch: headroomFetch({ store, budgetMs: 30_000 }) });
    const tools = { list_services: tool({ description: 'lists services', inputSchema: z.object({}) }) };
    upstream.script({ json: chatCompletion({ content: 'x' }) });
    await generateText({ model: provider.chat('gpt-4o'), tools, messages: history({ type: 'text', value: SERVICES }) });
    const sent = upstream.received[0]!.json!;
    expect((sent.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['list_services', 'headroom_retrieve']);
    const key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(sent.messages))![1]!;
    upstream.script(
      { json: chatCompletion({ tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: JSON.stringify({ key }) } }] }, 'tool_calls') },
      { json: chatCompletion({ content: 'service-137 is down' }) },
    );
    const r = await generateText({ model: provider.chat('gpt-4o'), tools, messages: history({ type: 'text', value: SERVICES }) });
    expect(r.text).toBe('service-137 is down');
    expect(r.toolCalls).toEqual([]);
    expect(r.usage.inputTokens).toBe(200);
    expect((upstream.received[1]!.json!.messages as unknown[]).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
  });
});

describe('headroomMiddleware answers headroom_retrieve in process', () => {
  const tools = { list_services: tool({ description: 'lists services', inputSchema: z.object({}) }) };
  /** The key of the marker the middleware wrote into the tool result (one call to learn it). */
  async function issuedKey(): Promise<string> {
    upstream.script({ json: chatCompletion({ content: 'x' }) });
    await generateText({ model, tools, messages: history({ type: 'text', value: SERVICES }) });
    const sent = upstream.received[0]!.json!;
    expect((sent.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['list_services', 'headroom_retrieve']);
    return /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(sent.messages))![1]!;
  }
  const retrieveCall = (key: string) => ({ id: 'call_r', type: 'function', function: { name: 'headroom_retrieve', arguments: JSON.stringify({ key }) } });

  it('generateText: the original goes back to the model, the caller sees only the answer and every round’s usage', async () => {
    const key = await issuedKey();
    upstream.script({ json: chatCompletion({ tool_calls: [retrieveCall(key)] }, 'tool_calls') }, { json: chatCompletion({ content: 'service-137 is down' }) });
    const r = await generateText({ model, tools, messages: history({ type: 'text', value: SERVICES }) });
    expect(r.text).toBe('service-137 is down');
    expect(r.toolCalls).toEqual([]);
    expect(r.finishReason).toBe('stop');
    expect(r.usage.inputTokens).toBe(200);
    expect(upstream.received).toHaveLength(2);
    const continued = upstream.received[1]!.json!.messages as SentMessage[];
    expect(continued.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_r', function: { name: 'headroom_retrieve' } }] });
    expect(continued.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
  });

  it('streamText: the hidden round never reaches the caller; the answer streams; usage is the sum', async () => {
    const key = await issuedKey();
    upstream.script({ sse: chatSse(null, [{ id: 'call_r', name: 'headroom_retrieve', args: JSON.stringify({ key }) }], 'tool_calls') }, { sse: chatSse('service-137 is down', []) });
    const r = streamText({ model, tools, messages: history({ type: 'text', value: SERVICES }) });
    const parts: { type: string; toolName?: string }[] = [];
    for await (const p of r.fullStream) parts.push(p);
    expect(parts.some((p) => p.toolName === 'headroom_retrieve')).toBe(false);
    expect(parts.filter((p) => p.type === 'start-step')).toHaveLength(1);
    expect(await r.text).toBe('service-137 is down');
    expect(await r.finishReason).toBe('stop');
    expect((await r.usage).inputTokens).toBe(200);
    expect((upstream.received[1]!.json!.messages as SentMessage[]).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: SERVICES });
  });

  it('a key that was not issued into the conversation is refused, not fetched', async () => {
    await issuedKey();
    const other = 'hr_0123456789abcdef01234567';
    upstream.script({ json: chatCompletion({ tool_calls: [retrieveCall(other)] }, 'tool_calls') }, { json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, tools, messages: history({ type: 'text', value: SERVICES }) });
    const answer = (upstream.received[1]!.json!.messages as SentMessage[]).at(-1)!;
    expect(answer.content).toContain('unknown key');
  });

  it('without our markers in the prompt, no tool is added', async () => {
    upstream.script({ json: chatCompletion({ content: 'ok' }) });
    await generateText({ model, tools, messages: history({ type: 'text', value: 'all 300 services ok' }) });
    expect((upstream.received[0]!.json!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['list_services']);
  });
});
