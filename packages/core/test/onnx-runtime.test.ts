import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../src/index.js';
import { callNative } from '../src/native-call.js';
import { ensureOnnxRuntime, locateOnnxRuntime } from '../src/onnx-runtime.js';
import { testHooks } from './test-hooks.js';

function runOnnxModel(modelPath: string, input: { shape: number[]; data: Float32Array }) {
  ensureOnnxRuntime();
  return callNative(() => testHooks().runOnnxModel(modelPath, input.data, input.shape));
}

// Written by crates/headroom-ml/src/onnx_builder.rs (a Rust test checks the file matches the builder).
const AFFINE = join(import.meta.dirname, '..', '..', '..', 'crates', 'headroom-ml', 'tests', 'fixtures', 'affine.onnx');

describe('ONNX Runtime through the addon', () => {
  it('finds the library bundled in onnxruntime-node', () => {
    const found = locateOnnxRuntime({ ...process.env, ORT_DYLIB_PATH: '' });
    expect(found?.source).toBe('onnxruntime-node');
    expect(existsSync(found!.path)).toBe(true);
  });

  it('runs the code-built affine model and returns Y = X·W + B', () => {
    const out = runOnnxModel(AFFINE, { shape: [2, 3], data: new Float32Array([1, 2, 3, -1, 0, 4]) });
    expect(out.shape).toEqual([2, 2]);
    expect(Array.from(out.data)).toEqual([-3.5, 0.75, -8.5, -1]);
  });

  it('reports bad input and a missing model with stable codes', () => {
    const bad = () => runOnnxModel(AFFINE, { shape: [1, 3], data: new Float32Array([1]) });
    expect(bad).toThrowError(HeadroomError);
    expect(bad).toThrowError(expect.objectContaining({ code: 'BAD_MODEL_INPUT' }));
    const missing = () => runOnnxModel('/nonexistent/model.onnx', { shape: [1, 3], data: new Float32Array(3) });
    expect(missing).toThrowError(expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }));
  });
});
