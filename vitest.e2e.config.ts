import { defineConfig } from 'vitest/config';

// End-to-end suite: the built `cr` CLI, the real `claude` binary and a loopback stand-in
// of the Anthropic API. Offline; files run one after another (2 cores, real processes).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 90_000,
    hookTimeout: 30_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    reporters: ['default'],
  },
});
