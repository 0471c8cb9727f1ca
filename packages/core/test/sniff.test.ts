// The request path reads a request's bytes before decoding them (issue 14, defect 13): one with no tool
// traffic is sent as it came without being built into a string and a tree.
import { describe, expect, it } from 'vitest';
import { prepare, SpliceMemory, StickyBytes } from '../src/conversation/index.js';
import { sniffRequest } from '../src/conversation/sniff.js';

const bytes = (s: string | Buffer) => new Uint8Array(typeof s === 'string' ? Buffer.from(s) : s);

describe('sniffRequest', () => {
  it('reads the top-level model and stream, not the ones inside messages or strings', () => {
    const raw = bytes('{"metadata":{"model":"inner","stream":true},"messages":[{"role":"user","content":"say \\"model\\": \\"x\\""}],"model":"claude-sonnet-4-6","stream" : true}');
    expect(sniffRequest(raw)).toEqual({ toolTraffic: false, model: 'claude-sonnet-4-6', stream: true });
    expect(sniffRequest(bytes('{"model":"gpt-5","stream":false,"input":"hi"}'))).toEqual({ toolTraffic: false, model: 'gpt-5', stream: false });
    expect(sniffRequest(bytes('{"model":"gpt-\\u00e9","input":"a \\\\"}'))).toEqual({ toolTraffic: false, model: 'gpt-é', stream: false });
  });

  it('sees tool traffic in every API shape', () => {
    for (const body of [
      '{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"x"}]}]}',
      '{"messages":[{"role":"tool","tool_call_id":"c","content":"x"}]}',
      '{"input":[{"type":"function_call_output","call_id":"c","output":"x"}]}',
      '{"contents":[{"parts":[{"functionResponse":{"name":"f","response":{"r":"x"}}}]}]}',
    ]) {
      expect(sniffRequest(bytes(body)).toolTraffic).toBe(true);
    }
  });

  it('survives bytes that are not JSON or not UTF-8', () => {
    expect(sniffRequest(bytes('{"model":"m","messages":[{"content":"\\"unterminated'))).toMatchObject({ toolTraffic: false, model: 'm' });
    expect(sniffRequest(bytes(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])))).toEqual({ toolTraffic: false, stream: false });
  });
});

describe('prepare() on a request with no tool traffic', () => {
  it('sends the client bytes themselves, undecoded, and still names the model', async () => {
    const raw = bytes(`{"model":"claude-sonnet-4-6","stream":true,"messages":[{"role":"user","content":"${'é'.repeat(1000)} \\ud800 lone surrogate"}]}`);
    const prep = await prepare('anthropic', raw, { budgetMs: 2000, profile: 'balanced', store: undefined, bypass: false, memory: new SpliceMemory(), sticky: new StickyBytes() });
    expect(prep.body).toBe(raw);
    expect(prep.json).toBeUndefined();
    expect(prep).toMatchObject({ changed: false, retrieval: false, model: 'claude-sonnet-4-6', stream: true, blocks: [] });
  });
});
