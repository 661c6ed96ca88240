import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServerProcess, type RunningServer } from './server-process';
import { startWebHost, type RunningWebHost } from './web-host';

const screenshots = 'artifacts/screenshots';
let server: RunningServer;
let profileDir: string;
let host: RunningWebHost;

test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => {
  await server.dispose();
});

test.beforeEach(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'cb-e2e-'));
  host = await startWebHost(profileDir, ['--server', server.url]);
});

async function signIn(page: Page, email = 'participant@example.org'): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('collective-brain');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test.afterEach(async () => {
  await host.stop();
  await rm(profileDir, { recursive: true, force: true });
});

test('the shell renders with its landmarks and the host status from app.info', async ({ page }) => {
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  await page.goto(host.launchUrl);
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
  await page.screenshot({ path: `${screenshots}/signin-1280x800.png` });
  await signIn(page);
  await expect(page.getByRole('banner')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toContainText('Browser mode');
  await expect(nav).toContainText(`Version ${pkg.version}`);
  // The launch secret does not stay in the address bar.
  expect(new URL(page.url()).hash).toBe('');
  await page.screenshot({ path: `${screenshots}/shell-home-1280x800.png` });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: `${screenshots}/shell-home-1024x640.png` });
});

test('a contract call round-trips: a settings change reaches the profile on disk', async ({ page }) => {
  await page.goto(host.launchUrl);
  await signIn(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const stored = JSON.parse(await readFile(join(profileDir, 'settings.json'), 'utf8')) as { theme: string };
  expect(stored.theme).toBe('dark');
  await page.screenshot({ path: `${screenshots}/settings-dark-1280x800.png` });
});

test('settings persist across a restart of the host', async ({ page }) => {
  await page.goto(host.launchUrl);
  await signIn(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language of menus and buttons').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();

  await host.stop();
  host = await startWebHost(profileDir, ['--server', server.url]);
  await page.goto(host.launchUrl);
  // Still signed in (the token survived in the profile), and still in French.
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /^Bienvenue/u })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.screenshot({ path: `${screenshots}/shell-home-fr-1280x800.png` });
});

test('when the host stops the page says so, and it reconnects to the restarted host without a reload (issue 17, item 10)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(host.launchUrl);
  await signIn(page);
  await expect(page.getByRole('button', { name: /Up to date/u })).toBeVisible({ timeout: 30_000 });
  // A mark that a reload would wipe out.
  await page.evaluate(() => sessionStorage.setItem('e2e-page', 'x') ?? Object.assign(window, { e2eStayed: true }));
  const port = new URL(host.origin).port;

  await host.stop();
  await expect(page.getByRole('button', { name: /^Disconnected from the app/u })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot reach the app' })).toBeVisible();
  await page.screenshot({ path: `${screenshots}/host-disconnected-1280x800.png` });

  // Started again on the same address, with a new launch key: the page asks for the new address.
  host = await startWebHost(profileDir, ['--server', server.url, '--port', port]);
  await expect(page.getByRole('alert').filter({ hasText: 'started again, with a new key' })).toBeVisible({
    timeout: 30_000,
  });
  // Opening it in the same tab changes only the fragment: the page reconnects in place.
  await page.goto(host.launchUrl);
  await expect(page.getByRole('button', { name: /Up to date/u })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'reach the app' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { e2eStayed?: boolean }).e2eStayed)).toBe(true);
  expect(new URL(page.url()).hash).toBe('');
});

test('the CSP blocks an injected inline script and eval', async ({ page }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByRole('main')).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
        once: true,
      });
    });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const directive = await violation;
    let evalOutcome = 'ran';
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point is to prove eval is blocked
      const compiled = new Function('return 1') as () => unknown;
      compiled();
    } catch {
      evalOutcome = 'blocked';
    }
    return { directive, injected: (window as unknown as { __injected?: boolean }).__injected ?? false, evalOutcome };
  });
  expect(outcome).toEqual({ directive: 'script-src-elem', injected: false, evalOutcome: 'blocked' });
});

test('the page has no Node: window.require and process are undefined', async ({ page }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByRole('main')).toBeVisible();
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    api: typeof (window as unknown as { api?: unknown }).api,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: 'undefined' });
});

test('without the launch secret the page cannot drive the host and says where to find the address', async ({
  page,
}) => {
  await page.goto(host.origin);
  await expect(page.getByRole('heading', { name: 'This page needs its launch address' })).toBeVisible();
  // A guessed key: the host closes at once with the code that tells a page its address is stale, and answers
  // nothing it was sent.
  const outcome = await page.evaluate(
    (url) =>
      new Promise<{ code: number; messages: number }>((resolve) => {
        let messages = 0;
        const socket = new WebSocket(url, ['cb-secret.guessed-secret']);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'app.info' }));
        socket.onmessage = () => (messages += 1);
        socket.onclose = (event) => resolve({ code: event.code, messages });
      }),
    `${host.origin.replace('http', 'ws')}/contract`,
  );
  expect(outcome).toEqual({ code: 4401, messages: 0 });
});
