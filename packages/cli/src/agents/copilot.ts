import { openaiBase, type AgentSpec } from './types.js';

/**
 * GitHub Copilot CLI with a bring-your-own-key provider: COPILOT_PROVIDER_BASE_URL (OpenAI shape with /v1,
 * Anthropic without), COPILOT_PROVIDER_TYPE, plus the user's own COPILOT_PROVIDER_API_KEY and
 * COPILOT_MODEL. GitHub-hosted models never pass through a local proxy.
 */
export const copilot: AgentSpec = {
  name: 'copilot',
  binary: 'copilot',
  install: 'npm install -g @github/copilot',
  env: ({ proxyUrl, env }) => {
    const type = env.COPILOT_PROVIDER_TYPE === 'anthropic' ? 'anthropic' : 'openai';
    return { COPILOT_PROVIDER_TYPE: type, COPILOT_PROVIDER_BASE_URL: type === 'anthropic' ? proxyUrl : openaiBase(proxyUrl) };
  },
  check: ({ env }) => {
    const w: string[] = [];
    if (!env.COPILOT_MODEL) w.push('COPILOT_MODEL is not set: Copilot CLI needs it (a model id of your provider) to use a custom provider');
    if (!env.COPILOT_PROVIDER_API_KEY) w.push('COPILOT_PROVIDER_API_KEY is not set: the provider behind the proxy will likely refuse the requests');
    if (env.COPILOT_PROVIDER_BASE_URL) {
      w.push(`COPILOT_PROVIDER_BASE_URL was ${env.COPILOT_PROVIDER_BASE_URL}; requests now go through headroom to its configured upstream (HEADROOM_OPENAI_UPSTREAM / HEADROOM_ANTHROPIC_UPSTREAM)`);
    }
    return w;
  },
};
