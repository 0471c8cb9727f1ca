import { openaiBase, type AgentSpec } from './types.js';

/**
 * Cursor is an editor we cannot launch for you: its model settings take an OpenAI base-URL override.
 * Its requests leave from Cursor's servers, so a loopback URL only works when exposed (e.g. a tunnel).
 */
export const cursor: AgentSpec = {
  name: 'cursor',
  install: 'https://cursor.com/downloads',
  env: () => ({}),
};

export function cursorSettings(proxyUrl: string): { openaiBaseUrl: string; anthropicBaseUrl: string; steps: string[] } {
  return {
    openaiBaseUrl: openaiBase(proxyUrl),
    anthropicBaseUrl: proxyUrl,
    steps: [
      'Cursor → Settings → Models → API Keys',
      'enter your OpenAI API key, turn on "Override OpenAI Base URL" and paste the OpenAI base URL below',
      'keep `headroom proxy` running while you use Cursor',
      "Cursor sends these requests from its own servers: a 127.0.0.1 URL only works if you expose the proxy (e.g. a tunnel) and use that public URL",
    ],
  };
}
