import { describe, expect, it } from 'vitest';
import { callNative } from '../src/native-call.js';
import { countTokens, HeadroomError } from '../src/index.js';
import { testHooks } from './test-hooks.js';

describe('native boundary', () => {
  it('turns a Rust panic into a HeadroomError with code HEADROOM_PANIC, and the process goes on', () => {
    const hooks = testHooks();
    let caught: unknown;
    try {
      callNative(() => hooks.triggerPanic('boom from the test'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HeadroomError);
    expect((caught as HeadroomError).code).toBe('HEADROOM_PANIC');
    expect((caught as HeadroomError).message).toContain('boom from the test');
    // The addon is still usable after the panic.
    expect(countTokens('still alive').tokens).toBeGreaterThan(0);
  });

  it('the raw addon error carries the stable code too', () => {
    const hooks = testHooks();
    expect(() => hooks.triggerPanic('raw')).toThrowError(expect.objectContaining({ code: 'HEADROOM_PANIC' }));
  });
});
