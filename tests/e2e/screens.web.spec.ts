import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, openSection, signIn, waitForSync, serverAndHostPerFile } from './app';

const app = serverAndHostPerFile('screens');

type Screen = { name: string; open: (page: Page) => Promise<void> };

const SCREENS: Screen[] = [
  { name: 'home', open: (page) => openSection(page, 'Home') },
  { name: 'forum', open: (page) => openSection(page, 'Forum') },
  {
    name: 'category',
    open: async (page) => {
      await openSection(page, 'Forum');
      await page.getByRole('main').getByRole('list').first().getByRole('button').first().click();
      await expect(page.getByRole('button', { name: 'New thread' })).toBeVisible();
    },
  },
  {
    name: 'thread',
    open: async (page) => {
      await openSection(page, 'Home');
      // The first thread of "Recent forum activity".
      await page.getByRole('list', { name: 'Recent forum activity' }).getByRole('button').first().click();
      await expect(page.getByRole('button', { name: 'Send reply' })).toBeVisible();
    },
  },
  { name: 'library', open: (page) => openSection(page, 'Library') },
  {
    name: 'document',
    open: async (page) => {
      await openSection(page, 'Library');
      await page.locator('main .title-button').first().click();
      await expect(page.getByRole('button', { name: 'Cite', exact: true })).toBeVisible();
    },
  },
  { name: 'academy', open: (page) => openSection(page, 'Academy') },
  {
    name: 'collection',
    open: async (page) => {
      await openSection(page, 'Academy');
      // The 2014 edition has its reader among the session materials.
      await page.locator('main .title-button').filter({ hasText: '2014' }).first().click();
      await expect(page.getByRole('button', { name: /Download this edition/u })).toBeVisible();
    },
  },
  { name: 'news', open: (page) => openSection(page, 'News') },
  { name: 'sync', open: (page) => openSection(page, 'Sync center') },
  {
    name: 'drafts',
    open: async (page) => {
      await openSection(page, 'Home');
      await page
        .getByRole('main')
        .getByRole('button', { name: /^drafts?$/u })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Drafts' })).toBeVisible();
    },
  },
  { name: 'settings', open: (page) => openSection(page, 'Settings') },
  {
    name: 'search',
    open: async (page) => {
      const box = page.getByRole('search').getByRole('searchbox');
      await box.fill('cooperatives');
      await box.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: 'Search: cooperatives' })).toBeVisible();
      await expect(page.locator('main .search-result').first()).toBeVisible();
    },
  },
];

test('every screen, in both themes and both window sizes, has no serious accessibility violation', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(app.host.launchUrl);
  await signIn(page);
  await waitForSync(page);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const screen of SCREENS) {
      await test.step(`${screen.name} (${theme})`, async () => {
        await page.setViewportSize({ width: 1280, height: 800 });
        await screen.open(page);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.screenshot({ path: `${SCREENSHOTS}/${screen.name}-${theme}-1280x800.png` });
        await page.setViewportSize({ width: 1024, height: 640 });
        await page.screenshot({ path: `${SCREENSHOTS}/${screen.name}-${theme}-1024x640.png` });
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${screen.name} (${theme})`,
        ).toEqual([]);
      });
    }
  }
});
