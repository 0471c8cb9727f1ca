import type { FileEdit } from '../config/managed-file.js';

export interface WrapContext {
  /** The proxy's base URL, without a path: `http://127.0.0.1:8787`. */
  proxyUrl: string;
  /** The environment the agent would have had without headroom. */
  env: NodeJS.ProcessEnv;
}

/** One agent headroom knows how to point at the proxy. One file per agent in this folder. */
export interface AgentSpec {
  name: string;
  /** What to run; undefined for agents headroom does not launch (Cursor). */
  binary?: string;
  /** How to install it, for the "not found" message. */
  install: string;
  /** Environment variables that point the agent at the proxy. */
  env(ctx: WrapContext): Record<string, string>;
  /** Arguments placed before the user's. */
  args?(ctx: WrapContext): string[];
  /** Durable config changes made before launch and undone on exit (and by `unwrap`). */
  configure?(ctx: WrapContext): FileEdit[];
  /** Undoes `configure` (also repairs what a crashed wrap left behind when `edits` is empty). */
  restore?(edits: FileEdit[]): string[];
  /** Warnings about the user's setup (e.g. a missing API key), printed before launch. */
  check?(ctx: WrapContext): string[];
  /** How the agent will reach its provider through headroom (e.g. which sign-in it uses), printed before launch. */
  describe?(ctx: WrapContext): string[];
}

export const openaiBase = (proxyUrl: string) => `${proxyUrl}/v1`;
