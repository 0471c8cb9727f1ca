import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeDir } from '../config/paths.js';
import type { AgentSpec } from './types.js';

/**
 * Claude Code reads ANTHROPIC_BASE_URL (no /v1: the SDK adds it). An `env.ANTHROPIC_BASE_URL` in its own
 * settings files is applied over the process environment, which would send requests around the proxy.
 */
export const claude: AgentSpec = {
  name: 'claude',
  binary: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  env: ({ proxyUrl }) => ({ ANTHROPIC_BASE_URL: proxyUrl }),
  check: () => {
    const warnings: string[] = [];
    for (const file of [join(claudeDir(), 'settings.json'), join(claudeDir(), 'settings.local.json'), join('.claude', 'settings.json'), join('.claude', 'settings.local.json')]) {
      try {
        const url = (JSON.parse(readFileSync(file, 'utf8')) as { env?: Record<string, unknown> }).env?.ANTHROPIC_BASE_URL;
        if (typeof url === 'string') warnings.push(`${file} sets env.ANTHROPIC_BASE_URL=${url}; Claude Code applies it over the environment, so requests may bypass headroom: remove it while wrapped`);
      } catch {
        // no such file, or not JSON: nothing that overrides us
      }
    }
    return warnings;
  },
};
