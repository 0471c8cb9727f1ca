import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codexHome } from '../config/paths.js';

/**
 * How Codex authenticates, from `$CODEX_HOME/auth.json` (what `codex login` writes):
 * - `chatgpt`: signed in with ChatGPT; Codex sends its ChatGPT token and `chatgpt-account-id` to the
 *   ChatGPT backend (`https://chatgpt.com/backend-api/codex`), not to the OpenAI API;
 * - `stored-key`: `codex login --with-api-key`; Codex sends that key to the OpenAI API;
 * - `env-key`: no login Codex can use here (no auth.json, or a kind we do not know): the provider takes
 *   OPENAI_API_KEY from the environment.
 * A provider with `requires_openai_auth = true` makes Codex send its own login to the base URL we give it,
 * so the first two need no key in the environment, and the token never passes through our hands.
 */
export type CodexSignIn = { kind: 'chatgpt' } | { kind: 'stored-key' } | { kind: 'env-key'; note?: string };

interface AuthJson {
  auth_mode?: unknown;
  OPENAI_API_KEY?: unknown;
  tokens?: { access_token?: unknown } | null;
}

export function codexAuthFile(env: NodeJS.ProcessEnv): string {
  return join(codexHome(env), 'auth.json');
}

/** The sign-in in words, for `wrap` and `doctor`. */
export function describeSignIn(signIn: CodexSignIn): string {
  if (signIn.kind === 'chatgpt') return 'signed in with ChatGPT: requests go through headroom to the ChatGPT backend';
  if (signIn.kind === 'stored-key') return 'signed in with an API key (codex login --with-api-key): requests go through headroom to the OpenAI API';
  return 'no Codex sign-in: the OPENAI_API_KEY of the environment goes through headroom to the OpenAI API';
}

export function codexSignIn(env: NodeJS.ProcessEnv): CodexSignIn {
  const file = codexAuthFile(env);
  let auth: AuthJson;
  try {
    auth = JSON.parse(readFileSync(file, 'utf8')) as AuthJson;
  } catch {
    // None, or unreadable: Codex could not use it either (a keyring login is not visible to us).
    return { kind: 'env-key' };
  }
  const mode = typeof auth.auth_mode === 'string' ? auth.auth_mode : undefined;
  const hasTokens = typeof auth.tokens?.access_token === 'string';
  // Older auth.json files have no auth_mode; their ChatGPT logins carry tokens (and sometimes a key too).
  if (hasTokens && (mode === undefined || /chatgpt/i.test(mode))) return { kind: 'chatgpt' };
  if ((mode === undefined || /api.?key/i.test(mode)) && typeof auth.OPENAI_API_KEY === 'string' && auth.OPENAI_API_KEY) return { kind: 'stored-key' };
  return { kind: 'env-key', note: `${file} holds a sign-in headroom does not know (auth_mode ${JSON.stringify(mode ?? null)})` };
}
