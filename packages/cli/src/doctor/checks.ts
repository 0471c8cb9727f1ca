import { accessSync, constants } from 'node:fs';
import { countTokens, ensurePrivateDir, headroomHome, locateOnnxRuntime, modelsDir, ONNX_RUNTIME_FIX, openStore, resolveKompressModel } from '@headroom/core';
import { AGENTS } from '../agents/index.js';
import { isHealthyProxy, localProxyUrl } from '../proxy-health.js';
import { findExecutable } from '../wrap/launch.js';
import { liveHolders, readWrapRecord } from '../wrap/session.js';
import { installedMcpAgents } from '../mcp-install/install.js';
import { CODEX_BLOCK_ID } from '../agents/codex.js';
import { codexSignIn, describeSignIn } from '../agents/codex-sign-in.js';
import { readText } from '../config/managed-file.js';
import { codexConfig } from '../config/paths.js';
import { hasBlock } from '../config/toml-block.js';

export type Status = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: Status;
  detail: string;
  /** What to do about it (absent when all is well). */
  fix?: string;
}

export function nativeAddon(): Check {
  try {
    const c = countTokens('headroom doctor', 'gpt-4o');
    return { name: 'native addon', status: 'ok', detail: `loaded (o200k_base: ${c.tokens} tokens for a probe)` };
  } catch (err) {
    return {
      name: 'native addon',
      status: 'fail',
      detail: `does not load: ${(err as Error).message}`,
      fix: 'reinstall @headroom/cli so npm picks the @headroom/native-<platform> package for this machine; from a clone run `npm start` to build it',
    };
  }
}

/** ONNX Runtime is optional (288 MB as an npm package): only Kompress needs it. */
export function onnxRuntime(): Check {
  const found = locateOnnxRuntime();
  return found
    ? { name: 'ONNX Runtime', status: 'ok', detail: `${found.path} (${found.source})` }
    : {
        name: 'ONNX Runtime',
        status: 'warn',
        detail: 'not installed: ML text compression (Kompress) is off, every other compressor works',
        fix: ONNX_RUNTIME_FIX,
      };
}

/** With no model, prose goes through the extractive compressor: a warning with the way to install one. */
export function kompressModel(): Check {
  const dir = resolveKompressModel();
  if (dir) return { name: 'Kompress model', status: 'ok', detail: dir };
  const explicit = process.env.HEADROOM_KOMPRESS_MODEL;
  return {
    name: 'Kompress model',
    status: 'warn',
    detail: explicit
      ? `HEADROOM_KOMPRESS_MODEL=${explicit} holds no model.onnx + tokenizer.json: prose uses the extractive compressor`
      : `none installed in ${modelsDir()}: prose uses the extractive compressor`,
    fix: explicit ? 'point HEADROOM_KOMPRESS_MODEL at a directory with model.onnx and tokenizer.json' : 'run `headroom model pull` (or set HEADROOM_KOMPRESS_MODEL to a model directory)',
  };
}

export async function proxy(port: number): Promise<Check> {
  const url = localProxyUrl(port);
  return (await isHealthyProxy(url))
    ? { name: 'proxy', status: 'ok', detail: `healthy at ${url}` }
    : { name: 'proxy', status: 'warn', detail: `nothing answering /livez at ${url}`, fix: `start one with \`headroom proxy --port ${port}\`, or let \`headroom wrap <agent>\` start it` };
}

export async function store(): Promise<Check> {
  const home = headroomHome();
  try {
    ensurePrivateDir(home);
    accessSync(home, constants.W_OK);
    const s = await openStore();
    const st = await s.stats();
    await s.close();
    return { name: 'CCR store', status: 'ok', detail: `${st.backend} at ${st.location}, ${st.entries} originals, writable` };
  } catch (err) {
    return {
      name: 'CCR store',
      status: 'fail',
      detail: `cannot be used: ${(err as Error).message}`,
      fix: `make ${home} writable, or point HEADROOM_HOME at a writable directory (HEADROOM_STORE=redis needs HEADROOM_REDIS_URL reachable)`,
    };
  }
}

/** Per agent: installed or not, wrapped now, a stale wrap left by a crash, MCP registered by us. */
export function agents(): Check[] {
  const mcp = new Set(installedMcpAgents());
  return Object.values(AGENTS).map((spec) => {
    const bin = spec.binary ? findExecutable(spec.binary) : undefined;
    const rec = readWrapRecord(spec.name);
    const live = liveHolders(rec);
    const facts = [spec.binary ? (bin ? `installed (${bin})` : 'not installed') : 'configured in the app (`headroom wrap cursor` prints the settings)'];
    if (live.length > 0) facts.push(`wrapped now (pid ${live.join(', ')})`);
    if (mcp.has(spec.name)) facts.push('MCP server registered');
    if (spec.name === 'codex' && bin) facts.push(describeSignIn(codexSignIn(process.env)));
    // A provider block in config.toml with no live wrap: a crash, or a record that was lost.
    const strayBlock = spec.name === 'codex' && live.length === 0 && hasBlock(readText(codexConfig()) ?? '', CODEX_BLOCK_ID);
    if ((rec && live.length === 0) || strayBlock) {
      return { name: spec.name, status: 'warn', detail: [...facts, 'configuration left by a wrap that did not exit cleanly'].join('; '), fix: `headroom unwrap ${spec.name}` };
    }
    return { name: spec.name, status: 'ok', detail: facts.join('; ') };
  });
}
