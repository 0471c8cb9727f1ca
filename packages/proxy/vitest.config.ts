import { defineConfig } from 'vitest/config';

// A test's limit guards against a hang, never measures speed: on a busy 2-core machine a debug-build
// compression or a proxy round trip can take several seconds.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } });
