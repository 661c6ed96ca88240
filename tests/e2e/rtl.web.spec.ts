import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, openSection, signIn, waitForSync, serverAndHostPerFile } from './app';

/**
 * Arabic end to end (issue 6): the layout mirrors, and no screen shows an
 * English UI string. The app chrome's visible text and spoken attributes are
 * compared with every English resource string; user content (marked with
 * `lang`, `dir="auto"` or `<bdi>`) is left out, since it may be English.
 */
const LOCALES = join(process.cwd(), 'src/renderer/src/locales');

type Resource = { [key: string]: string | Resource };

function strings(language: string): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (resource: Resource, prefix: string): void => {
    for (const [key, value] of Object.entries(resource)) {
      if (typeof value === 'string') flat.set(`${prefix}${key}`, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  for (const file of readdirSync(join(LOCALES, language))) {
    if (!file.endsWith('.json')) continue;
    const namespace = file.slice(0, -'.json'.length);
    walk(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Resource, `${namespace}:`);
  }
  return flat;
}

const english = strings('en');
const arabic = strings('ar');
const ar = (key: string): string => {
  const value = arabic.get(key);
  if (value === undefined) throw new Error(`no Arabic string ${key}`);
  return value;
};

/**
 * The English phrases that must not appear: the static parts of every
 * English string (around {{placeholders}} and <bdi> marks) with a word of
 * three letters or more. (The language select names each language in
 * itself, "English" included: those options carry their own `lang`.)
 */
const forbidden = [
  ...new Set(
    [...english]
      // Role names ("Participant") are also words of the demo accounts' names, which labels quote as user content.
      .filter(([key]) => !key.startsWith('people:roles.'))
      .flatMap(([, text]) => {
        const parts = text.split(/\{\{[^}]*\}\}|<\/?bdi>/u);
        // A whole string ("Tag", "Back") counts from three letters; a part
        // of a template ("The … version") only with a longer word.
        const letters = parts.length === 1 ? 3 : 4;
        return parts
          .map((part) => part.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
          .filter((part) => new RegExp(`\\p{L}{${letters},}`, 'u').test(part));
      }),
  ),
].sort((a, b) => b.length - a.length);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** The app chrome's text and spoken attributes, without user content. */
async function chromeTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const userContent = '[lang]:not(html), [dir="auto"], bdi, script, style';
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (text !== '' && node.parentElement?.closest(userContent) === null) texts.push(text);
    }
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest(userContent) !== null) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext']) {
        const value = element.getAttribute(name);
        if (value !== null && value.trim() !== '') texts.push(value.trim());
      }
    }
    texts.push(document.title);
    return texts;
  });
}

async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  const texts = await chromeTexts(page);
  const found = new Set<string>();
  for (const text of texts) {
    for (const phrase of forbidden) {
      if (new RegExp(`(^|[^\\p{L}])${escapeRegExp(phrase)}($|[^\\p{L}])`, 'u').test(text)) {
        found.add(`"${phrase}" in "${text}"`);
      }
    }
  }
  expect([...found], `English UI strings on the ${screen} screen`).toEqual([]);
}

const app = serverAndHostPerFile('rtl');

const nav = (page: Page): ReturnType<Page['getByRole']> =>
  page.getByRole('navigation', { name: ar('shell:nav.label') });

async function open(page: Page, section: string): Promise<void> {
  const button = nav(page).getByRole('button', { name: ar(`shell:nav.${section}`), exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

type Screen = { name: string; open: (page: Page) => Promise<void> };

const SCREENS: Screen[] = [
  { name: 'home', open: (page) => open(page, 'home') },
  { name: 'forum', open: (page) => open(page, 'forum') },
  {
    name: 'category',
    open: async (page) => {
      await open(page, 'forum');
      await page.getByRole('main').getByRole('list').first().getByRole('button').first().click();
      await expect(page.getByRole('button', { name: ar('forum:category.newThread') })).toBeVisible();
    },
  },
  {
    name: 'thread',
    open: async (page) => {
      await open(page, 'forum');
      await page.locator('main .forum-thread-title').first().click();
      await expect(page.getByRole('button', { name: ar('forum:composer.send') })).toBeVisible();
    },
  },
  { name: 'library', open: (page) => open(page, 'library') },
  {
    name: 'document',
    open: async (page) => {
      await open(page, 'library');
      await page.locator('main .title-button').first().click();
      await expect(page.getByRole('button', { name: ar('export:cite.button') })).toBeVisible();
    },
  },
  { name: 'academy', open: (page) => open(page, 'academy') },
  {
    name: 'collection',
    open: async (page) => {
      await open(page, 'academy');
      await page.locator('main .title-button').filter({ hasText: '2014' }).first().click();
      await expect(page.getByRole('button', { name: ar('academy:offline.downloadEdition') })).toBeVisible();
    },
  },
  { name: 'news', open: (page) => open(page, 'news') },
  {
    name: 'news-item',
    open: async (page) => {
      await open(page, 'news');
      await page.locator('main .title-button').first().click();
      await expect(page.getByRole('button', { name: ar('news:back') })).toBeVisible();
    },
  },
  { name: 'sync', open: (page) => open(page, 'sync') },
  { name: 'venue', open: (page) => open(page, 'venue') },
  { name: 'settings', open: (page) => open(page, 'settings') },
  {
    name: 'search',
    open: async (page) => {
      const box = page.getByRole('search').getByRole('searchbox');
      await box.fill('cooperatives');
      await box.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: /cooperatives/u })).toBeVisible();
      await expect(page.locator('main .search-result').first()).toBeVisible();
    },
  },
];

test('in Arabic the layout mirrors, no screen shows an English UI string, and axe finds nothing serious', async ({
  page,
}) => {
  test.setTimeout(600_000);
  expect(forbidden.length).toBeGreaterThan(300);
  await page.goto(app.host.launchUrl);
  // signIn speaks English: sign in first, then switch the language in the settings.
  await signIn(page);
  await waitForSync(page);
  await openSection(page, 'Settings');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByLabel('Language of menus and buttons').selectOption('ar');

  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1, name: ar('settings:title') })).toBeVisible();
  expect(await html.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

  // Mirrored: the navigation column sits on the right of the main area.
  const navBox = await nav(page).boundingBox();
  const mainBox = await page.getByRole('main').boundingBox();
  expect(navBox).not.toBeNull();
  expect(mainBox).not.toBeNull();
  if (navBox !== null && mainBox !== null) {
    expect(navBox.x).toBeGreaterThan(mainBox.x);
    expect(navBox.x + navBox.width).toBeGreaterThan(1280 - 40);
  }

  for (const screen of SCREENS) {
    await test.step(screen.name, async () => {
      await screen.open(page);
      await expect(page.getByRole('status').filter({ hasText: ar('forum:loading') })).toHaveCount(0);
      await page.screenshot({ path: `${SCREENSHOTS}/rtl-${screen.name}.png` });
      await expectNoEnglish(page, screen.name);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  // The breadcrumb and "Back" arrows point the reading way.
  await open(page, 'library');
  await page.locator('main .title-button').first().click();
  const arrow = await page
    .getByRole('button', { name: ar('library:document.back') })
    .evaluate((element) => getComputedStyle(element, '::before').content);
  expect(arrow).toContain('→');

  // And back to English, at once.
  await open(page, 'settings');
  await page.getByLabel(ar('settings:language.label')).selectOption('en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
