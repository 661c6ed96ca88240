import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Real Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own browser where `npx playwright install` could run.
 */
function chromiumPath(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Bounds for a hang, not measures of speed: CI machines are shared, and a page that answers in a second when
  // the machine is quiet can take ten under a load of 12 (seen here). A test waits for a condition, never a time.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: process.env['CI'] ? 1 : 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath !== undefined ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'web', testMatch: /.*\.web\.spec\.ts/u },
    { name: 'electron', testMatch: /electron-smoke\.spec\.ts/u },
  ],
});
