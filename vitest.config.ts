import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Browser and live tests wait for things to arrive; a busy two-core machine is slow, not wrong.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Integration and browser tests start servers and Chromium; two cores do not like many at once.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
