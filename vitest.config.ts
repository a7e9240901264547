import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // A test that hangs fails in 90 s, not 5 minutes. Only the loops over the 130 real pages
          // (realpages*.e2e.test.ts) give themselves longer, per test.
          testTimeout: 90_000,
          // Hooks launch a browser and start a server: seconds.
          hookTimeout: 60_000,
          fileParallelism: false,
          // Real browsers: one at a time on a 2-core machine keeps timings honest and runs stable.
          maxWorkers: 1,
        },
      },
    ],
  },
});
