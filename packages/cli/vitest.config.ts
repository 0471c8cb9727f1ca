import { defineConfig } from 'vitest/config';

// The tests spawn the CLI (and fake agents through it) on a shared 2-core machine: generous timeouts.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 } });
