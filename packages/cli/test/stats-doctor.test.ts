import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProxy } from '@headroom/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, installFakeAgent, makeSandbox, startFakeUpstream, type FakeUpstream, type Sandbox } from './helpers/sandbox.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

const bigLog =
  Array.from({ length: 600 }, (_, i) => `2026-11-21T12:${String(i % 60).padStart(2, '0')}:00Z INFO build step ${i} ok`).join('\n') +
  '\n2026-11-21T12:59:00Z ERROR step 601 failed: tsc exited with code 2\n';

/** An Anthropic request whose last turn is a large Bash tool result: the proxy compresses it. */
function anthropicBody(): string {
  return JSON.stringify({
    model: 'claude-sonnet-4-6',
    max_tokens: 100,
    messages: [
      { role: 'user', content: 'why did the build fail?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'npm run build' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: bigLog }] },
    ],
  });
}

function sandbox(): Sandbox {
  return makeSandbox({ HEADROOM_OPENAI_UPSTREAM: upstream.url, HEADROOM_ANTHROPIC_UPSTREAM: upstream.url });
}

interface StatsJson {
  source: { kind: string };
  proxy: { totals: { requests: number; compressed: number; tokensBefore: number; tokensAfter: number; netSavedTokens: number } } | null;
  mcp: { compressions: number };
}

describe('headroom stats / perf', () => {
  it('reads the ledger a wrapped session persisted: requests, savings, and the Bash tool in perf', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'claude');
    const bodyFile = join(sb.root, 'body.json');
    writeFileSync(bodyFile, anthropicBody());
    const w = await headroom(sb, ['wrap', '--port', '0', 'claude'], { FAKE_BODY_FILE: bodyFile }).done;
    expect(w.code).toBe(0);
    const sent = upstream.requests.find((r) => r.body.includes('why did the build fail?'))!;
    expect(sent.body).toContain('step 601 failed: tsc exited with code 2');
    expect(sent.body.length).toBeLessThan(anthropicBody().length);

    const s = await headroom(sb, ['stats', '--port', '0', '--json']).done;
    expect(s.code).toBe(0);
    const stats = JSON.parse(s.stdout) as StatsJson;
    expect(stats.source.kind).toBe('file');
    expect(stats.proxy!.totals.requests).toBe(1);
    expect(stats.proxy!.totals.compressed).toBe(1);
    expect(stats.proxy!.totals.tokensAfter).toBeLessThan(stats.proxy!.totals.tokensBefore);
    expect(stats.proxy!.totals.netSavedTokens).toBe(stats.proxy!.totals.tokensBefore - stats.proxy!.totals.tokensAfter);

    const p = await headroom(sb, ['perf', '--port', '0', '--json']).done;
    const perf = JSON.parse(p.stdout) as { byTool: { label: string; saved: number; count: number }[]; byModel: { label: string }[]; byDay: unknown };
    expect(perf.byTool).toHaveLength(1);
    expect(perf.byTool[0]).toMatchObject({ label: 'Bash', count: 1 });
    expect(perf.byTool[0]!.saved).toBeGreaterThan(0);
    expect(perf.byModel.map((m) => m.label)).toEqual(['anthropic claude-sonnet-4-6']);

    const text = await headroom(sb, ['perf', '--port', '0']).done;
    expect(text.stdout).toMatch(/By tool\n {2}Bash {2}█+/);
    expect(text.stdout).not.toContain('\u001b[');
    const plain = await headroom(sb, ['stats', '--port', '0']).done;
    expect(plain.stdout).toMatch(/net saved\s+[\d,]+ tokens/);
  });

  it('prefers a live proxy /stats over the file', async () => {
    const sb = sandbox();
    const proxy = await startProxy({ port: 0, home: sb.headroomHome, upstreams: { anthropic: upstream.url, openai: upstream.url } });
    try {
      await fetch(`${proxy.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: anthropicBody() });
      const s = await headroom(sb, ['stats', '--port', String(proxy.port), '--json']).done;
      const stats = JSON.parse(s.stdout) as StatsJson;
      expect(stats.source).toEqual({ kind: 'live', url: proxy.url });
      expect(stats.proxy!.totals.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('says there is no ledger yet', async () => {
    const sb = sandbox();
    const s = await headroom(sb, ['stats', '--port', '0']).done;
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('no proxy ledger yet');
    expect(JSON.parse((await headroom(sb, ['stats', '--port', '0', '--json']).done).stdout)).toMatchObject({ proxy: null, mcp: { compressions: 0 } });
  });
});

interface DoctorJson {
  ok: boolean;
  checks: { name: string; status: string; detail: string; fix?: string }[];
}

describe('headroom doctor', () => {
  it('reports each check with a fix hint, exit 0 when nothing fails', async () => {
    const sb = sandbox();
    installFakeAgent(sb, 'claude');
    const r = await headroom(sb, ['doctor', '--port', '0', '--json']).done;
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as DoctorJson;
    expect(d.ok).toBe(true);
    expect(d.checks.map((c) => c.name)).toEqual(['native addon', 'ONNX Runtime', 'Kompress model', 'proxy', 'CCR store', 'network', 'CA certificates', 'claude', 'codex', 'gemini', 'aider', 'copilot', 'opencode', 'cursor']);
    const by = Object.fromEntries(d.checks.map((c) => [c.name, c]));
    expect(by['native addon']!.status).toBe('ok');
    expect(by['CCR store']).toMatchObject({ status: 'ok' });
    expect(by['CCR store']!.detail).toContain(sb.headroomHome);
    expect(by.proxy).toMatchObject({ status: 'warn' });
    expect(by['Kompress model']).toMatchObject({ status: 'warn', fix: expect.stringContaining('headroom model pull') });
    expect(by['Kompress model']!.detail).toContain(join(sb.headroomHome, 'models'));
    expect(by.proxy!.fix).toContain('headroom proxy');
    expect(by.claude!.detail).toContain(`installed (${join(sb.bin, 'claude')})`);
    const text = await headroom(sb, ['doctor', '--port', '0']).done;
    expect(text.stdout).toMatch(/^✓ native addon: loaded/m);
    expect(text.stdout).not.toContain('\u001b[');
    const tiny = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures', 'kompress-tiny');
    const withModel = JSON.parse((await headroom(sb, ['doctor', '--port', '0', '--json'], { HEADROOM_KOMPRESS_MODEL: tiny }).done).stdout) as DoctorJson;
    expect(withModel.checks.find((c) => c.name === 'Kompress model')).toEqual({ name: 'Kompress model', status: 'ok', detail: tiny });
  });

  it('a store that cannot be written fails with exit 1; a stale wrap is flagged with `headroom unwrap`', async () => {
    const sb = sandbox();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stateDir = join(sb.headroomHome, 'state');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'wrap-codex.json'), JSON.stringify({ agent: 'codex', holders: [dead], proxyUrl: 'http://127.0.0.1:1', edits: [] }));
    const stale = JSON.parse((await headroom(sb, ['doctor', '--port', '0', '--json']).done).stdout) as DoctorJson;
    expect(stale.checks.find((c) => c.name === 'codex')).toMatchObject({ status: 'warn', fix: 'headroom unwrap codex' });

    // The same for a provider block whose record is gone.
    const sb2 = sandbox();
    mkdirSync(join(sb2.home, '.codex'), { recursive: true });
    writeFileSync(join(sb2.home, '.codex', 'config.toml'), 'a = 1\n\n# >>> headroom model-provider (x) >>>\n[model_providers.headroom]\n# <<< headroom model-provider <<<\n');
    const stray = JSON.parse((await headroom(sb2, ['doctor', '--port', '0', '--json']).done).stdout) as DoctorJson;
    expect(stray.checks.find((c) => c.name === 'codex')).toMatchObject({ status: 'warn', fix: 'headroom unwrap codex' });

    const notADir = join(sb.root, 'plain-file');
    writeFileSync(notADir, 'x');
    const r = await headroom(sb, ['doctor', '--port', '0', '--json'], { HEADROOM_HOME: notADir }).done;
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as DoctorJson;
    expect(d.ok).toBe(false);
    expect(d.checks.find((c) => c.name === 'CCR store')).toMatchObject({ status: 'fail' });
    expect(d.checks.find((c) => c.name === 'CCR store')!.fix).toContain('HEADROOM_HOME');
  });
});
