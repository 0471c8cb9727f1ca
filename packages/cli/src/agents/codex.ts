import { definesTable, hasBlock, insertBlock, removeBlock, tomlString } from '../config/toml-block.js';
import { dropBackupIfRestored, ensureBackup, readText, removeFile, writeText, type FileEdit } from '../config/managed-file.js';
import { codexConfig } from '../config/paths.js';
import { openaiBase, type AgentSpec } from './types.js';

export const CODEX_BLOCK_ID = 'model-provider';

function providerBlock(proxyUrl: string): string {
  return [
    '[model_providers.headroom]',
    `name = ${tomlString('Headroom (compressing proxy to OpenAI)')}`,
    `base_url = ${tomlString(openaiBase(proxyUrl))}`,
    'env_key = "OPENAI_API_KEY"',
    'wire_api = "responses"',
  ].join('\n');
}

/**
 * Codex: a `[model_providers.headroom]` block appended to `$CODEX_HOME/config.toml` (backup first), selected
 * for this launch only with `-c model_provider="headroom"` so the user's own default provider line is
 * never edited. OPENAI_BASE_URL is set too, for the built-in provider and any tool Codex runs.
 */
export const codex: AgentSpec = {
  name: 'codex',
  binary: 'codex',
  install: 'npm install -g @openai/codex',
  env: ({ proxyUrl }) => ({ OPENAI_BASE_URL: openaiBase(proxyUrl) }),
  args: () => ['-c', 'model_provider="headroom"'],
  check: ({ env }) => (env.OPENAI_API_KEY ? [] : ['OPENAI_API_KEY is not set: the headroom provider sends it as the API key (ChatGPT sign-in does not go through a proxy)']),
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
    const { text, inserted } = insertBlock(original ?? '', CODEX_BLOCK_ID, providerBlock(proxyUrl));
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
