import { defineConfig } from 'vitest/config';

// Real agent binaries (hundreds of MB each) start, talk to loopback servers and run tools on a shared
// 2-core machine: generous limits, and one file at a time.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 60_000, fileParallelism: false } });
