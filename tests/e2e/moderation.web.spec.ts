import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SCREENSHOTS, openSection, signIn, waitForSync } from './app';
import { startServerProcess, type RunningServer } from './server-process';
import { startWebHost, type RunningWebHost } from './web-host';

/**
 * Issue 18, moderation, in real Chromium against the real server: a participant reports a post with a reason,
 * a moderator (another computer) resolves it from the Moderation screen, the record says who and when, and
 * the reporter hears what was done. One server for the file, one browser-mode host per person.
 */
let server: RunningServer;
const cleanups: (() => Promise<void>)[] = [];

test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.dispose();
});

async function device(browser: Browser): Promise<{ page: Page; host: RunningWebHost }> {
  const profile = await mkdtemp(join(tmpdir(), 'cb-e2e-moderation-'));
  const host = await startWebHost(profile, ['--server', server.url]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  cleanups.push(async () => {
    await context.close();
    await host.stop();
    await rm(profile, { recursive: true, force: true });
  });
  return { page, host };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1280, height: 800 },
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a participant reports a post, and a moderator resolves it from the queue', async ({ browser }) => {
  test.setTimeout(300_000);
  const note = `Selling something in every paragraph (${String(Date.now())})`;

  const reader = await device(browser);
  await reader.page.goto(reader.host.launchUrl);
  await signIn(reader.page, 'participant@example.org');
  await waitForSync(reader.page);
  // The first recent thread, and in it the first post by someone else (the only ones with "Report").
  await reader.page.getByRole('list', { name: 'Recent forum activity' }).getByRole('button').first().click();
  const reported = reader.page
    .getByRole('article')
    .filter({ has: reader.page.getByRole('button', { name: 'Report', exact: true }) })
    .first();
  const postId = (await reported.getAttribute('data-post-id')) ?? '';
  expect(postId).not.toBe('');
  const post = reader.page.locator(`article[data-post-id="${postId}"]`);
  await post.getByRole('button', { name: 'Report', exact: true }).click();
  const form = post.getByRole('form', { name: 'Why are you reporting this post?' });
  await form.getByRole('radio', { name: 'Spam or advertising' }).check();
  await form.getByLabel('What the moderators should know (optional)').fill(note);
  await form.getByRole('button', { name: 'Send the report' }).click();
  await expect(post.getByText('You reported this post. The moderators will look at it.')).toBeVisible({
    timeout: 30_000,
  });

  const moderator = await device(browser);
  await moderator.page.goto(moderator.host.launchUrl);
  await signIn(moderator.page, 'moderator@example.org');
  await waitForSync(moderator.page);
  const nav = moderator.page.getByRole('navigation', { name: 'Main' });
  // The navigation counts open reports (its description), and the Forum points to the queue.
  await expect(nav.getByRole('button', { name: 'Moderation', exact: true })).toHaveAccessibleDescription(
    '1 open report',
  );
  await openSection(moderator.page, 'Moderation');
  const queue = moderator.page.getByRole('region', { name: '1 open report' });
  const card = queue.getByRole('article').filter({ hasText: note });
  await expect(card).toContainText('Spam or advertising');
  await expect(card).toContainText('Demo Participant');
  expect(await seriousViolations(moderator.page)).toEqual([]);
  await screenshots(moderator.page, 'moderation');
  // From the keyboard: Tab to the card's "Dismiss" and press Enter.
  await card.getByRole('button', { name: 'Hide the post' }).focus();
  await moderator.page.keyboard.press('Tab');
  await moderator.page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await moderator.page.keyboard.press('Enter');

  // Recorded as resolved, once the server has it: by whom, and when.
  await expect(moderator.page.getByText('No open report')).toBeVisible();
  const record = moderator.page.getByRole('region', { name: /^Recently resolved/u });
  const resolved = record.getByRole('article').filter({ hasText: note });
  await expect(resolved).toContainText('Dismissed by Demo Moderator', { timeout: 30_000 });
  await expect(resolved.locator('.forum-report-resolution time')).toHaveAttribute('datetime', /^\d{4}-/u);
  await expect(nav.getByRole('button', { name: 'Moderation', exact: true })).toHaveAccessibleDescription('');
  await screenshots(moderator.page, 'moderation-resolved');
  await openSection(moderator.page, 'Settings');
  await moderator.page.getByLabel('Language of menus and buttons').selectOption('ar');
  await moderator.page.getByRole('navigation').getByRole('button', { name: 'الإشراف', exact: true }).click();
  await expect(moderator.page.getByRole('heading', { level: 1, name: 'الإشراف' })).toBeVisible();
  await screenshots(moderator.page, 'moderation-ar');

  // The reporter's computer hears of it (live stream, then a pull) where they reported the post: what was done
  // and when, not by whom.
  await expect(post.getByText(/^The moderators reviewed your report on .+ and left the post as it is\.$/u)).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(post).not.toContainText('Demo Moderator');
});
