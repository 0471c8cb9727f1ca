// The real Claude Code CLI (2.1, from npm) on a subscription (its stored login, or a `claude setup-token`
// token), through `headroom wrap claude`, against a loopback stand-in for Anthropic that refuses anything
// but the OAuth bearer with the oauth beta flag: a Bash call that prints a large log, a retrieval of the
// original, then the answer. CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC turns off Claude Code's own calls
// home (without it, it reaches api.anthropic.com directly at start-up); HTTPS_PROXY points at a proxy
// that refuses everything, so the test fails if anything tries to leave the machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicBackend, refusingProxy, type Backend } from './support/backends.js';
import { CLAUDE_ARGS, CLAUDE_ENV, makeSandbox, outbound, throughRefusing, wrap, type Run, type Sandbox } from './support/sandbox.js';
import { appLog, CANARY, textOf } from './support/scripted-model.js';

const OAUTH_TOKEN = 'sk-ant-oat01-canary-subscription-token';
const SETTINGS = '{\n  "permissions": { "allow": ["Bash(cat:*)"] }\n}';

interface AnthropicBody {
  messages: { role: string; content: string | { type: string; tool_use_id?: string; content?: unknown }[] }[];
}
const toolResults = (body: string) =>
  (JSON.parse(body) as AnthropicBody).messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((c) => c.type === 'tool_result');

/**
 * The two ways a subscription reaches Claude Code: the login it stores (`claude login` / `/login`, in
 * ~/.claude/.credentials.json on Linux) and a long-lived token from `claude setup-token`. A stored login
 * with the `user:profile` scope also fetches the account's profile from api.anthropic.com at start-up
 * (directly: not a model call, not through ANTHROPIC_BASE_URL); this one has `user:inference` only, as a
 * setup-token has, so the test stays on loopback.
 */
const SIGN_INS: [string, (sb: Sandbox) => NodeJS.ProcessEnv][] = [
  [
    'the stored login',
    (sb) => {
      const expiresAt = Date.now() + 30 * 86_400_000;
      writeFileSync(join(sb.home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: OAUTH_TOKEN, refreshToken: 'sk-ant-ort01-canary', expiresAt, scopes: ['user:inference'], subscriptionType: 'max' } }), { mode: 0o600 });
      return {};
    },
  ],
  ['CLAUDE_CODE_OAUTH_TOKEN', () => ({ CLAUDE_CODE_OAUTH_TOKEN: OAUTH_TOKEN })],
];

describe.each(SIGN_INS)('claude (subscription: %s) through headroom wrap', (_name, signIn) => {
  let backend: Backend;
  let refusing: Backend;
  let sb: Sandbox;
  let run: Run;

  beforeAll(async () => {
    backend = await anthropicBackend({ oauthToken: OAUTH_TOKEN }).start();
    refusing = await refusingProxy().start();
    sb = makeSandbox();
    mkdirSync(join(sb.home, '.claude'), { recursive: true });
    writeFileSync(join(sb.home, '.claude', 'settings.json'), SETTINGS);
    run = await wrap(sb, CLAUDE_ARGS, { ...signIn(sb), ...CLAUDE_ENV, HEADROOM_ANTHROPIC_UPSTREAM: backend.url, ...throughRefusing(refusing) });
  });

  afterAll(async () => {
    await backend?.stop();
    await refusing?.stop();
  });

  it('completes the task: exit 0 and the answer names the failure', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Request 217 failed: ${CANARY}.`);
    expect(run.stdout + run.stderr).not.toContain('headroom_retrieve');
  });

  it('the model requests reached Anthropic with the OAuth bearer and beta flags, no API key', () => {
    const model = backend.modelRequests().filter((r) => r.step!.kind !== 'answer' || toolResults(r.body).length > 0);
    expect(model.map((r) => r.step!.kind)).toEqual(['shell', 'retrieve', 'answer']);
    for (const r of backend.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
      expect(r.headers['anthropic-beta']).toContain('oauth-2025-04-20');
      expect(r.headers['x-api-key']).toBeUndefined();
    }
  });

  it('the Bash output was compressed before it reached Anthropic, the failure line kept', () => {
    const withResult = backend.modelRequests().find((r) => r.step!.kind === 'retrieve')!;
    const text = textOf(toolResults(withResult.body).find((c) => c.tool_use_id === 'call_shell_1')!.content);
    expect(text).toContain('[headroom: omitted');
    expect(text).toContain(CANARY);
    expect(text.length).toBeLessThan(appLog().length / 2);
  });

  it('headroom_retrieve was answered by the proxy with the exact original', () => {
    const answer = backend.modelRequests().find((r) => r.step!.kind === 'answer' && toolResults(r.body).some((c) => c.tool_use_id === 'call_retrieve_1'))!;
    const retrieved = toolResults(answer.body).find((c) => c.tool_use_id === 'call_retrieve_1')!;
    expect(textOf(retrieved.content)).toContain(appLog().trimEnd());
  });

  it("the user's settings are untouched; nothing tried to leave the machine", () => {
    expect(readFileSync(join(sb.home, '.claude', 'settings.json'), 'utf8')).toBe(SETTINGS);
    expect(outbound(refusing)).toEqual([]);
  });
});
