import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { RunningServer } from '../tests/e2e/server-process';
import type { OfflineSwitch } from './tour-proxy';
import { openSection, openThread, settle } from './tour-screens';

const PASSWORD = 'collective-brain';
const HEADERS = { 'content-type': 'application/json', 'x-protocol': '1' };

type Capture = (page: Page, role: string, screen: string, variant: string) => Promise<void>;

async function login(server: RunningServer, email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function push(
  server: RunningServer,
  token: string,
  mutations: { name: string; args: Record<string, unknown> }[],
): Promise<void> {
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { ...HEADERS, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      clientId: `tour-${randomUUID()}`,
      mutations: mutations.map((m) => ({ id: randomUUID(), ...m })),
    }),
  });
  const { results } = (await response.json()) as { results: { status: string }[] };
  if (results.some((result) => result.status !== 'applied')) throw new Error(`push: ${JSON.stringify(results)}`);
}

async function firstCategory(server: RunningServer, token: string): Promise<string> {
  const response = await fetch(`${server.url}/api/sync/pull?cursor=`, {
    headers: { ...HEADERS, authorization: `Bearer ${token}` },
  });
  const page = (await response.json()) as { changes: { type: string; data?: { id: string } }[] };
  const category = page.changes.find((change) => change.type === 'category')?.data?.id;
  if (category === undefined) throw new Error('no category in the first page');
  return category;
}

/** The long thread the tour reads: a real discussion of forty posts by four people, with replies that quote. */
export const LONG_THREAD = 'Keeping the books when the network is down: what works in your cooperative?';

export async function seedTourContent(server: RunningServer): Promise<void> {
  const people = await Promise.all(
    ['moderator', 'participant', 'facilitator', 'admin'].map((role) => login(server, `${role}@example.org`)),
  );
  const [moderator] = people;
  if (moderator === undefined) throw new Error('no moderator');
  const threadId = randomUUID();
  await push(server, moderator, [
    {
      name: 'thread.create',
      args: { id: threadId, categoryId: await firstCategory(server, moderator), title: LONG_THREAD, language: 'en' },
    },
  ]);
  const lines = [
    'We keep **paper ledgers** during the week and enter them on Friday, when the community centre has a connection.',
    'Our solidarity fund uses the same method, with two people checking each page before it is typed in.',
    'In Campinas we tried a shared spreadsheet, but it broke every time two of us edited offline.',
    'The app keeps what you write in an outbox, so a reply written on the bus goes out when you are back online.',
    'Has anyone compared this with the SMS-based bookkeeping some cooperatives in Johannesburg use?',
    'Yes: SMS works for small amounts, but the monthly report still needs a computer and a connection.',
  ];
  let previous: string | null = null;
  for (let index = 0; index < 40; index += 1) {
    const token = people[index % people.length] ?? moderator;
    const id = randomUUID();
    await push(server, token, [
      {
        name: 'post.create',
        args: {
          id,
          threadId,
          language: 'en',
          body: `${lines[index % lines.length] ?? ''}${index % 4 === 3 ? '\n\nWhat do the others think?' : ''}`,
          ...(index % 5 === 4 && previous !== null ? { replyTo: previous } : {}),
        },
      },
    ]);
    previous = id;
  }
}

async function openByTitle(page: Page, title: string): Promise<void> {
  const box = page.locator('header [role="search"] input');
  await box.fill(title);
  await box.press('Enter');
  await page.locator('main .search-result').first().locator('button, a').first().click();
  await page.locator('main article').first().waitFor();
  await settle(page);
}

async function status(page: Page, state: string): Promise<void> {
  await page.locator(`[data-sync-state="${state}"], .sync-${state}`).first().waitFor({ timeout: 60_000 });
}

/**
 * The states a person meets: offline, a refused write (a reply to a thread a moderator locked meanwhile) and
 * a conflict (a post edited here and on another device), made real through the server's API and the device's
 * network switch, then seen in English and Arabic.
 */
export async function stateTour(
  dev: { page: Page; network: OfflineSwitch; role: string },
  server: RunningServer,
  capture: Capture,
): Promise<void> {
  const { page, network } = dev;
  await page.emulateMedia({ colorScheme: 'light' });
  const moderator = await login(server, 'moderator@example.org');
  const me = await login(server, `${dev.role}@example.org`);
  const threadId = randomUUID();
  const title = 'A week without a connection: how do you keep working?';
  await push(server, moderator, [
    {
      name: 'thread.create',
      args: { id: threadId, categoryId: await firstCategory(server, moderator), title, language: 'en' },
    },
    {
      name: 'post.create',
      args: {
        id: randomUUID(),
        threadId,
        body: 'How do your cooperatives keep working when the network is down?',
        language: 'en',
      },
    },
  ]);
  await page
    .locator('main')
    .getByText(title)
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  await openByTitle(page, title);

  network.setOnline(false);
  await status(page, 'offline');
  await openSection(page, 'home');
  await capture(page, 'states', 'offline-home', 'en-light');
  await openByTitle(page, title);
  // A reply here, refused: a moderator locks the thread meanwhile.
  await page
    .locator('main .forum-composer:not(.is-editing) textarea')
    .fill('A reply written offline, on the bus home.');
  await page.locator('main .forum-composer:not(.is-editing) button[type="submit"]').click();
  await capture(page, 'states', 'offline-thread', 'en-light');
  await push(server, moderator, [{ name: 'thread.lock', args: { id: threadId, locked: true } }]);
  // An edit of my own post in the long thread, which I also edit on my phone meanwhile: a conflict.
  await openThread(page);
  const mine = page.locator('main article.is-own').first();
  const postId = await mine.getAttribute('data-post-id');
  await mine.locator('.forum-post-actions button').nth(2).click();
  const editor = page.locator('main .forum-composer.is-editing');
  await editor.locator('textarea').fill('We keep the ledgers on paper and type them in on Friday, at the library.');
  await editor.locator('button[type="submit"]').click();
  await editor.waitFor({ state: 'detached' });
  if (postId !== null) {
    await push(server, me, [
      { name: 'post.update', args: { id: postId, body: 'Paper ledgers, typed in every Friday (edited on my phone).' } },
    ]);
  }
  network.setOnline(true);
  // The status area says a write needs a choice; it leads to the Sync center, whose Resolve opens the post.
  await page.locator('[data-sync-state="synced"]').waitFor({ timeout: 60_000 });
  await page.locator('.status-button').click();
  await page.locator('main .outbox-item .link-button').first().waitFor({ timeout: 60_000 });
  await capture(page, 'states', 'sync-center-conflict', 'en-light');
  await page.locator('main .outbox-item .link-button').first().click();
  await page.locator('main .conflict-choice').first().waitFor({ timeout: 60_000 });
  await page.locator('main .conflict-choice').first().scrollIntoViewIfNeeded();
  await settle(page);
  await capture(page, 'states', 'conflict', 'en-light');
  await openByTitle(page, title);
  await page.locator('main .forum-rejected').first().waitFor({ timeout: 60_000 });
  await settle(page);
  await capture(page, 'states', 'refused', 'en-light');
}
