import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { headroomHome } from '../home.js';

/** The model `headroom model pull` installs when no name is given (same as the Rust side). */
export const DEFAULT_KOMPRESS_MODEL = 'kompress-v2';

/** Where `headroom model pull` installs models: `<headroomHome>/models`. */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(headroomHome(env), 'models');
}

/** True when `dir` holds a usable model (`model.onnx` + `tokenizer.json`; `config.json` is optional). */
export function isModelDir(dir: string): boolean {
  return existsSync(join(dir, 'model.onnx')) && existsSync(join(dir, 'tokenizer.json'));
}

/**
 * The model directory to use: `HEADROOM_KOMPRESS_MODEL` when set (never silently replaced by another
 * model: if it is not a model directory, there is no model), else `<headroomHome>/models/<name>`.
 */
export function resolveKompressModel(name: string = DEFAULT_KOMPRESS_MODEL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.HEADROOM_KOMPRESS_MODEL;
  if (explicit) return isModelDir(explicit) ? explicit : undefined;
  const dir = join(modelsDir(env), name);
  return isModelDir(dir) ? dir : undefined;
}
