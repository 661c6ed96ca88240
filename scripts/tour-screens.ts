import type { Locator, Page } from '@playwright/test';

/**
 * The screens of the tour, each opened as a person would (navigation, then a click), in any UI language:
 * every step finds its element by structure (class, position, input type), never by English text.
 */
export interface TourScreen {
  readonly name: string;
  /** Only for these roles (all when absent). */
  readonly roles?: readonly string[];
  open(page: Page): Promise<void>;
  /** Undoes what opening left behind (a staged session), so the next visit starts the same way. */
  close?(page: Page): Promise<void>;
}

/** The navigation's items (AppShell's NAV_ITEMS; a role sees only some of them). */
export type Section =
  | 'home'
  | 'activity'
  | 'forum'
  | 'library'
  | 'academy'
  | 'news'
  | 'sync'
  | 'venue'
  | 'moderation'
  | 'profile'
  | 'people'
  | 'settings';

const TIMEOUT = 30_000;

export async function settle(page: Page): Promise<void> {
  // Nothing still loading, fonts drawn, and one more frame for late layout.
  await page
    .locator('.state-loading')
    .first()
    .waitFor({ state: 'detached', timeout: TIMEOUT })
    .catch(() => undefined);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

export async function openSection(page: Page, section: Section): Promise<void> {
  const item = page.locator(`.app-nav .nav-item[data-section="${section}"]`);
  await item.click();
  await page.locator('.app-nav .nav-item[aria-current="page"]').nth(0).waitFor({ timeout: TIMEOUT });
  await page.locator('main h1').first().waitFor({ timeout: TIMEOUT });
  await settle(page);
}

async function click(locator: Locator): Promise<void> {
  await locator.first().click({ timeout: TIMEOUT });
}

/** The tour's long thread (tour-states.ts), found through the header's search as a reader would. */
export async function openThread(page: Page): Promise<void> {
  const box = page.locator('header [role="search"] input');
  await box.fill('Keeping the books when the network is down');
  await box.press('Enter');
  await click(page.locator('main .search-result').first().locator('button'));
  await page.locator('main article').first().waitFor({ timeout: TIMEOUT });
  await settle(page);
}

async function openDocument(page: Page): Promise<void> {
  await openSection(page, 'library');
  await click(page.locator('main .title-button'));
  await page.locator('main .variant-list').waitFor({ timeout: TIMEOUT });
  await settle(page);
}

async function openEdition(page: Page): Promise<void> {
  await openSection(page, 'academy');
  await click(page.locator('main .title-button').filter({ hasText: '2014' }));
  await page.locator('main .session-list, main .state-empty').first().waitFor({ timeout: TIMEOUT });
  await settle(page);
}

export const SCREENS: readonly TourScreen[] = [
  { name: 'home', open: (page) => openSection(page, 'home') },
  { name: 'forum', open: (page) => openSection(page, 'forum') },
  {
    name: 'category',
    open: async (page) => {
      await openSection(page, 'forum');
      await click(page.locator('main .forum-category'));
      await page.locator('main .forum-threads').waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
  { name: 'thread', open: openThread },
  {
    name: 'thread-end',
    open: async (page) => {
      await openThread(page);
      // The reply box at the thread's end.
      await page.locator('main textarea').last().scrollIntoViewIfNeeded();
      await settle(page);
    },
  },
  {
    name: 'composer-preview',
    open: async (page) => {
      await openSection(page, 'forum');
      await click(page.locator('main .forum-category'));
      await click(page.locator('main .forum-heading-row .button-primary'));
      await page.locator('main input[type="text"]').first().fill('Solidarity finance in Campinas: what worked?');
      await page
        .locator('main textarea')
        .first()
        .fill(
          'We tried **three** schemes:\n\n1. A rotating fund run by the cooperative\n2. A community bank\n3. Microcredit through the municipality\n\n> What we learned: start small.\n\nWho has tried something similar?',
        );
      await click(page.locator('main .md-editor-tab').nth(1));
      await settle(page);
    },
  },
  { name: 'library', open: (page) => openSection(page, 'library') },
  { name: 'document', open: openDocument },
  {
    name: 'pdf-viewer',
    open: async (page) => {
      await openDocument(page);
      await click(page.locator('main .variant-row .button-primary'));
      // Not on this computer yet: the viewer offers the download, and shows the file once it is here.
      await page
        .locator('main .pdf-viewer canvas, main .pdf-viewer .state-empty')
        .first()
        .waitFor({ timeout: TIMEOUT });
      const download = page.locator('main .pdf-viewer .state-empty .button-primary');
      if (await download.isVisible()) await click(download);
      await page.locator('main .pdf-viewer canvas').waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
  { name: 'academy', open: (page) => openSection(page, 'academy') },
  { name: 'edition', open: openEdition },
  {
    name: 'session-editor',
    roles: ['facilitator', 'admin'],
    open: async (page) => {
      await openEdition(page);
      await click(page.locator('main .sessions-head .button-secondary'));
      await page.locator('main .session-editor').waitFor({ timeout: TIMEOUT });
      await page.locator('main .session-editor input[type="text"]').first().fill('Financing SSE enterprises');
      await settle(page);
    },
    close: async (page) => {
      const back = page.locator('main .session-preview .button-secondary');
      if (await back.isVisible()) await back.click();
      await click(page.locator('main .session-editor > .button-row .button-secondary').last());
    },
  },
  {
    name: 'session-preview',
    roles: ['facilitator', 'admin'],
    open: async (page) => {
      await openEdition(page);
      await click(page.locator('main .sessions-head .button-secondary'));
      const editor = page.locator('main .session-editor');
      await editor.locator('input[type="text"]').first().fill('Financement des entreprises de l’économie sociale');
      await editor.locator('.editor-add select').selectOption('note');
      await click(editor.locator('.editor-add .button-secondary'));
      await editor.locator('textarea').first().fill('Apportez un exemple de **finance solidaire** de votre pays.');
      // The draft's language is suggested: French, here.
      await click(editor.locator('.language-suggestion button'));
      await click(editor.locator('button[type="submit"]'));
      await page.locator('main .session-preview').waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    close: async (page) => {
      const back = page.locator('main .session-preview .button-secondary');
      if (await back.isVisible()) await back.click();
      await click(page.locator('main .session-editor > .button-row .button-secondary').last());
    },
  },
  { name: 'news', open: (page) => openSection(page, 'news') },
  {
    name: 'news-item',
    open: async (page) => {
      await openSection(page, 'news');
      await click(page.locator('main .title-button'));
      await settle(page);
    },
  },
  {
    name: 'search',
    open: async (page) => {
      const box = page.locator('header [role="search"] input');
      await box.fill('cooperatives');
      await box.press('Enter');
      await page.locator('main .search-result').first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
  {
    name: 'empty-search',
    open: async (page) => {
      const box = page.locator('header [role="search"] input');
      await box.fill('xylophonequartz');
      await box.press('Enter');
      await page.locator('main .state-empty').first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
  { name: 'activity', open: (page) => openSection(page, 'activity') },
  { name: 'sync-center', open: (page) => openSection(page, 'sync') },
  { name: 'venue', open: (page) => openSection(page, 'venue') },
  { name: 'profile', open: (page) => openSection(page, 'profile') },
  { name: 'people', roles: ['admin'], open: (page) => openSection(page, 'people') },
  { name: 'moderation', roles: ['moderator'], open: (page) => openSection(page, 'moderation') },
  {
    name: 'news-editor',
    roles: ['admin'],
    open: async (page) => {
      await openSection(page, 'news');
      await click(page.locator('main .news-toolbar .button-primary'));
      await page.locator('main form').first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
  { name: 'settings', open: (page) => openSection(page, 'settings') },
  {
    name: 'shortcuts',
    open: async (page) => {
      await openSection(page, 'home');
      await page.locator('main h1').first().focus();
      await page.keyboard.press('?');
      await page.locator('dialog[open]').waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
  },
];
