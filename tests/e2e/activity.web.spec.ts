import { expect, test } from '@playwright/test';
import { apiLogin, apiPullAll, apiPush, openSection, serverAndHostPerFile, signIn, waitForSync } from './app';

/**
 * Everyone hears of replies, in real Chromium against the real server: A writes a reply, B (another
 * participant's device, through the push API) answers it and mentions A. A's Activity lists both, the
 * navigation counts them, and the page raised a notification while A's window was not in front (the
 * browser's permission is granted to the test, and the page's notifications are observed as they are made).
 */
const app = serverAndHostPerFile('activity');

interface Shown {
  title: string;
  body: string;
}

test('B replies to A’s post and mentions A: A’s Activity shows both, and A was notified', async ({ browser }) => {
  test.setTimeout(360_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['notifications'], { origin: new URL(app.host.launchUrl).origin });
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { shownNotifications: shown });
    const Native = window.Notification;
    class Observed extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    window.Notification = Observed;
  });
  const page = await context.newPage();
  await page.goto(app.host.launchUrl);
  await signIn(page);
  await waitForSync(page);

  // The browser allows this page's notifications (as after A turned them on in Settings): Settings says so.
  await openSection(page, 'Settings');
  await expect(page.getByText('Notifications are on.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off notifications' })).toBeVisible();

  // What the demo content already holds for A is read, so what follows is all that is new.
  await openSection(page, 'Activity');
  const markAll = page.getByRole('button', { name: 'Mark all as read' });
  if (await markAll.isEnabled()) await markAll.click();
  await expect(markAll).toBeDisabled();

  // A writes a reply in a thread, and it reaches the server.
  await openSection(page, 'Home');
  const recent = page.getByRole('list', { name: 'Recent forum activity' }).getByRole('button').first();
  const title = (await recent.textContent()) ?? '';
  await recent.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const mine = `A question from A, ${String(Date.now())}`;
  await page.getByLabel('Reply text').fill(mine);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('article').filter({ hasText: mine })).toBeVisible();
  await waitForSync(page);
  // Away from the thread: what arrives in an open thread is read there.
  await openSection(page, 'Home');

  // A's window goes behind another one. Playwright tells every page it has the focus unless told not to.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await context.newPage();
  await other.goto('about:blank');
  await other.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);

  // B answers A's post, and in another post mentions A by name.
  const token = await apiLogin(app.server.url, 'facilitator@example.org');
  const changes = await apiPullAll(app.server.url, token);
  const post = changes.find((change) => change.type === 'post' && change.data?.['body'] === mine);
  const threadId = post?.data?.['threadId'];
  const postId = post?.data?.['id'];
  if (typeof threadId !== 'string' || typeof postId !== 'string') throw new Error('A’s post is not on the server');
  const answer = `B answers A, ${String(Date.now())}`;
  const mention = `What do you think, @Demo Participant? ${String(Date.now())}`;
  expect(
    await apiPush(app.server.url, token, 'e2e-activity', [
      {
        name: 'post.create',
        args: { id: crypto.randomUUID(), threadId, body: answer, language: 'en', replyTo: postId },
      },
      { name: 'post.create', args: { id: crypto.randomUUID(), threadId, body: mention, language: 'en' } },
    ]),
  ).toEqual(['applied', 'applied']);

  // The page told A while it was behind: one notification each, naming B.
  const shown = (): Promise<Shown[]> =>
    page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications);
  await expect.poll(async () => (await shown()).length, { timeout: 60_000 }).toBe(2);
  const titles = (await shown()).map((item) => item.title.replace(/[\u2068\u2069]/gu, ''));
  expect(titles.sort()).toEqual(['Demo Facilitator mentioned you', 'Demo Facilitator replied to you']);

  // Back at the window, Activity counts and lists both.
  await page.bringToFront();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Activity', exact: true })).toHaveAccessibleDescription(
    '2 unread items',
  );
  await openSection(page, 'Activity');
  await expect(page.getByRole('button', { name: /Demo Facilitator replied to you/u })).toBeVisible();
  await expect(page.getByRole('button', { name: /Demo Facilitator mentioned you/u })).toBeVisible();
  await page.getByRole('button', { name: /mentioned you/u }).click();
  await expect(page.getByRole('article').filter({ hasText: mention })).toBeVisible();
  await context.close();
});
