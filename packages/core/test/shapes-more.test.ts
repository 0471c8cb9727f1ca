// compress() on the two shapes added for issue 16: Gemini `contents` and Vercel AI SDK prompts. Only
// tool-output strings change; every other message and part stays the caller's own object.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compress, findToolTexts, openStore, type CcrStore } from '../src/index.js';

const ROWS = JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i, status: i === 42 ? 'error: timeout' : 'ok', region: 'eu-west-1' })));
let store: CcrStore;

beforeAll(async () => {
  store = await openStore({ home: mkdtempSync(join(tmpdir(), 'headroom-shapes-')) });
});
afterAll(() => store.close());

describe('Gemini contents', () => {
  const contents = () => [
    { role: 'user', parts: [{ text: 'Which request timed out?' }] },
    { role: 'model', parts: [{ functionCall: { name: 'list_requests', args: {} } }] },
    { role: 'user', parts: [{ functionResponse: { name: 'list_requests', response: { output: ROWS, exitCode: 0, meta: { rows: 300 } } } }] },
  ];

  it('finds each string of a functionResponse, named by the function', () => {
    expect(findToolTexts(contents())).toEqual([{ message: 2, path: ['parts', 0, 'functionResponse', 'response', 'output'], text: ROWS, tool: 'list_requests' }]);
  });

  it('compresses it with the question asked before it; the rest are the same objects', async () => {
    const input = contents();
    const r = await compress(input, { store });
    expect(r.messages[0]).toBe(input[0]);
    expect(r.messages[1]).toBe(input[1]);
    const response = (r.messages[2]!.parts[0] as { functionResponse: { response: { output: string; exitCode: number; meta: unknown } } }).functionResponse.response;
    expect(response.output.length).toBeLessThan(ROWS.length / 2);
    expect(response.output).toContain('error: timeout');
    expect(response.exitCode).toBe(0);
    expect(response.meta).toEqual({ rows: 300 });
    expect(input[2]!.parts[0]).toEqual(contents()[2]!.parts[0]); // the input is not modified
  });
});

describe('Vercel AI SDK prompt', () => {
  const prompt = (output: unknown) => [
    { role: 'user', content: [{ type: 'text', text: 'Which request timed out?' }] },
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'list_requests', input: {} }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'list_requests', output }] },
  ];

  it.each([
    ['text', { type: 'text', value: ROWS }, ['content', 0, 'output', 'value']],
    ['error-text', { type: 'error-text', value: ROWS }, ['content', 0, 'output', 'value']],
    ['content', { type: 'content', value: [{ type: 'text', text: ROWS }] }, ['content', 0, 'output', 'value', 0, 'text']],
  ])('a %s output is a tool text', (_name, output, path) => {
    expect(findToolTexts(prompt(output))).toEqual([{ message: 2, path, text: ROWS, tool: 'list_requests' }]);
  });

  it('a json output is not (it is an object: the middleware turns it into text first)', () => {
    expect(findToolTexts(prompt({ type: 'json', value: JSON.parse(ROWS) }))).toEqual([]);
  });

  it('compresses a text output in place', async () => {
    const input = prompt({ type: 'text', value: ROWS });
    const r = await compress(input, { store });
    expect(r.messages[0]).toBe(input[0]);
    const part = (r.messages[2]!.content as { output: { type: string; value: string } }[])[0]!;
    expect(part.output.type).toBe('text');
    expect(part.output.value.length).toBeLessThan(ROWS.length / 2);
    expect(part.output.value).toContain('error: timeout');
  });
});
