import type { AgentSpec } from './types.js';

/** Claude Code reads ANTHROPIC_BASE_URL (no /v1: the SDK adds it). */
export const claude: AgentSpec = {
  name: 'claude',
  binary: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  env: ({ proxyUrl }) => ({ ANTHROPIC_BASE_URL: proxyUrl }),
};
