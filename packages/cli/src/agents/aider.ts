import { openaiBase, type AgentSpec } from './types.js';

/** Aider (through litellm) reads OPENAI_API_BASE for OpenAI models and ANTHROPIC_BASE_URL for Claude. */
export const aider: AgentSpec = {
  name: 'aider',
  binary: 'aider',
  install: 'python -m pip install aider-install && aider-install   (or: pipx install aider-chat)',
  env: ({ proxyUrl }) => ({ OPENAI_API_BASE: openaiBase(proxyUrl), ANTHROPIC_BASE_URL: proxyUrl }),
};
