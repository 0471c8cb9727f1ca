// An agent with only a shell (Codex in code mode, any agent without headroom_retrieve) gets an original
// back by reading the file its marker names. That output is the original itself: compressing it again
// would hand the model the same marker and never the bytes it asked for. A call whose arguments name a CCR
// key is therefore left alone, in every shape; the same output fetched any other way is compressed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compress, findToolTexts, openStore, type CcrStore } from '../src/index.js';

const LOG = Array.from({ length: 240 }, (_, i) => (i === 217 ? 'ERROR request 217 failed: disk quota exceeded' : `INFO request ${i} served in ${10 + (i % 7)} ms`)).join('\n');
const KEY = 'hr_0123456789abcdef01234567';
const FETCH = `cat /home/me/.headroom/ccr/${KEY}`;
let store: CcrStore;

beforeAll(async () => {
  store = await openStore({ home: mkdtempSync(join(tmpdir(), 'headroom-fetch-original-')) });
});
afterAll(() => store.close());

const shapes: [string, (cmd: string) => unknown[]][] = [
  [
    'Responses, a function call',
    (cmd) => [
      { type: 'function_call', call_id: 'c1', name: 'exec_command', arguments: JSON.stringify({ cmd }) },
      { type: 'function_call_output', call_id: 'c1', output: LOG },
    ],
  ],
  [
    'Responses, a custom tool call (Codex code mode)',
    (cmd) => [
      { type: 'custom_tool_call', call_id: 'c1', name: 'exec', input: `const r = await tools.exec_command({ cmd: ${JSON.stringify(cmd)} }); text(r);` },
      { type: 'custom_tool_call_output', call_id: 'c1', output: [{ type: 'input_text', text: LOG }] },
    ],
  ],
  [
    'Anthropic',
    (cmd) => [
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: cmd } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: LOG }] },
    ],
  ],
  [
    'OpenAI Chat',
    (cmd) => [
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'shell', arguments: JSON.stringify({ cmd }) } }] },
      { role: 'tool', tool_call_id: 'c1', content: LOG },
    ],
  ],
];

describe.each(shapes)('%s', (_name, conversation) => {
  it('the output of a call that names a CCR key goes as it is', async () => {
    const input = conversation(FETCH);
    expect(findToolTexts(input).map((t) => t.fetchesOriginal)).toEqual([true]);
    const r = await compress(input, { store });
    expect(r.messages).toEqual(input);
    expect(r.blocks).toEqual([]);
  });

  it('the same output from any other call is compressed', async () => {
    const r = await compress(conversation('cat app.log'), { store });
    expect(r.blocks).toHaveLength(1);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore / 2);
  });
});
