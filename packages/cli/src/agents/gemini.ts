import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, headroomHome, PRIVATE_FILE_MODE } from '@headroom/core';
import type { AgentSpec } from './types.js';

/** The auth type whose requests go to the Gemini API, so through GOOGLE_GEMINI_BASE_URL. */
const API_KEY_AUTH = 'gemini-api-key';

/**
 * Gemini CLI (@google/gemini-cli) sends Gemini API requests to GOOGLE_GEMINI_BASE_URL (read by its
 * bundled @google/genai client; no /v1beta: the client adds it). With that variable alone it picks an
 * auth type ("gateway") that its own non-interactive check then rejects ("Invalid auth method
 * selected", 0.61), so the wrap also hands it a system-defaults file choosing the API-key auth type:
 * defaults rank below the user's own settings, so an explicit choice still wins (and is warned about
 * when it cannot go through a proxy). Nothing of the user's is edited.
 */
export const gemini: AgentSpec = {
  name: 'gemini',
  binary: 'gemini',
  install: 'npm install -g @google/gemini-cli',
  env: ({ proxyUrl, env }) => ({
    GOOGLE_GEMINI_BASE_URL: proxyUrl,
    ...(env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH ? {} : { GEMINI_CLI_SYSTEM_DEFAULTS_PATH: geminiDefaults(env) }),
  }),
  check: ({ env }) => {
    const w: string[] = [];
    const selected = selectedAuth(env);
    if (selected && selected !== API_KEY_AUTH) {
      w.push(`Gemini CLI is set to sign in with "${selected}": those requests go to Google's Code Assist or Vertex endpoints, not through headroom. Choose "Use Gemini API key" (/auth) to route through the proxy`);
    }
    if (!env.GEMINI_API_KEY) w.push('GEMINI_API_KEY is not set: Gemini CLI needs an API key to call the Gemini API through headroom');
    if (env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH) w.push(`GEMINI_CLI_SYSTEM_DEFAULTS_PATH is set (${env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH}); it should select security.auth.selectedType "${API_KEY_AUTH}", else Gemini CLI may refuse the base URL`);
    return w;
  },
};

/**
 * The defaults file, kept in HEADROOM_HOME: Gemini CLI skips a defaults file in a folder writable by
 * others, and that folder is private. Rewritten on each wrap (the same bytes), never removed: several
 * wrapped sessions may read it at once.
 */
function geminiDefaults(env: NodeJS.ProcessEnv): string {
  const dir = join(headroomHome(env), 'agents');
  ensurePrivateDir(dir);
  const file = join(dir, 'gemini-system-defaults.json');
  writeFileSync(file, `${JSON.stringify({ security: { auth: { selectedType: API_KEY_AUTH } } }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return file;
}

/** The auth type chosen in the user's Gemini CLI settings, if any (current and older layouts). */
function selectedAuth(env: NodeJS.ProcessEnv): string | undefined {
  const file = join(env.GEMINI_CLI_HOME || homedir(), '.gemini', 'settings.json');
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as { security?: { auth?: { selectedType?: unknown } }; selectedAuthType?: unknown };
    const t = s.security?.auth?.selectedType ?? s.selectedAuthType;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined; // no settings (or not JSON: Gemini CLI reports that itself)
  }
}
