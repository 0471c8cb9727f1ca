import { openaiBase, type AgentSpec } from './types.js';

/**
 * OpenCode merges OPENCODE_CONFIG_CONTENT over its config files, so the wrap changes no file: the
 * anthropic and openai providers get the proxy as baseURL (AI SDK style, /v1 included for both). Any
 * OPENCODE_CONFIG_CONTENT the user already had is kept and merged.
 */
export const opencode: AgentSpec = {
  name: 'opencode',
  binary: 'opencode',
  install: 'npm install -g opencode-ai',
  env: ({ proxyUrl, env }) => {
    let base: Record<string, unknown> = {};
    try {
      const parsed = env.OPENCODE_CONFIG_CONTENT ? (JSON.parse(env.OPENCODE_CONFIG_CONTENT) as unknown) : {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) base = parsed as Record<string, unknown>;
    } catch {
      // Unparseable content would be rejected by OpenCode too; ours replaces it.
    }
    const providers = { ...((base.provider as Record<string, Record<string, unknown>> | undefined) ?? {}) };
    for (const id of ['anthropic', 'openai']) {
      const p = providers[id] ?? {};
      providers[id] = { ...p, options: { ...((p.options as Record<string, unknown> | undefined) ?? {}), baseURL: openaiBase(proxyUrl) } };
    }
    return { OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...base, provider: providers }) };
  },
};
