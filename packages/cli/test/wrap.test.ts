import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProxy } from '@headroom/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, installFakeAgent, isRunning, killRecordedProxies, makeSandbox, recordedProxyPids, readRecord, startFakeUpstream, waitForFile, type FakeUpstream, type Sandbox } from './helpers/sandbox.js';

let upstream: FakeUpstream;
const sandboxes: Sandbox[] = [];
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  for (const sb of sandboxes) killRecordedProxies(sb);
  await upstream.close();
});

function sandbox(): Sandbox {
  const sb = makeSandbox({ HEADROOM_OPENAI_UPSTREAM: upstream.url, HEADROOM_ANTHROPIC_UPSTREAM: upstream.url, OPENAI_API_KEY: 'sk-test' });
  sandboxes.push(sb);
  return sb;
}

// A real-looking Codex config: comments, a profile, a table, and no newline at the end.
const CODEX_TOML = `# Codex configuration
model = "gpt-5-codex"
approval_policy = "on-request"

[profiles.fast]
model = "gpt-5-mini"   # cheaper

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-mcp"]`;

function writeCodexConfig(sb: Sandbox, text = CODEX_TOML): string {
  const file = join(sb.home, '.codex', 'config.toml');
  mkdirSync(join(sb.home, '.codex'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const proxyFrom = (stderr: string) => /proxy (?:already running )?at (http:\/\/\S+)/.exec(stderr)?.[1];

/** A `wrap codex` whose wrapper is SIGKILLed while the agent runs (then the agent is stopped too). */
async function crashedCodexWrap(sb: Sandbox): Promise<void> {
  const run = headroom(sb, ['wrap', '--port', '0', 'codex'], { FAKE_WAIT: '1' });
  const agentPid = Number(await waitForFile(join(sb.records, 'codex.ready')));
  run.child.kill('SIGKILL');
  await run.exited;
  process.kill(agentPid, 'SIGTERM');
}

describe('headroom wrap', () => {
  it('claude: routes through a proxy to the Anthropic upstream, passes arguments, returns the exit code', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'claude');
    const r = await headroom(sb, ['wrap', '--port', '0', 'claude', '--resume', 'abc'], { FAKE_EXIT: '7' }).done;
    expect(r.code).toBe(7);
    const rec = readRecord(sb, 'claude');
    expect(rec.argv).toEqual(['--resume', 'abc']);
    const url = proxyFrom(r.stderr)!;
    expect(rec.env.ANTHROPIC_BASE_URL).toBe(url);
    expect(rec.env.HEADROOM_WRAPPED).toBe('claude');
    expect(rec.response).toMatchObject({ status: 200, body: { path: '/v1/messages' } });
    expect(upstream.requests.some((q) => q.path === '/v1/messages' && q.body.includes('hi from claude'))).toBe(true);
  });

  it('codex: writes the provider block for the run, routes /v1/responses, then restores config.toml byte for byte', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const file = writeCodexConfig(sb);
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex', 'exec', 'fix it']).done;
    expect(r.code).toBe(0);
    const rec = readRecord(sb, 'codex');
    const url = proxyFrom(r.stderr)!;
    expect(rec.argv).toEqual(['-c', 'model_provider="headroom"', 'exec', 'fix it']);
    expect(rec.env.OPENAI_BASE_URL).toBe(`${url}/v1`);
    expect(rec.codexConfig!.startsWith(CODEX_TOML + '\n\n# >>> headroom model-provider')).toBe(true);
    expect(rec.codexConfig).toContain(`[model_providers.headroom]\nname = "Headroom (compressing proxy to OpenAI)"\nbase_url = "${url}/v1"\nenv_key = "OPENAI_API_KEY"\nwire_api = "responses"\n`);
    expect(rec.response).toMatchObject({ status: 200, body: { path: '/v1/responses' } });
    expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
    expect(existsSync(`${file}.headroom-backup`)).toBe(false);
  });

  it('codex without a config file: creates it for the run and removes it afterwards', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.code).toBe(0);
    expect(readRecord(sb, 'codex').codexConfig).toMatch(/^# >>> headroom model-provider/);
    expect(existsSync(join(sb.home, '.codex', 'config.toml'))).toBe(false);
  });

  it('forwards SIGTERM to the agent, reports 128+15 and restores the config', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const file = writeCodexConfig(sb);
    const run = headroom(sb, ['wrap', '--port', '0', 'codex'], { FAKE_WAIT: '1' });
    await waitForFile(join(sb.records, 'codex.ready'));
    expect(readFileSync(file, 'utf8')).toContain('[model_providers.headroom]');
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
  });

  it('after a SIGKILL of the wrapper: the stale block is detected, `unwrap codex` restores the exact bytes', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const file = writeCodexConfig(sb);
    await crashedCodexWrap(sb);
    expect(readFileSync(file, 'utf8')).toContain('[model_providers.headroom]');
    expect(readFileSync(`${file}.headroom-backup`, 'utf8')).toBe(CODEX_TOML);
    const [orphan] = recordedProxyPids(sb);
    expect(isRunning(orphan!)).toBe(true);
    const u = await headroom(sb, ['unwrap', 'codex']).done;
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('removed byte-for-byte');
    expect(u.stdout).toContain(`stopped an orphaned headroom proxy (pid ${orphan})`);
    expect(isRunning(orphan!)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
    expect(existsSync(`${file}.headroom-backup`)).toBe(false);
    const again = await headroom(sb, ['unwrap', 'codex']).done;
    expect(again.stdout).toContain('nothing to undo');
  });

  it('after a SIGKILL, the next wrap repairs the stale block instead of adding a second one', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const file = writeCodexConfig(sb);
    await crashedCodexWrap(sb);
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('repaired configuration left by a wrap that did not exit cleanly');
    expect(readRecord(sb, 'codex').codexConfig!.split('[model_providers.headroom]')).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
  });

  it('two sessions on one port share the proxy and the config; the last one out restores and stops the proxy', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const file = writeCodexConfig(sb);
    const port = await freePort();
    const recA = join(sb.root, 'a');
    const recB = join(sb.root, 'b');
    mkdirSync(recA);
    mkdirSync(recB);
    const a = headroom(sb, ['wrap', '--port', String(port), 'codex'], { FAKE_WAIT: '1', RECORDS: recA });
    await waitForFile(join(recA, 'codex.ready'));
    const b = headroom(sb, ['wrap', '--port', String(port), 'codex'], { FAKE_WAIT: '1', RECORDS: recB });
    await waitForFile(join(recB, 'codex.ready'));
    const [proxyPid] = recordedProxyPids(sb);
    const configB = (JSON.parse(readFileSync(join(recB, 'codex.json'), 'utf8')) as { codexConfig: string; response: { status: number } });
    expect(configB.codexConfig.split('[model_providers.headroom]')).toHaveLength(2);
    expect(configB.response.status).toBe(200);

    a.child.kill('SIGTERM');
    const ra = await a.done;
    expect(ra.code).toBe(143);
    expect(ra.stderr).toContain('configuration left in place for the other wrap of codex');
    expect(readFileSync(file, 'utf8')).toContain('[model_providers.headroom]');
    expect(isRunning(proxyPid!)).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/livez`)).json()).toEqual({ status: 'ok' });

    b.child.kill('SIGTERM');
    const rb = await b.done;
    expect(rb.stderr).toContain('already wrapped');
    expect(rb.stderr).toContain(`using the headroom proxy already running at http://127.0.0.1:${port}`);
    expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
    expect(isRunning(proxyPid!)).toBe(false);
  });

  it('a block whose record was lost is still found and removed by unwrap', async () => {
    const sb = sandbox();
    const file = writeCodexConfig(
      sb,
      `${CODEX_TOML}\n\n# >>> headroom model-provider (added by headroom; \`headroom unwrap\` / \`headroom mcp uninstall\` removes it) >>>\n[model_providers.headroom]\nbase_url = "http://127.0.0.1:1/v1" # edited\n# <<< headroom model-provider <<<\n`,
    );
    const u = await headroom(sb, ['unwrap', 'codex']).done;
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('it had been edited');
    // Without the record, whether the file ended in a newline is unknowable: the text and one newline stay.
    expect(readFileSync(file, 'utf8')).toBe(`${CODEX_TOML}\n`);
  });

  it('refuses to add a second [model_providers.headroom] the user defined themselves', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    const mine = `${CODEX_TOML}\n[model_providers.headroom]\nbase_url = "http://elsewhere/v1"\n`;
    const file = writeCodexConfig(sb, mine);
    const r = await headroom(sb, ['wrap', '--port', '0', 'codex']).done;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('already defines [model_providers.headroom]');
    expect(readFileSync(file, 'utf8')).toBe(mine);
  });

  it('`wrap <agent> -- <args>`: the agent gets exactly the arguments after --, not the -- itself', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'codex');
    installFakeAgent(sb, 'claude');
    const c = await headroom(sb, ['wrap', '--port', '0', 'codex', '--', 'exec', '--skip-git-repo-check', 'hi']).done;
    expect(c.code).toBe(0);
    expect(readRecord(sb, 'codex').argv).toEqual(['-c', 'model_provider="headroom"', 'exec', '--skip-git-repo-check', 'hi']);
    const a = await headroom(sb, ['wrap', '--port', '0', 'claude', '--', '-p', 'say hi', '--dangerously-skip-permissions']).done;
    expect(a.code).toBe(0);
    expect(readRecord(sb, 'claude').argv).toEqual(['-p', 'say hi', '--dangerously-skip-permissions']);
    // A -- the user means for the agent (after the first one, or after other arguments) is passed on.
    await headroom(sb, ['wrap', '--port', '0', 'claude', '--', '--', '-p']).done;
    expect(readRecord(sb, 'claude').argv).toEqual(['--', '-p']);
    await headroom(sb, ['wrap', '--port', '0', 'claude', '-p', '--', '--resume']).done;
    expect(readRecord(sb, 'claude').argv).toEqual(['-p', '--', '--resume']);
  });

  it('any command after --: OpenAI and Anthropic base URLs, request routed to /v1/chat/completions', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'my-tool');
    const r = await headroom(sb, ['wrap', '--port', '0', '--', 'my-tool', '--flag']).done;
    expect(r.code).toBe(0);
    const rec = readRecord(sb, 'my-tool');
    const url = proxyFrom(r.stderr)!;
    expect(rec.argv).toEqual(['--flag']);
    expect(rec.env).toMatchObject({ OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_BASE: `${url}/v1`, ANTHROPIC_BASE_URL: url });
    expect(rec.response).toMatchObject({ status: 200, body: { path: '/v1/chat/completions' } });
  });

  it('aider, copilot and opencode get their own variables', async () => {
    const sb = sandbox();
    for (const a of ['aider', 'copilot', 'opencode']) installFakeAgent(sb, a);
    const prior = JSON.stringify({ theme: 'dark', provider: { openai: { models: { x: {} } } } });
    const results = await Promise.all([
      headroom(sb, ['wrap', '--port', '0', 'aider']).done,
      headroom(sb, ['wrap', '--port', '0', 'copilot'], { COPILOT_MODEL: 'gpt-5', COPILOT_PROVIDER_API_KEY: 'k' }).done,
      headroom(sb, ['wrap', '--port', '0', 'opencode'], { OPENCODE_CONFIG_CONTENT: prior }).done,
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const [aider, copilot, opencode] = results.map((r) => proxyFrom(r.stderr)!);
    expect(readRecord(sb, 'aider').env).toMatchObject({ OPENAI_API_BASE: `${aider}/v1`, ANTHROPIC_BASE_URL: aider });
    const cp = readRecord(sb, 'copilot');
    expect(cp.env).toMatchObject({ COPILOT_PROVIDER_BASE_URL: `${copilot}/v1`, COPILOT_PROVIDER_TYPE: 'openai' });
    expect(cp.response).toMatchObject({ status: 200, body: { path: '/v1/chat/completions' } });
    expect(JSON.parse(readRecord(sb, 'opencode').env.OPENCODE_CONFIG_CONTENT!)).toEqual({
      theme: 'dark',
      provider: { openai: { models: { x: {} }, options: { baseURL: `${opencode}/v1` } }, anthropic: { options: { baseURL: `${opencode}/v1` } } },
    });
  });

  it('reuses a healthy proxy already listening on the port', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'claude');
    const proxy = await startProxy({ port: 0, upstreams: { anthropic: upstream.url, openai: upstream.url } });
    try {
      const r = await headroom(sb, ['wrap', '--port', String(proxy.port), 'claude']).done;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`using the headroom proxy already running at ${proxy.url}`);
      expect(readRecord(sb, 'claude').response).toMatchObject({ status: 200, body: { path: '/v1/messages' } });
      expect(await (await fetch(`${proxy.url}/livez`)).json()).toEqual({ status: 'ok' });
    } finally {
      await proxy.close();
    }
  });

  it("forwards to the user's own base URLs when it replaces them (no HEADROOM_*_UPSTREAM set)", async () => {
    const sb = makeSandbox({ ANTHROPIC_BASE_URL: `${upstream.url}/` });
    const sb2 = makeSandbox({ OPENAI_BASE_URL: `${upstream.url}/v1` });
    sandboxes.push(sb, sb2);
    installFakeAgent(sb, 'claude');
    installFakeAgent(sb2, 'my-tool');
    const c = await headroom(sb, ['wrap', '--port', '0', 'claude']).done;
    expect(c.code).toBe(0);
    expect(c.stderr).toContain(`forwarding to your Anthropic base URL ${upstream.url}`);
    expect(readRecord(sb, 'claude').env.ANTHROPIC_BASE_URL).toBe(proxyFrom(c.stderr));
    expect(readRecord(sb, 'claude').response).toMatchObject({ status: 200, body: { path: '/v1/messages' } });
    const g = await headroom(sb2, ['wrap', '--port', '0', '--', 'my-tool']).done;
    expect(g.stderr).toContain(`forwarding to your OpenAI base URL ${upstream.url}`);
    expect(readRecord(sb2, 'my-tool').env.OPENAI_BASE_URL).toBe(`${proxyFrom(g.stderr)}/v1`);
    expect(readRecord(sb2, 'my-tool').response).toMatchObject({ status: 200, body: { path: '/v1/chat/completions' } });
  });

  it("warns when Claude Code's own settings override ANTHROPIC_BASE_URL", async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'claude');
    mkdirSync(join(sb.home, '.claude'), { recursive: true });
    writeFileSync(join(sb.home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gateway.example.com' } }));
    const r = await headroom(sb, ['wrap', '--port', '0', 'claude']).done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('settings.json sets env.ANTHROPIC_BASE_URL=https://gateway.example.com');
  });

  it('a missing agent binary: says how to install it, exit 127', async () => {
    const sb = sandbox();
    sb.env.PATH = sb.bin;
    const r = await headroom(sb, ['wrap', '--port', '0', 'claude']).done;
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('`claude` was not found on your PATH. Install it with: npm install -g @anthropic-ai/claude-code');
  });

  it('an unknown agent name without -- is an error that shows the -- form', async () => {
    const sb = sandbox();
    const r = await headroom(sb, ['wrap', 'claud']).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('headroom wrap -- claud');
  });

  it('cursor: prints the settings (and JSON), launches nothing', async () => {
    const sb = sandbox();
    const r = await headroom(sb, ['wrap', 'cursor', '--port', '1', '--json']).done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ agent: 'cursor', proxyRunning: false, openaiBaseUrl: 'http://127.0.0.1:1/v1', anthropicBaseUrl: 'http://127.0.0.1:1' });
    const t = await headroom(sb, ['wrap', 'cursor', '--port', '1']).done;
    expect(t.stdout).toContain('Override OpenAI Base URL');
    expect(t.stdout).not.toContain('\u001b[');
  });
});
