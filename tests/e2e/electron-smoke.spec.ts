/**
 * Electron smoke test: the real app, built (out/main/index.js), in the real
 * Electron binary. It runs only where that binary is installed; Electron
 * downloads it on `npm install`, which some machines cannot do. There the
 * test is skipped and says why, rather than passing silently.
 *
 * The binary is found the way the `electron` package finds it (path.txt next
 * to dist/), without requiring that package: requiring it without a binary
 * would try to download one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test } from '@playwright/test';

const SKIP_REASON = 'Electron binary not installed (cannot be downloaded here) — smoke test skipped';
const root = resolve(import.meta.dirname, '../..');
const MAIN_ENTRY = 'out/main/index.js';

function electronBinary(): string | undefined {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = join(override !== undefined && override !== '' ? override : join(packageDir, 'dist'), relative);
  return existsSync(binary) ? binary : undefined;
}

/** The environment as the app would get it, with its own profile and no dev-server redirect. */
function appEnvironment(configHome: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  // On Linux, app.getPath('userData') lives under XDG_CONFIG_HOME: a fresh profile per run.
  env['XDG_CONFIG_HOME'] = configHome;
  return env;
}

test('the real Electron app shows its shell, with no Node in the page', async () => {
  const executablePath = electronBinary();
  if (executablePath === undefined) {
    // The list reporter does not print skip reasons; say it on the console as well.
    console.warn(SKIP_REASON);
    test.skip(true, SKIP_REASON);
    return;
  }
  expect(existsSync(join(root, MAIN_ENTRY)), `${MAIN_ENTRY} is missing: run \`npm run build\` first`).toBe(true);

  const configHome = mkdtempSync(join(tmpdir(), 'cb-electron-smoke-'));
  const app = await _electron.launch({
    executablePath,
    args: [MAIN_ENTRY],
    cwd: root,
    env: appEnvironment(configHome),
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/bundle\//u);
    await expect(page.getByRole('banner')).toBeVisible();

    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; api?: object };
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        api: Object.keys(scope.api ?? {}).sort(),
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['app', 'on', 'settings', 'shell'] });
  } finally {
    await app.close();
    rmSync(configHome, { recursive: true, force: true });
  }
});
