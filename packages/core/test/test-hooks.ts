// The exports only the debug addon has (crates/headroom-napi/src/test_hooks.rs), left out of its typings.
import { native } from '../src/native.js';

interface TestHooks {
  triggerPanic(message: string): void;
  runOnnxModel(modelPath: string, input: Float32Array, shape: number[]): { shape: number[]; data: Float32Array };
}

export function testHooks(): TestHooks {
  const hooks = native() as unknown as Partial<TestHooks>;
  if (!hooks.triggerPanic || !hooks.runOnnxModel) throw new Error('the addon was built without its test hooks: build it with HEADROOM_NATIVE_PROFILE=debug');
  return hooks as TestHooks;
}
