import { definesTable, hasBlock, insertBlock, removeBlock, tomlString } from '../config/toml-block.js';
import { dropBackupIfRestored, ensureBackup, readText, removeFile, writeText, type FileEdit } from '../config/managed-file.js';
import { codexConfig } from '../config/paths.js';
import { codexAuthFile, codexSignIn, describeSignIn, type CodexSignIn } from './codex-sign-in.js';
import { openaiBase, type AgentSpec } from './types.js';

export const CODEX_BLOCK_ID = 'model-provider';

/**
 * The provider block for Codex's sign-in. With `requires_openai_auth` Codex sends its own login (a ChatGPT
 * token with `chatgpt-account-id`, or the stored key) to `base_url`; the proxy forwards /backend-api/codex
 * to the ChatGPT backend and /v1 to the OpenAI API. `supports_websockets` stays unset (false): Responses
 * go over HTTP, which the proxy compresses; the built-in provider's WebSocket transport is not used.
 */
function providerBlock(proxyUrl: string, signIn: CodexSignIn): string {
  const lines =
    signIn.kind === 'chatgpt'
      ? [`name = ${tomlString('Headroom (compressing proxy to the ChatGPT backend)')}`, `base_url = ${tomlString(`${proxyUrl}/backend-api/codex`)}`, 'requires_openai_auth = true']
      : signIn.kind === 'stored-key'
        ? [`name = ${tomlString('Headroom (compressing proxy to OpenAI)')}`, `base_url = ${tomlString(openaiBase(proxyUrl))}`, 'requires_openai_auth = true']
        : [`name = ${tomlString('Headroom (compressing proxy to OpenAI)')}`, `base_url = ${tomlString(openaiBase(proxyUrl))}`, 'env_key = "OPENAI_API_KEY"'];
  return ['[model_providers.headroom]', ...lines, 'wire_api = "responses"'].join('\n');
}

/**
 * Codex: a `[model_providers.headroom]` block appended to `$CODEX_HOME/config.toml` (backup first), selected
 * for this launch only with `-c model_provider="headroom"` so the user's own default provider line is
 * never edited. The block follows the sign-in (see codex-sign-in.ts): ChatGPT, a stored API key, or
 * OPENAI_API_KEY. OPENAI_BASE_URL is set too, for any tool Codex runs.
 */
export const codex: AgentSpec = {
  name: 'codex',
  binary: 'codex',
  install: 'npm install -g @openai/codex',
  env: ({ proxyUrl }) => ({ OPENAI_BASE_URL: openaiBase(proxyUrl) }),
  args: () => ['-c', 'model_provider="headroom"'],
  check: ({ env }) => {
    const signIn = codexSignIn(env);
    if (signIn.kind !== 'env-key' || env.OPENAI_API_KEY) return [];
    return [`${signIn.note ?? `no Codex sign-in in ${codexAuthFile(env)}`} and OPENAI_API_KEY is not set: run \`codex login\` (ChatGPT or an API key) or set OPENAI_API_KEY`];
  },
  describe: ({ env }) => [`codex is ${describeSignIn(codexSignIn(env))}`],
  configure: ({ proxyUrl, env }): FileEdit[] => {
    const file = codexConfig(env);
    let original = readText(file);
    if (original !== null && hasBlock(original, CODEX_BLOCK_ID)) {
      // Left by a wrap nobody recorded (state lost): drop it before adding ours.
      original = removeBlock(original, CODEX_BLOCK_ID).text;
      writeText(file, original);
    }
    if (original !== null && definesTable(original, CODEX_BLOCK_ID, 'model_providers.headroom')) {
      throw new Error(`${file} already defines [model_providers.headroom] outside headroom's block; remove it or rename it, then retry`);
    }
    const backup = ensureBackup(file, original);
    const { text, inserted } = insertBlock(original ?? '', CODEX_BLOCK_ID, providerBlock(proxyUrl, codexSignIn(env)));
    writeText(file, text);
    return [{ file, created: original === null, after: text, inserted, ...(backup ? { backup } : {}) }];
  },
  restore: (edits: FileEdit[]): string[] => {
    const edit = edits[0];
    const file = edit?.file ?? codexConfig();
    const current = readText(file);
    if (current === null) return [];
    const r = removeBlock(current, CODEX_BLOCK_ID, edit?.inserted);
    if (!r.removed) return [];
    if (edit?.created && r.text === '') removeFile(file);
    else writeText(file, r.text);
    if (edit) dropBackupIfRestored(edit, edit.created && r.text === '' ? null : r.text);
    const how = r.exact ? 'removed byte-for-byte' : 'removed (it had been edited, so the lines between its markers went)';
    return [`${file}: headroom provider block ${how}${edit?.backup && readText(edit.backup) !== null ? `; your original is also in ${edit.backup}` : ''}`];
  },
};
