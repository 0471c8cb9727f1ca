import { openaiBase, type AgentSpec } from './types.js';

/** Any command that honours the usual OpenAI/Anthropic base-URL variables (the SDKs, litellm, most CLIs). */
export function generic(command: string): AgentSpec {
  return {
    name: command,
    binary: command,
    install: `check that \`${command}\` is installed and on your PATH`,
    env: ({ proxyUrl }) => ({
      OPENAI_BASE_URL: openaiBase(proxyUrl),
      OPENAI_API_BASE: openaiBase(proxyUrl),
      ANTHROPIC_BASE_URL: proxyUrl,
    }),
  };
}
