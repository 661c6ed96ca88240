import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault suite (tests/faults/), apart from `npm test`. Each file is one part of
 * docs/reliability.md; files run one after the other, as each starts a server and several clients.
 */
export default defineConfig({
  test: {
    name: 'faults',
    environment: 'node',
    include: ['tests/faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 20 * 60_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 120_000, interval: 50 } },
  },
});
