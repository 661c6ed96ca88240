/**
 * Electron smoke test: the real app in the real Electron binary. Here that is
 * the development build (out/main/index.js in node_modules' Electron); in the
 * release workflow it is the packed app (ELECTRON_APP_PATH, the executable
 * electron-builder made). It runs only where a binary is installed: Electron
 * downloads it on `npm install`, which some machines cannot do. There the
 * tests are skipped and say why, rather than passing silently.
 *
 * The binary is found the way the `electron` package finds it (path.txt next
 * to dist/), without requiring that package: requiring it without a binary
 * would try to download one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CHANNELS } from '../../src/shared/contract';
import type { NavTarget } from '../../src/shared/desktop';

const SKIP_REASON = 'Electron binary not installed (cannot be downloaded here) — smoke test skipped';
const root = resolve(import.meta.dirname, '../..');
const MAIN_ENTRY = 'out/main/index.js';
const THREAD = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001';

/** The packed app's executable, or Electron's with the built entry. */
function appToRun(): { executablePath: string; args: string[] } | undefined {
  const packed = process.env['ELECTRON_APP_PATH'];
  if (packed !== undefined && packed !== '')
    return existsSync(packed) ? { executablePath: packed, args: [] } : undefined;
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = join(override !== undefined && override !== '' ? override : join(packageDir, 'dist'), relative);
  return existsSync(binary) ? { executablePath: binary, args: [MAIN_ENTRY] } : undefined;
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

interface Running {
  app: ElectronApplication;
  page: Page;
  run: { executablePath: string; args: string[] };
  env: Record<string, string>;
}

/** Launches the app (or skips the test, saying why) and closes it after. */
async function withApp(body: (running: Running) => Promise<void>): Promise<void> {
  const run = appToRun();
  if (run === undefined) {
    // The list reporter does not print skip reasons; say it on the console as well.
    console.warn(SKIP_REASON);
    test.skip(true, SKIP_REASON);
    return;
  }
  if (run.args.includes(MAIN_ENTRY)) {
    expect(existsSync(join(root, MAIN_ENTRY)), `${MAIN_ENTRY} is missing: run \`npm run build\` first`).toBe(true);
  }
  const configHome = mkdtempSync(join(tmpdir(), 'cb-electron-smoke-'));
  const env = appEnvironment(configHome);
  const app = await _electron.launch({ executablePath: run.executablePath, args: run.args, cwd: root, env });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/bundle\//u);
    await body({ app, page, run, env });
  } finally {
    await app.close();
    rmSync(configHome, { recursive: true, force: true });
  }
}

/** Records, in the page, every place main asks it to open. */
async function recordNavigation(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      api: { on: (event: string, listener: (payload: unknown) => void) => unknown };
      navigations: unknown[];
    };
    scope.navigations = [];
    scope.api.on('shell.navigate', (target) => scope.navigations.push(target));
  });
}

function navigations(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (globalThis as unknown as { navigations: unknown[] }).navigations);
}

test('the real Electron app shows its shell, with no Node in the page and exactly the contract', async () => {
  await withApp(async ({ page }) => {
    await expect(page.getByRole('banner')).toBeVisible();
    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; api?: object };
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        api: Object.keys(scope.api ?? {}).sort(),
      };
    });
    const namespaces = [...new Set(CHANNELS.map((channel) => channel.split('.')[0] ?? ''))];
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: [...namespaces, 'on'].sort() });
  });
});

test('a deep link given to a second launch opens in the running window; a hostile one opens nothing', async () => {
  await withApp(async ({ app, page, run, env }) => {
    await recordNavigation(page);
    const launchSecond = (link: string): Promise<number | null> =>
      new Promise((done, failed) => {
        // The second instance finds the first one's lock, hands over its command line and quits.
        const second = spawn(run.executablePath, [...run.args, link], { cwd: root, env, stdio: 'ignore' });
        second.once('error', failed);
        second.once('exit', done);
      });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());

    await launchSecond(`collective-brain://thread/${THREAD}/../../../etc/passwd`);
    await launchSecond(`collective-brain://thread/${THREAD}`);
    const expected: NavTarget = { screen: 'thread', threadId: THREAD };
    await expect.poll(() => navigations(page)).toEqual([expected]);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
    // Signed out, no router took it: it waits for the screen that will.
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { api: { shell: { takeNavigation: () => Promise<unknown> } } }
        ).api.shell.takeNavigation(),
      ),
    ).toEqual({
      ok: true,
      value: expected,
    });
  });
});

test('a click on a system notification brings the window back and opens what it is about', async () => {
  await withApp(async ({ app, page }) => {
    await recordNavigation(page);
    // Keep the notification the OS would show, so the test can click it as a person would.
    await app.evaluate(({ Notification }) => {
      const shown: { emit: (event: string) => void }[] = [];
      (globalThis as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      Notification.isSupported = () => true;
      Notification.prototype.show = function show(this: { emit: (event: string) => void }) {
        shown.push(this);
      };
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    const target: NavTarget = { screen: 'thread', threadId: THREAD };
    const answer = await page.evaluate(
      (request) =>
        (
          globalThis as unknown as { api: { desktop: { notify: (input: unknown) => Promise<unknown> } } }
        ).api.desktop.notify(request),
      { kind: 'reply', title: 'Amina Haddad replied', body: 'In “Solidarity finance”', target },
    );
    expect(answer).toEqual({ ok: true, value: null });
    await expect
      .poll(() =>
        app.evaluate(() => (globalThis as unknown as { shownNotifications: unknown[] }).shownNotifications.length),
      )
      .toBe(1);

    await app.evaluate(() =>
      (
        globalThis as unknown as { shownNotifications: { emit: (event: string) => void }[] }
      ).shownNotifications[0]?.emit('click'),
    );
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()))
      .toBe(true);
    await expect.poll(() => navigations(page)).toEqual([target]);
  });
});
