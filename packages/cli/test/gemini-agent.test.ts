// `wrap gemini`'s environment and warnings (the run itself is e2e/agents/test/gemini.test.ts, with the
// real Gemini CLI).
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gemini } from '../src/agents/gemini.js';

const proxyUrl = 'http://127.0.0.1:8787';

function sandbox(settings?: unknown): NodeJS.ProcessEnv {
  const root = mkdtempSync(join(tmpdir(), 'headroom-gemini-agent-'));
  const cliHome = join(root, 'gemini-home');
  if (settings !== undefined) {
    mkdirSync(join(cliHome, '.gemini'), { recursive: true });
    writeFileSync(join(cliHome, '.gemini', 'settings.json'), JSON.stringify(settings));
  }
  return { HEADROOM_HOME: join(root, 'headroom'), GEMINI_CLI_HOME: cliHome, GEMINI_API_KEY: 'k' };
}

describe('wrap gemini', () => {
  it('points Gemini CLI at the proxy and hands it a private defaults file choosing API-key auth', () => {
    const env = sandbox();
    const vars = gemini.env({ proxyUrl, env });
    expect(vars.GOOGLE_GEMINI_BASE_URL).toBe(proxyUrl);
    const file = vars.GEMINI_CLI_SYSTEM_DEFAULTS_PATH!;
    expect(file.startsWith(env.HEADROOM_HOME!)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ security: { auth: { selectedType: 'gemini-api-key' } } });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(gemini.check!({ proxyUrl, env })).toEqual([]);
  });

  it('keeps a defaults path the user set, and says what it must select', () => {
    const env = { ...sandbox(), GEMINI_CLI_SYSTEM_DEFAULTS_PATH: '/etc/gemini-cli/defaults.json' };
    expect(gemini.env({ proxyUrl, env }).GEMINI_CLI_SYSTEM_DEFAULTS_PATH).toBeUndefined();
    expect(gemini.check!({ proxyUrl, env }).join('\n')).toMatch(/GEMINI_CLI_SYSTEM_DEFAULTS_PATH is set .*gemini-api-key/);
  });

  it('warns when Google sign-in is chosen (it cannot go through a proxy) or the API key is missing', () => {
    const env = { ...sandbox({ security: { auth: { selectedType: 'oauth-personal' } } }), GEMINI_API_KEY: '' };
    const w = gemini.check!({ proxyUrl, env }).join('\n');
    expect(w).toMatch(/"oauth-personal".*not through headroom/);
    expect(w).toMatch(/GEMINI_API_KEY is not set/);
    expect(gemini.check!({ proxyUrl, env: sandbox({ security: { auth: { selectedType: 'gemini-api-key' } } }) })).toEqual([]);
  });
});
