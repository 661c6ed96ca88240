import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startServerProcess, type RunningServer } from './server-process';
import { startWebHost, type RunningWebHost } from './web-host';

export const DEMO_PASSWORD = 'collective-brain';
export const SCREENSHOTS = 'artifacts/screenshots';

export async function signIn(page: Page, email = 'participant@example.org'): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Waits until the first sync has finished (the header says so). */
export async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /Up to date/u })).toBeVisible({ timeout: 30_000 });
}

export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Signs in with the demo API directly (no browser), as another participant's device would. */
export async function apiLogin(serverUrl: string, email: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-protocol': '1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { token: string };
  return body.token;
}

/** Every change the server holds for this account, page by page, as the raw wire format. */
export async function apiPullAll(
  serverUrl: string,
  token: string,
): Promise<{ type: string; op: string; data?: Record<string, unknown> }[]> {
  const changes: { type: string; op: string; data?: Record<string, unknown> }[] = [];
  let cursor = '';
  for (;;) {
    const response = await fetch(`${serverUrl}/api/sync/pull?cursor=${encodeURIComponent(cursor)}`, {
      headers: { authorization: `Bearer ${token}`, 'x-protocol': '1' },
    });
    const page = (await response.json()) as { changes: typeof changes; cursor: string; hasMore: boolean };
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

/**
 * A reference server and browser mode against it, with a profile of its own: started before the tests of the
 * spec file that calls this, stopped after them. Read `server` and `host` inside the tests.
 */
export function serverAndHostPerFile(name: string): { readonly server: RunningServer; readonly host: RunningWebHost } {
  let started: { server: RunningServer; host: RunningWebHost; profileDir: string } | undefined;
  test.beforeAll(async () => {
    const server = await startServerProcess();
    const profileDir = await mkdtemp(join(tmpdir(), `cb-e2e-${name}-`));
    started = { server, profileDir, host: await startWebHost(profileDir, ['--server', server.url]) };
  });
  test.afterAll(async () => {
    if (started === undefined) return;
    await started.host.stop();
    await started.server.dispose();
    await rm(started.profileDir, { recursive: true, force: true });
  });
  const running = (): NonNullable<typeof started> => {
    if (started === undefined) throw new Error('the server and host start before the tests (beforeAll)');
    return started;
  };
  return {
    get server() {
      return running().server;
    },
    get host() {
      return running().host;
    },
  };
}

/** A laptop in a test: a browser page on a browser-mode host with its own profile. */
export interface Device {
  readonly page: Page;
  readonly host: RunningWebHost;
}

/**
 * A reference server for the spec file that calls this, and as many devices against it as a test asks for
 * (`device(browser)`), each with its own profile. All are stopped after the file's tests.
 */
export function serverAndDevicesPerFile(name: string): {
  readonly server: RunningServer;
  device: (browser: Browser) => Promise<Device>;
  /** Something else to clean up after the file's tests (a folder a test wrote). */
  afterFile: (cleanup: () => Promise<void>) => void;
} {
  let server: RunningServer | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  test.beforeAll(async () => {
    server = await startServerProcess();
  });
  test.afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server?.dispose();
  });
  const running = (): RunningServer => {
    if (server === undefined) throw new Error('the server starts before the tests (beforeAll)');
    return server;
  };
  return {
    get server() {
      return running();
    },
    device: async (browser) => {
      const profile = await mkdtemp(join(tmpdir(), `cb-e2e-${name}-`));
      const host = await startWebHost(profile, ['--server', running().url]);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      cleanups.push(async () => {
        await context.close();
        await host.stop();
        await rm(profile, { recursive: true, force: true });
      });
      return { page, host };
    },
    afterFile: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
}

/**
 * Sends writes as another participant's device would (the push API, no browser), and returns each one's
 * status ("applied", or why not).
 */
export async function apiPush(
  serverUrl: string,
  token: string,
  clientId: string,
  mutations: { name: string; args: Record<string, unknown> }[],
): Promise<string[]> {
  const response = await fetch(`${serverUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-protocol': '1', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      clientId,
      mutations: mutations.map((mutation) => ({ id: crypto.randomUUID(), ...mutation })),
    }),
  });
  expect(response.status).toBe(200);
  const { results } = (await response.json()) as { results: { status: string }[] };
  return results.map((result) => result.status);
}
