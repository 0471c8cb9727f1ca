import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HeadroomError } from './errors.js';
import { headroomHome } from './home.js';
import { native } from './native.js';
import { callNative } from './native-call.js';

/**
 * The onnxruntime-node release whose CPU library `headroom model pull` fetches from the npm registry
 * (the same version the workspace tests against: a test keeps the two equal).
 */
export const ONNX_RUNTIME_VERSION = '1.30.0';

/** The library's file name inside `onnxruntime-node/bin/napi-v6/<platform>/<arch>/`. */
export const ONNX_RUNTIME_FILE: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'libonnxruntime.so.1',
  darwin: 'libonnxruntime.1.dylib',
  win32: 'onnxruntime.dll',
};

export interface OnnxRuntimeLocation {
  path: string;
  /** `ORT_DYLIB_PATH`, an `onnxruntime-node` package installed next to Headroom, or `headroom model pull`'s copy. */
  source: 'ORT_DYLIB_PATH' | 'onnxruntime-node' | 'headroom home';
}

/** Where `headroom model pull` puts the library: `<headroomHome>/onnxruntime/<version>/<file>`. */
export function pulledOnnxRuntimePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = ONNX_RUNTIME_FILE[process.platform];
  return file && join(headroomHome(env), 'onnxruntime', ONNX_RUNTIME_VERSION, file);
}

/**
 * The ONNX Runtime library Kompress loads: `ORT_DYLIB_PATH` if set, else the CPU build inside an
 * `onnxruntime-node` package resolvable from here (an optional peer dependency: it weighs 288 MB, so
 * nobody gets it unasked), else the copy `headroom model pull` fetched into the Headroom home.
 */
export function locateOnnxRuntime(env: NodeJS.ProcessEnv = process.env): OnnxRuntimeLocation | undefined {
  if (env.ORT_DYLIB_PATH) return { path: env.ORT_DYLIB_PATH, source: 'ORT_DYLIB_PATH' };
  const file = ONNX_RUNTIME_FILE[process.platform];
  if (!file) return undefined;
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    const bundled = join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch, file);
    if (existsSync(bundled)) return { path: bundled, source: 'onnxruntime-node' };
  } catch {
    // not installed: the usual case
  }
  const pulled = pulledOnnxRuntimePath(env);
  return pulled && existsSync(pulled) ? { path: pulled, source: 'headroom home' } : undefined;
}

/** What to do when Kompress needs ONNX Runtime and none is installed (doctor and errors say the same). */
export const ONNX_RUNTIME_FIX =
  'run `headroom model pull` (fetches the CPU library from the npm registry into the Headroom home), ' +
  `or install onnxruntime-node@${ONNX_RUNTIME_VERSION} next to @headroom/core, or set ORT_DYLIB_PATH to a libonnxruntime ≥ 1.27`;

let runtimeReady = false;

/** Loads ONNX Runtime once per process, or throws `ORT_NOT_FOUND` saying how to install it. */
export function ensureOnnxRuntime(): void {
  if (runtimeReady) return;
  const found = locateOnnxRuntime();
  if (!found) {
    throw new HeadroomError('ORT_NOT_FOUND', `ONNX Runtime is not installed (Kompress needs it; everything else works without it): ${ONNX_RUNTIME_FIX}`);
  }
  callNative(() => native().initOnnxRuntime(found.path));
  runtimeReady = true;
}
