// The real Codex CLI (0.171, from npm) signed in with ChatGPT, through `headroom wrap codex`, against a
// loopback stand-in for ChatGPT's Codex backend: a shell call that prints a large log, a retrieval of the
// original, then the answer. Codex's own calls to chatgpt.com (account checks, plugins, apps, analytics,
// update checks) are pointed at the stand-in or turned off in the user's config.toml, and HTTPS_PROXY
// points at a proxy that refuses everything: the test fails if anything tries to leave the machine.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatgptBackend, refusingProxy, type Backend } from './support/backends.js';
import { CODEX_ARGS, codexOfflineConfig, makeSandbox, outbound, throughRefusing, wrap, type Run, type Sandbox } from './support/sandbox.js';
import { appLog, CANARY, textOf } from './support/scripted-model.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const exp = 4_102_444_800; // 2100-01-01: never refreshed during the test
const claims = { exp, 'https://api.openai.com/auth': { chatgpt_plan_type: 'plus', chatgpt_account_id: 'acct-canary-42', chatgpt_user_id: 'user-1' } };
const ACCESS_TOKEN = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, 'https://api.openai.com/profile': { email: 'dev@example.test' } })}.sig`;
/** What `codex login` writes for a ChatGPT sign-in (tokens are unsigned stand-ins; Codex only decodes them). */
const AUTH = {
  auth_mode: 'chatgpt',
  OPENAI_API_KEY: null,
  tokens: { id_token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, email: 'dev@example.test' })}.sig`, access_token: ACCESS_TOKEN, refresh_token: 'rt-canary', account_id: 'acct-canary-42' },
  last_refresh: new Date().toISOString(),
};

let backend: Backend;
let refusing: Backend;
let sb: Sandbox;
let config: string;
let run: Run;

beforeAll(async () => {
  backend = await chatgptBackend({ token: ACCESS_TOKEN, accountId: 'acct-canary-42' }).start();
  refusing = await refusingProxy().start();
  sb = makeSandbox();
  const codexHome = join(sb.home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(join(codexHome, 'auth.json'), JSON.stringify(AUTH, null, 2));
  // A user's config: Codex's default model (in 0.171 it works in "code mode": one custom `exec` tool
  // running JavaScript that calls exec_command, answered by custom_tool_call_output items), a larger
  // tool-output limit (Codex cuts tool output to ~10 KB by default), and no background traffic to
  // chatgpt.com (account checks go to the stand-in; apps, plugins, analytics and update checks off).
  // No newline at the end: restored byte for byte all the same.
  config = ['# my Codex settings', ...codexOfflineConfig(backend.url)].join('\n');
  writeFileSync(join(codexHome, 'config.toml'), config);
  run = await wrap(sb, CODEX_ARGS, { HEADROOM_CHATGPT_UPSTREAM: backend.url, ...throughRefusing(refusing) });
});

afterAll(async () => {
  await backend?.stop();
  await refusing?.stop();
});

describe('codex (ChatGPT sign-in) through headroom wrap', () => {
  it('completes the task: exit 0 and the answer names the failure', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Request 217 failed: ${CANARY}.`);
    expect(run.stdout + run.stderr).not.toContain('headroom_retrieve');
  });

  it('every model request reached the ChatGPT backend through the proxy with the sign-in headers, over HTTP', () => {
    const model = backend.modelRequests();
    expect(model.map((r) => r.step!.kind)).toEqual(['shell', 'read', 'answer']);
    for (const r of model) {
      expect(r.path).toBe('/backend-api/codex/responses');
      expect(r.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(r.headers['chatgpt-account-id']).toBe('acct-canary-42');
    }
    expect(backend.upgrades).toEqual([]);
  });

  it('the shell output was compressed before it reached the backend, the failure line kept', () => {
    const withResult = backend.modelRequests().find((r) => r.step!.kind === 'read')!;
    const output = (JSON.parse(withResult.body) as { input: { type: string; call_id: string; output: unknown }[] }).input.find((i) => i.call_id === 'call_shell_1' && i.type.endsWith('_output'))!;
    expect(output.type).toBe('custom_tool_call_output');
    const text = textOf(output.output);
    expect(text).toContain('[headroom: omitted');
    expect(text).toContain(CANARY);
    expect(text.length).toBeLessThan(appLog().length / 2);
  });

  it("Codex's own tool list is left as it built it; the original comes back through the file the marker names", () => {
    // Responses Lite: the tools are in an additional_tools input item, none at the top: headroom adds none.
    for (const r of backend.modelRequests()) expect((JSON.parse(r.body) as { tools?: unknown[] }).tools).toBeUndefined();
    const answer = backend.modelRequests().find((r) => r.step!.kind === 'answer')!;
    const items = (JSON.parse(answer.body) as { input: { type: string; call_id?: string; output?: unknown }[] }).input;
    const read = items.find((i) => i.type === 'custom_tool_call_output' && i.call_id === 'call_read_1')!;
    expect(textOf(read.output)).toContain(appLog().trimEnd());
  });

  it('config.toml is restored byte for byte, no backup left; nothing tried to leave the machine', () => {
    const codexHome = join(sb.home, '.codex');
    expect(readFileSync(join(codexHome, 'config.toml'), 'utf8')).toBe(config);
    expect(readdirSync(codexHome).filter((f) => f.includes('headroom'))).toEqual([]);
    expect(existsSync(join(sb.headroomHome, 'state', 'wrap-codex.json'))).toBe(false);
    expect(outbound(refusing)).toEqual([]);
  });
});
