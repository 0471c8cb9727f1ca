// The request path's building blocks: SSE framing, the retrieve tool, usage shapes, the splice memory.
import { describe, expect, it } from 'vitest';
import { SpliceMemory, hasMarker, keyFromArguments, retrieveToolDefinition, SseParser, readUsage } from '../src/conversation/index.js';

describe('SseParser', () => {
  it('frames events split across chunks and multibyte characters, keeping raw bytes', () => {
    const text = 'event: a\ndata: {"x":"é"}\n\ndata: line1\r\ndata: line2\r\n\r\n: comment\n\ndata: tail';
    const bytes = Buffer.from(text);
    const p = new SseParser();
    const events = [];
    for (let i = 0; i < bytes.length; i += 3) events.push(...p.push(bytes.subarray(i, i + 3)));
    events.push(...p.end());
    expect(events.map((e) => e.raw).join('')).toBe(text);
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['a', '{"x":"é"}'],
      [undefined, 'line1\nline2'],
      [undefined, ''],
      [undefined, 'tail'],
    ]);
  });
});

describe('retrieve tool', () => {
  it('has one stable definition per API', () => {
    expect(JSON.stringify(retrieveToolDefinition('anthropic'))).toBe(JSON.stringify(retrieveToolDefinition('anthropic')));
    expect(retrieveToolDefinition('chat')).toMatchObject({ type: 'function', function: { name: 'headroom_retrieve' } });
    expect(retrieveToolDefinition('responses')).toMatchObject({ type: 'function', name: 'headroom_retrieve' });
    // Its own description must not look like a marker, or every request would carry the tool.
    expect(hasMarker(JSON.stringify(retrieveToolDefinition('anthropic')))).toBe(false);
  });

  it('recognises markers and reads keys from arguments', () => {
    expect(hasMarker('[headroom: omitted 3 lines of 9; key=hr_0123456789abcdef01234567]')).toBe(true);
    expect(hasMarker('key=hr_0123456789abcdef01234567')).toBe(false);
    expect(keyFromArguments('{"key":"hr_1"}')).toBe('hr_1');
    expect(keyFromArguments({ key: 'hr_2' })).toBe('hr_2');
    expect(keyFromArguments('not json')).toBe('not json');
    expect(keyFromArguments(42)).toBe('');
  });
});

describe('usage', () => {
  it('reads all three shapes, cache figures included', () => {
    expect(readUsage({ input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 })).toEqual({ input: 10, output: 2, cacheRead: 5, cacheWrite: 3 });
    expect(readUsage({ prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } })).toEqual({ input: 10, output: 2, cacheRead: 4, cacheWrite: 0 });
    expect(readUsage({ input_tokens: 10, output_tokens: 2, input_tokens_details: { cached_tokens: 6 } })).toEqual({ input: 10, output: 2, cacheRead: 6, cacheWrite: 0 });
  });
});

describe('SpliceMemory', () => {
  it('restores a hidden Anthropic exchange once, and leaves other histories alone', () => {
    const m = new SpliceMemory();
    const call = { type: 'tool_use', id: 'r', name: 'headroom_retrieve', input: { key: 'k' } };
    const result = { type: 'tool_result', tool_use_id: 'r', content: 'orig' };
    m.remember('c', { calls: [call], results: [result] });
    const history = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'c', name: 'x', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c', content: 'ok' }] },
    ];
    const restored = m.restore('anthropic', history)!;
    expect(restored[1]).toEqual({ role: 'assistant', content: [history[1]!.content[0], call] });
    expect(restored[2]).toEqual({ role: 'user', content: [result, (history[2]!.content as unknown[])[0]] });
    expect(m.restore('anthropic', restored)).toBeUndefined();
    expect(m.restore('anthropic', [{ role: 'user', content: 'q' }])).toBeUndefined();
  });
});

describe('SpliceMemory bounds', () => {
  it('forgets the oldest exchanges past its character bound, and never keeps one larger than the bound', () => {
    const exchange = (id: string, size: number) => ({ calls: [{ type: 'tool_use', id, name: 'headroom_retrieve', input: { key: 'k' } }], results: [{ type: 'tool_result', tool_use_id: id, content: 'x'.repeat(size) }] });
    const history = (id: string) => [
      { role: 'assistant', content: [{ type: 'tool_use', id, name: 'x', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] },
    ];
    const m = new SpliceMemory(10, 2500);
    m.remember('a', exchange('ra', 1000));
    m.remember('b', exchange('rb', 1000));
    expect(m.size).toBe(2);
    m.remember('c', exchange('rc', 1000)); // a goes: the three together are past 2,500 characters
    expect(m.size).toBe(2);
    expect(m.restore('anthropic', history('a'))).toBeUndefined();
    expect(m.restore('anthropic', history('c'))).toBeDefined();
    m.remember('d', exchange('rd', 5000));
    expect(m.restore('anthropic', history('d'))).toBeUndefined();
    expect(m.size).toBe(2);
  });
});

describe('SpliceMemory with Responses', () => {
  const call = { type: 'function_call', call_id: 'r', name: 'headroom_retrieve', arguments: '{"key":"k"}' };
  const result = { type: 'function_call_output', call_id: 'r', output: 'orig' };
  const mine = { type: 'function_call', call_id: 'c', name: 'x', arguments: '{}' };
  const myOutput = { type: 'function_call_output', call_id: 'c', output: 'ok' };

  it('puts the hidden call and output after the client call in a full history', () => {
    const m = new SpliceMemory();
    m.remember('c', { calls: [call], results: [result] });
    expect(m.restore('responses', [{ role: 'user', content: 'q' }, mine, myOutput])).toEqual([{ role: 'user', content: 'q' }, mine, call, result, myOutput]);
  });

  it('with previous_response_id (only the new output is sent) adds the hidden output alone', () => {
    const m = new SpliceMemory();
    m.remember('c', { calls: [call], results: [result] });
    expect(m.restore('responses', [myOutput])).toEqual([result, myOutput]);
  });
});
