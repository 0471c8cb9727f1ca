// The same task with API keys instead of subscriptions: Codex signed in with `codex login --with-api-key`
// (the key in auth.json, sent by the provider's requires_openai_auth) and Claude Code with
// ANTHROPIC_API_KEY (sent as x-api-key), each against a loopback stand-in that accepts only that key.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicBackend, openaiBackend, refusingProxy, type Backend, type Recorded } from './support/backends.js';
import { CLAUDE_ARGS, CLAUDE_ENV, CODEX_ARGS, codexOfflineConfig, makeSandbox, outbound, throughRefusing, wrap, type Run } from './support/sandbox.js';
import { appLog, CANARY } from './support/scripted-model.js';

let refusing: Backend;
beforeAll(async () => {
  refusing = await refusingProxy().start();
});
afterAll(async () => {
  await refusing.stop();
});

/** The shell result went up compressed with the failure line, and the retrieval brought the original back. */
function expectCompressedThenRetrieved(model: Recorded[]): void {
  expect(model.map((r) => r.step!.kind)).toEqual(['shell', 'retrieve', 'answer']);
  const compressed = model[1]!.body;
  expect(compressed).toContain('[headroom: omitted');
  expect(compressed).toContain(CANARY);
  expect(model[2]!.body).toContain(JSON.stringify(appLog().trimEnd()).slice(1, -1));
}

describe('codex with an API key stored by `codex login --with-api-key`', () => {
  let backend: Backend;
  let run: Run;
  let config: string;
  let configFile: string;
  beforeAll(async () => {
    backend = await openaiBackend('sk-proj-canary-key').start();
    const sb = makeSandbox();
    mkdirSync(join(sb.home, '.codex'), { recursive: true });
    writeFileSync(join(sb.home, '.codex', 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-canary-key' }));
    config = ['model = "gpt-5.1-codex"', ...codexOfflineConfig(backend.url), ''].join('\n');
    configFile = join(sb.home, '.codex', 'config.toml');
    writeFileSync(configFile, config);
    run = await wrap(sb, CODEX_ARGS, { HEADROOM_OPENAI_UPSTREAM: backend.url, ...throughRefusing(refusing) });
  });
  afterAll(async () => {
    await backend.stop();
  });

  it('completes through /v1/responses with the stored key; compressed, retrieved; config restored; nothing left the machine', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Request 217 failed: ${CANARY}.`);
    const model = backend.modelRequests();
    expect(new Set(model.map((r) => `${r.path} ${r.headers.authorization}`))).toEqual(new Set(['/v1/responses Bearer sk-proj-canary-key']));
    expectCompressedThenRetrieved(model);
    expect(readFileSync(configFile, 'utf8')).toBe(config);
    expect(outbound(refusing)).toEqual([]);
  });
});

describe('claude with ANTHROPIC_API_KEY', () => {
  let backend: Backend;
  let run: Run;
  beforeAll(async () => {
    backend = await anthropicBackend({ apiKey: 'sk-ant-api03-canary' }).start();
    const sb = makeSandbox();
    run = await wrap(sb, CLAUDE_ARGS, { ANTHROPIC_API_KEY: 'sk-ant-api03-canary', ...CLAUDE_ENV, HEADROOM_ANTHROPIC_UPSTREAM: backend.url, ...throughRefusing(refusing) });
  });
  afterAll(async () => {
    await backend.stop();
  });

  it('completes with x-api-key; compressed, retrieved; nothing left the machine', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Request 217 failed: ${CANARY}.`);
    for (const r of backend.requests) expect(r.headers['x-api-key']).toBe('sk-ant-api03-canary');
    expectCompressedThenRetrieved(backend.modelRequests().filter((r) => r.step!.kind !== 'answer' || r.body.includes('call_retrieve_1')));
    expect(outbound(refusing)).toEqual([]);
  });
});
