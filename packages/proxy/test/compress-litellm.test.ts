// A real gateway against POST /v1/compress: LiteLLM's own headroom guardrail (PyPI `litellm`), installed
// into a venv this test creates, pointed at the proxy. Skipped, saying so, where Python or venv is missing.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import { SERVICES } from './support/fixtures.js';

const LITELLM = 'litellm==1.110.2';
const FASTAPI = 'fastapi==0.165.0'; // the guardrail module imports it; litellm's base install does not
const DRIVER = join(import.meta.dirname, 'support', 'litellm_guardrail.py');
/** Kept between runs (node_modules is never committed); a fresh clone builds it once. */
const VENV = join(import.meta.dirname, '..', 'node_modules', '.cache', `venv-${LITELLM.replace('==', '-')}`);
const PY = join(VENV, 'bin', 'python');

function python(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import venv, ensurepip'], { encoding: 'utf8' });
  return r.status === 0 ? 'python3' : undefined;
}

const host = python();
if (!host) console.warn('compress-litellm.test.ts: SKIPPED — python3 with venv and ensurepip is needed to install LiteLLM from PyPI');

const home = mkdtempSync(join(tmpdir(), 'headroom-litellm-'));
process.env.HEADROOM_HOME = home;
const TOKEN = 'litellm-gateway-token';
let proxy: RunningProxy;

beforeAll(async () => {
  if (!host) return;
  if (!existsSync(join(VENV, '.installed'))) {
    mkdirSync(VENV, { recursive: true });
    execFileSync(host, ['-m', 'venv', '--clear', VENV], { stdio: 'inherit' });
    execFileSync(PY, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', LITELLM, FASTAPI], { stdio: 'inherit' });
    execFileSync(PY, ['-c', `open(${JSON.stringify(join(VENV, '.installed'))}, 'w').close()`]);
  }
  proxy = await startProxy({ port: 0, home, budgetMs: 30_000, compressToken: TOKEN, upstreams: { openai: 'http://127.0.0.1:9', anthropic: 'http://127.0.0.1:9' } });
}, 900_000);

afterAll(async () => {
  await proxy?.close();
});

interface GuardrailRun {
  messages: Record<string, unknown>[];
  tools: { function: { name: string } }[] | null;
  hashes: string[];
  retrieved: Record<string, string>;
}

/**
 * LiteLLM's guardrail, as its proxy runs it before a model call (see support/litellm_guardrail.py).
 * Asynchronous: the proxy it calls runs on this process's event loop.
 */
function guardrail(input: Record<string, unknown>): Promise<GuardrailRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PY,
      [DRIVER],
      // No network but the proxy: LiteLLM's cost map comes from its package.
      { env: { ...process.env, LITELLM_LOCAL_MODEL_COST_MAP: 'True', LITELLM_LOG: 'ERROR' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as GuardrailRun)),
    );
    child.stdin!.end(JSON.stringify({ api_base: proxy.url, api_key: TOKEN, model: 'gpt-4o', ...input }));
  });
}

// A finished tool exchange followed by a new question: LiteLLM holds back the live turn and assistant
// rows and sends the rest to /v1/compress.
const conversation = () => [
  { role: 'user', content: 'Which service is failing?' },
  { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'list_services', arguments: '{}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: SERVICES },
  { role: 'assistant', content: 'service-137 reports a full disk.' },
  { role: 'user', content: 'What is its latency?' },
];

describe.skipIf(!host)("LiteLLM's headroom guardrail against /v1/compress", () => {
  it('compresses the tool result, keeps every other message, and adds the retrieve tool for our hash', async () => {
    const run = await guardrail({ messages: conversation() });
    expect(run.messages).toHaveLength(5);
    const sent = conversation();
    for (const i of [0, 1, 3, 4]) expect(run.messages[i]).toEqual(sent[i]);
    const tool = run.messages[2]!.content as string;
    expect(tool).toContain('[headroom: omitted 293 items of 300');
    expect(tool).toContain('error: disk full');
    const key = /key=hr_([0-9a-f]{24})/.exec(tool)![1]!;
    expect(run.hashes).toEqual([key]);
    expect(run.tools?.map((t) => t.function.name)).toEqual(['headroom_retrieve']);
    // LiteLLM's own retrieve call (GET /v1/retrieve/<hash> with its bearer token) gets the exact original.
    expect(run.retrieved[key]).toBe(SERVICES);
  }, 120_000);

  it('x-headroom-bypass: true on the client request leaves the messages alone', async () => {
    const run = await guardrail({ messages: conversation(), bypass: true });
    expect(run.messages).toEqual(conversation());
    expect(run.hashes).toEqual([]);
  }, 120_000);

  it("the guardrail's calls are booked in the proxy's ledger", async () => {
    const e = (await proxy.stats()).models.find((m) => m.provider === 'compress')!;
    expect(e.requests).toBeGreaterThanOrEqual(1);
    expect(e.tokensAfter).toBeLessThan(e.tokensBefore);
  });
});
