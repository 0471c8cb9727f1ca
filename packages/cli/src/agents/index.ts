import { aider } from './aider.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';
import type { AgentSpec } from './types.js';

export const AGENTS: Record<string, AgentSpec> = { claude, codex, gemini, aider, copilot, opencode, cursor };

export const AGENT_NAMES = Object.keys(AGENTS);

export function knownAgent(name: string): AgentSpec | undefined {
  return Object.hasOwn(AGENTS, name) ? AGENTS[name] : undefined;
}
