import { describe, expect, it } from 'vitest';
import { compress, compressText, countTokens, type OriginalSink } from '../src/index.js';

/** A log with one error in the middle of many repeated OK lines: compressible, with a fact to keep. */
function bigLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) lines.push(`2026-11-21T10:${String(i % 60).padStart(2, '0')}:00Z INFO worker-${i % 4} request ${1000 + i} served in ${i % 50}ms`);
  lines.splice(200, 0, '2026-11-21T10:20:00Z ERROR worker-2 request 1200 failed: ECONNRESET upstream db-7.internal');
  return lines.join('\n') + '\n';
}

class MemorySink implements OriginalSink {
  readonly entries = new Map<string, string>();
  async put(key: string, content: string): Promise<void> {
    this.entries.set(key, content);
  }
}

const keysIn = (text: string) => [...text.matchAll(/key=(hr_[0-9a-f]{24})/g)].map((m) => m[1]!);

describe('compress()', () => {
  const log = bigLog();

  it('reports exact token counts of the input and the output for the model (counted with the compression)', async () => {
    // Small on purpose: each model is counted twice here (by compressText and by the check), in a debug build.
    const small = log.split('\n').slice(170, 230).join('\n');
    for (const model of ['gpt-4o', 'gpt-4', 'claude-sonnet-4-6', undefined]) {
      const r = await compressText(small, { store: false, cache: false, ...(model ? { model } : {}) });
      expect(r.stats.transform).toBeDefined();
      expect(r.stats.tokensBefore).toBe(countTokens(small, model).tokens);
      expect(r.stats.tokensAfter).toBe(countTokens(r.text, model).tokens);
      expect(r.stats.tokensAfter).toBeLessThan(r.stats.tokensBefore);
    }
    const passThrough = await compressText('short and plain', { store: false, cache: false });
    expect(passThrough.stats.tokensAfter).toBe(passThrough.stats.tokensBefore);
    expect(passThrough.stats.tokensBefore).toBe(countTokens('short and plain').tokens);
  });

  it('with deferCounts, returns before counting and fills in the exact counts when `counted` settles; a memo hit has them at once', async () => {
    const small = log.split('\n').slice(100, 160).join('\n');
    const passing = 'plain words that no compressor shortens';
    const messages = [
      { role: 'user', content: 'What failed?' },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: small }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't2', content: passing }] },
    ];
    const r = await compress(messages, { store: false, minChars: 1, deferCounts: true, model: 'gpt-4' });
    // The count of the block compressed last is still on the thread pool when compress() resolves (it
    // settles on a later turn of the event loop): its fields read 0 until `counted` settles. Blocks are
    // compressed at once, so which one that is depends on which finished last.
    expect(r.counted).toBeInstanceOf(Promise);
    expect(r.blocks.some((b) => b.tokensBefore === 0 && b.tokensAfter === 0)).toBe(true);
    await r.counted;
    const sent = (r.messages[1] as { content: { content: string }[] }).content[0]!.content;
    expect(r.blocks[0]!.transform).toBeDefined();
    expect(r.blocks[0]).toMatchObject({ tokensBefore: countTokens(small, 'gpt-4').tokens, tokensAfter: countTokens(sent, 'gpt-4').tokens });
    expect(r.blocks[1]).toMatchObject({ tokensBefore: countTokens(passing, 'gpt-4').tokens, tokensAfter: countTokens(passing, 'gpt-4').tokens });
    expect(r.tokensBefore).toBe(r.blocks[0]!.tokensBefore + r.blocks[1]!.tokensBefore);
    expect(r.tokensAfter).toBe(r.blocks[0]!.tokensAfter + r.blocks[1]!.tokensAfter);
    // The counts went to the memo with the result: the same text again is counted already.
    const again = await compressText(small, { store: false, deferCounts: true, model: 'gpt-4' });
    expect(again.counted).toBeUndefined();
    expect(again.stats).toMatchObject({ tokensBefore: r.blocks[0]!.tokensBefore, tokensAfter: r.blocks[0]!.tokensAfter });
  });

  it('stops when its signal aborts: rejects with the reason and remembers nothing', async () => {
    const controller = new AbortController();
    const pending = compressText(log, { store: false, signal: controller.signal });
    controller.abort(new Error('budget overrun'));
    await expect(pending).rejects.toThrow('budget overrun');
    const aborted = AbortSignal.abort(new Error('already gone'));
    await expect(compressText(log + '\n', { store: false, signal: aborted })).rejects.toThrow('already gone');
    // Not memoized: the same text compresses in full afterwards.
    const r = await compressText(log, { store: false });
    expect(r.stats.transform).toBeDefined();
  });

  it('compresses an Anthropic tool_result, keeps the error line, and stores the original under the marker key', async () => {
    const sink = new MemorySink();
    const messages = [
      { role: 'user', content: 'Why did request 1200 fail?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'cat app.log' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: log }] },
    ];
    const r = await compress(messages, { store: sink, ccrDir: '/tmp/hr-ccr' });
    const out = (r.messages[2] as { content: { content: string }[] }).content[0]!.content;
    expect(out).toContain('ERROR worker-2 request 1200 failed: ECONNRESET upstream db-7.internal');
    expect(out.length).toBeLessThan(log.length / 2);
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0]).toMatchObject({ message: 2, tool: 'Bash', contentType: 'log', path: ['content', 0, 'content'] });
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    const keys = keysIn(out);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(sink.entries.has(k)).toBe(true);
    expect([...sink.entries.values()]).toContain(log);
    expect(out).toContain('file=/tmp/hr-ccr/hr_');
    // The input is untouched, and unchanged messages are the caller's own objects.
    expect((messages[2]!.content as { content: string }[])[0]!.content).toBe(log);
    expect(r.messages[0]).toBe(messages[0]);
    expect(r.messages[1]).toBe(messages[1]);
  });

  it('finds tool output in OpenAI Chat and Responses shapes', async () => {
    const chat = [
      { role: 'user', content: 'what failed?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'shell', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: log }] },
    ];
    const a = await compress(chat, { store: false });
    expect(a.blocks[0]).toMatchObject({ message: 2, tool: 'shell', path: ['content', 0, 'text'] });
    expect(((a.messages[2] as { content: { text: string }[] }).content[0]!.text).length).toBeLessThan(log.length);

    const responses = [
      { role: 'user', content: [{ type: 'input_text', text: 'what failed?' }] },
      { type: 'function_call', call_id: 'r1', name: 'exec', arguments: '{}' },
      { type: 'function_call_output', call_id: 'r1', output: log },
    ];
    const b = await compress(responses, { store: false });
    expect(b.blocks[0]).toMatchObject({ message: 2, tool: 'exec', path: ['output'] });
    expect((b.messages[2] as { output: string }).output).toContain('request 1200 failed');
  });

  it('leaves excluded tools, small outputs, user and system text alone', async () => {
    const messages = [
      { role: 'system', content: log },
      { role: 'user', content: log },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'r', name: 'Read', input: { path: 'app.log' } }, { type: 'tool_use', id: 's', name: 'Bash', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'r', content: log }, { type: 'tool_result', tool_use_id: 's', content: 'ok\n' }] },
    ];
    const r = await compress(messages, { store: false });
    expect(r.blocks).toEqual([]);
    expect(r.messages).toEqual(messages);
  });

  it('is deterministic and cache-safe: a later turn with another question resends identical bytes', async () => {
    const unseen = log + '2026-11-21T11:00:00Z INFO worker-9 shutdown\n';
    const first = await compressText(unseen, { query: 'request 1200', store: false });
    const second = await compressText(unseen, { query: 'something else entirely', store: false });
    expect(second.text).toBe(first.text);
    // Without the memo, the same input and options give the same bytes too.
    const fresh = await compressText(unseen, { query: 'request 1200', store: false, cache: false });
    expect(fresh.text).toBe(first.text);
  });

  it('fails open when the store cannot take the original: the text goes out uncompressed', async () => {
    const broken: OriginalSink = { put: async () => Promise.reject(new Error('disk full')) };
    const r = await compressText(log, { store: broken, cache: false });
    expect(r.text).toBe(log);
    expect(r.stats.keys).toEqual([]);
    expect(r.diagnostics.join('\n')).toContain('disk full');
  });

  it('passes through what it cannot help with, saying why', async () => {
    const invalid = '{"a": [1, 2, 3,, oops'.padEnd(3000, ' ') + '}';
    const r = await compressText(invalid, { store: false });
    expect(r.text).toBe(invalid);
    expect(r.stats.contentType).toBe('json');
    expect(r.stats.skipped).toMatch(/JSON/i);
  });

  it('rejects an unknown profile as misuse', async () => {
    await expect(compressText(log, { profile: 'extreme' as never })).rejects.toMatchObject({ code: 'HEADROOM_INVALID_ARG' });
  });

  it('takes the language by name or file extension and reports it by name; one without a grammar is no error', async () => {
    const source = Array.from({ length: 80 }, (_, i) => `def handler_${i}(event):\n    total = event["n"] * ${i}\n    return total\n`).join('\n');
    for (const language of ['python', 'py', '.py']) {
      const r = await compressText(source, { contentType: 'code', language, store: false, cache: false });
      expect(r.stats.language).toBe('python');
    }
    const cobol = await compressText(source, { contentType: 'code', language: 'cobol', store: false, cache: false });
    expect(cobol.stats.language).toBeUndefined();
    expect(cobol.diagnostics).toEqual([]);
  });
});

describe('compress() query per tool result', () => {
  it('uses the question asked before each tool result, so later turns reproduce the same bytes without the memo', async () => {
    const log = Array.from({ length: 300 }, (_, i) => `2026-11-21T08:00:${String(i % 60).padStart(2, '0')}Z INFO batch ${i} ok`).join('\n') + '\n';
    const turn1 = [
      { role: 'user', content: 'is batch 117 in there?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'Bash', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: log }] },
    ];
    const turn2 = [...turn1, { role: 'assistant', content: 'Yes.' }, { role: 'user', content: 'thanks, now summarise the deploy' }];
    const first = await compress(turn1, { store: false, cache: false });
    const later = await compress(turn2, { store: false, cache: false });
    expect(later.messages[2]).toEqual(first.messages[2]);
  });
});
