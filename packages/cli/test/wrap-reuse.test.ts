// `headroom wrap` reuses the proxy on its port only when that proxy forwards where this wrap needs
// (issue 14, smaller item): a proxy started for another upstream would send this agent's requests,
// and its API key, to the wrong place.
import { startProxy } from '@headroom/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, installFakeAgent, killRecordedProxies, makeSandbox, readRecord, startFakeUpstream, type FakeUpstream, type Sandbox } from './helpers/sandbox.js';

let mine: FakeUpstream;
let other: FakeUpstream;
const sandboxes: Sandbox[] = [];
beforeAll(async () => {
  mine = await startFakeUpstream();
  other = await startFakeUpstream();
});
afterAll(async () => {
  for (const sb of sandboxes) killRecordedProxies(sb);
  await mine.close();
  await other.close();
});

const proxyFrom = (stderr: string) => /proxy (?:already running )?at (http:\/\/\S+)/.exec(stderr)?.[1];

describe('wrap and a proxy already on the port', () => {
  it('a proxy that forwards elsewhere is not reused: the wrap says so and starts its own on a free port', async () => {
    const sb = makeSandbox({ HEADROOM_OPENAI_UPSTREAM: mine.url, HEADROOM_ANTHROPIC_UPSTREAM: mine.url });
    sandboxes.push(sb);
    installFakeAgent(sb, 'claude');
    const running = await startProxy({ port: 0, home: sb.headroomHome, upstreams: { anthropic: other.url, openai: mine.url } });
    try {
      const r = await headroom(sb, ['wrap', '--port', String(running.port), 'claude']).done;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`the headroom proxy on port ${running.port} forwards Anthropic to ${other.url} (this wrap needs ${mine.url}), so it is not reused`);
      const used = proxyFrom(r.stderr)!;
      expect(used).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(used).not.toBe(running.url);
      expect(readRecord(sb, 'claude').env.ANTHROPIC_BASE_URL).toBe(used);
      expect(mine.requests.some((q) => q.path === '/v1/messages')).toBe(true);
      expect(other.requests).toHaveLength(0);
    } finally {
      await running.close();
    }
  });

  it('a proxy that forwards to the same upstreams is reused, with nothing to warn about', async () => {
    const sb = makeSandbox({ HEADROOM_OPENAI_UPSTREAM: mine.url, HEADROOM_ANTHROPIC_UPSTREAM: `${mine.url}/v1` });
    sandboxes.push(sb);
    installFakeAgent(sb, 'claude');
    const running = await startProxy({ port: 0, home: sb.headroomHome, upstreams: { anthropic: mine.url, openai: mine.url } });
    try {
      const r = await headroom(sb, ['wrap', '--port', String(running.port), 'claude']).done;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`using the headroom proxy already running at ${running.url}`);
      expect(r.stderr).not.toContain('not reused');
    } finally {
      await running.close();
    }
  });

  it("the proxy's /readyz reports its upstreams", async () => {
    const running = await startProxy({ port: 0, home: makeSandbox().headroomHome, upstreams: { anthropic: other.url, openai: `${mine.url}/v1` } });
    try {
      const body = (await (await fetch(`${running.url}/readyz`)).json()) as { upstreams: unknown };
      expect(body.upstreams).toMatchObject({ anthropic: other.url, openai: mine.url });
    } finally {
      await running.close();
    }
  });
});
