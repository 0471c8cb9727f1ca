// The real Gemini CLI (@google/gemini-cli from npm) through `headroom wrap gemini`, against a scripted
// loopback Gemini API: its shell tool's output reaches the upstream compressed (a functionResponse
// part), its text answer reaches the user, its usage reaches the proxy's ledger.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADROOM } from './support/sandbox.js';

const bin = join(import.meta.dirname, '..', 'node_modules', '.bin');

// 300 services, one failing: pretty-printed, as a shell command would print it.
const SERVICES = JSON.stringify(
  Array.from({ length: 300 }, (_, i) => ({ id: i, name: `service-${i}`, status: i === 137 ? 'error: disk full' : 'ok', latency_ms: 20 + (i % 7), region: 'eu-west-1' })),
  null,
  2,
);

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: { contents?: { role: string; parts: Record<string, unknown>[] }[] };
}

/** A Gemini API stand-in: the first turn runs `cat services.json`, the next answers; the router gets JSON. */
class FakeGemini {
  seen: Seen[] = [];
  url = '';
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = (raw ? JSON.parse(raw) : {}) as Seen['body'];
        this.seen.push({ url: req.url ?? '', headers: req.headers, body });
        const usage = { promptTokenCount: 1200, candidatesTokenCount: 9, totalTokenCount: 1209 };
        if (!(req.url ?? '').includes(':streamGenerateContent')) {
          // Gemini CLI's model router (a JSON classification call) and anything else non-streaming.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: '{"reasoning":"simple","model_choice":"flash"}' }] }, finishReason: 'STOP' }], usageMetadata: usage }));
          return;
        }
        const answered = JSON.stringify(body.contents ?? []).includes('functionResponse');
        const parts = answered ? [{ text: 'service-137 is failing: its disk is full.' }] : [{ functionCall: { name: 'run_shell_command', args: { command: 'cat services.json', description: 'list the services' } } }];
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata: usage, modelVersion: 'gemini-2.5-flash' })}\r\n\r\n`);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const upstream = new FakeGemini();
// Gemini CLI ignores a settings file below a folder others can write to (/tmp is), and the wrap keeps
// its file in HEADROOM_HOME: the sandbox lives under the user's home.
const root = mkdtempSync(join(homedir(), '.headroom-e2e-gemini-'));

beforeAll(async () => {
  await upstream.start();
});

afterAll(async () => {
  await upstream.stop();
  rmSync(root, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HEADROOM, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('headroom wrap gemini', () => {
  it('Gemini CLI talks to the Gemini API through the proxy: the shell output goes up compressed', async () => {
    const home = join(root, 'home');
    const headroomHome = join(root, 'headroom');
    const work = join(root, 'work');
    for (const d of [home, headroomHome, work]) mkdirSync(d, { recursive: true, mode: 0o700 });
    writeFileSync(join(work, 'services.json'), SERVICES);
    const env: NodeJS.ProcessEnv = {
      PATH: [bin, ...(process.env.PATH ?? '').split(delimiter)].join(delimiter),
      HOME: home,
      HEADROOM_HOME: headroomHome,
      HEADROOM_GEMINI_UPSTREAM: upstream.url,
      GEMINI_API_KEY: 'gm-test-key',
      // A headless run in a folder nobody trusted yet (interactive runs ask).
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
      NO_COLOR: '1',
    };
    const r = await run(['wrap', '--port', '0', 'gemini', '--', '-p', 'Which service is failing?', '--approval-mode', 'yolo'], env, work);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('service-137 is failing: its disk is full.');

    const calls = upstream.seen.filter((s) => s.url.includes(':streamGenerateContent'));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]!.url).toMatch(/^\/v1beta\/models\/[\w.-]+:streamGenerateContent\?alt=sse$/);
    expect(calls[0]!.headers['x-goog-api-key']).toBe('gm-test-key');
    const answer = calls.at(-1)!.body.contents!.flatMap((c) => c.parts).find((p) => 'functionResponse' in p)!.functionResponse as { name: string; response: { output: string } };
    expect(answer.name).toBe('run_shell_command');
    expect(answer.response.output).toMatch(/\[headroom: omitted \d+ /);
    expect(answer.response.output).toContain('error: disk full');
    expect(answer.response.output.length).toBeLessThan(SERVICES.length / 3);
    const ledger = JSON.parse(readFileSync(join(headroomHome, 'proxy-ledger.json'), 'utf8')) as { models: { provider: string; inputTokens: number; tokensBefore: number; tokensAfter: number }[] };
    const gemini = ledger.models.filter((m) => m.provider === 'gemini');
    expect(gemini.reduce((n, m) => n + m.inputTokens, 0)).toBeGreaterThanOrEqual(2400);
    expect(gemini.reduce((n, m) => n + m.tokensBefore - m.tokensAfter, 0)).toBeGreaterThan(0);
  });
});
