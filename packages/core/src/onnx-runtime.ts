import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { callNative, HeadroomError } from './errors.js';
import { native } from './native.js';

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

const LIBRARY_FILE: Record<string, string> = {
  linux: 'libonnxruntime.so.1',
  darwin: 'libonnxruntime.1.dylib',
  win32: 'onnxruntime.dll',
};

/**
 * The ONNX Runtime library to load: `ORT_DYLIB_PATH` if set, else the CPU build shipped inside the
 * pinned `onnxruntime-node` package (its install script is skipped; the library is in the tarball).
 */
export function findOnnxRuntime(): string | undefined {
  const explicit = process.env.ORT_DYLIB_PATH;
  if (explicit) return explicit;
  const file = LIBRARY_FILE[process.platform];
  if (!file) return undefined;
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    const candidate = join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch, file);
    return existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

let runtimeReady = false;

function ensureRuntime(): void {
  if (runtimeReady) return;
  const path = findOnnxRuntime();
  if (!path) {
    throw new HeadroomError(
      'ORT_NOT_FOUND',
      'ONNX Runtime was not found: install onnxruntime-node or set ORT_DYLIB_PATH to libonnxruntime',
    );
  }
  callNative(() => native().initOnnxRuntime(path));
  runtimeReady = true;
}

/** Runs a single-input float32 ONNX model (loaded from `modelPath`) and returns its first output. */
export function runOnnxModel(modelPath: string, input: Tensor): Tensor {
  ensureRuntime();
  const out = callNative(() => native().runOnnxModel(modelPath, input.data, input.shape));
  return { shape: out.shape, data: out.data };
}
