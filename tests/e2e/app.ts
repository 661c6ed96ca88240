import { expect, type Page } from '@playwright/test';

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
