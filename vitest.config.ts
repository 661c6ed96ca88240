import { defineConfig } from 'vitest/config';

/**
 * Waits (`expect.poll`, testing-library's `waitFor`/`findBy`) wait for a condition; their timeouts only bound
 * how long a broken feature takes to fail. They are generous because other work may share the machine.
 */
const expectConfig = { poll: { timeout: 15_000, interval: 20 } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: expectConfig,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 60_000,
          expect: expectConfig,
        },
      },
    ],
  },
});
