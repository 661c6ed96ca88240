import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, openSection, signIn, waitForSync, serverAndHostPerFile } from './app';

/**
 * The languages whose words run longest or need their own glyphs (issue 17,
 * item 18): Japanese (CJK font) and Greek (long words), at the smallest
 * window the app supports. Every screen is saved as a screenshot for a
 * person to look at, and none may clip a label: no element of the chrome
 * whose text is wider than its box while its overflow is cut, and no
 * horizontal scroll of the window. `LANGS=it,tr npx playwright test
 * tests/e2e/languages.web.spec.ts` looks at other languages the same way.
 */
const app = serverAndHostPerFile('languages');

function text(language: string, namespace: string, path: string): string {
  const resource = JSON.parse(
    readFileSync(join(process.cwd(), 'src/renderer/src/locales', language, `${namespace}.json`), 'utf8'),
  ) as Record<string, unknown>;
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], resource);
  if (typeof value !== 'string') throw new Error(`no ${language} string ${namespace}:${path}`);
  return value;
}

async function open(page: Page, language: string, section: string): Promise<void> {
  const button = page
    .getByRole('navigation', { name: text(language, 'shell', 'nav.label') })
    .getByRole('button', { name: text(language, 'shell', `nav.${section}`), exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

type Screen = { name: string; open: (page: Page, language: string) => Promise<void> };

const SCREENS: Screen[] = [
  { name: 'home', open: (page, language) => open(page, language, 'home') },
  {
    name: 'thread',
    open: async (page, language) => {
      await open(page, language, 'forum');
      await page.locator('main .forum-thread-title').first().click();
      await expect(page.getByRole('button', { name: text(language, 'forum', 'composer.send') })).toBeVisible();
    },
  },
  { name: 'library', open: (page, language) => open(page, language, 'library') },
  { name: 'academy', open: (page, language) => open(page, language, 'academy') },
  { name: 'sync', open: (page, language) => open(page, language, 'sync') },
  { name: 'settings', open: (page, language) => open(page, language, 'settings') },
];

/**
 * Chrome elements whose text does not fit their box: wider than it (cut off,
 * or spilling over the border), or taller with the overflow cut.
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector = 'button, label, legend, h1, h2, h3, th, a, summary, p, span, [role="tab"], .badge, .stat, nav li';
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('[lang]:not(html), [dir="auto"], bdi') !== null) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // Hidden, inline (no box of its own), or visually hidden for screen readers (1px and clipped).
      if (box.width <= 1 || box.height <= 1 || style.display === 'inline' || style.clipPath !== 'none') continue;
      const wide = element.scrollWidth > element.clientWidth + 1;
      const tall = element.scrollHeight > element.clientHeight + 1 && style.overflowY !== 'visible';
      if (wide || tall) found.push(`${element.tagName.toLowerCase()} "${element.textContent.trim()}"`);
    }
    // A placeholder is cut without any overflow to measure: compare its drawn width with the box.
    const canvas = document.createElement('canvas').getContext('2d');
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      const style = getComputedStyle(input);
      if (canvas === null || input.getBoundingClientRect().width <= 1) continue;
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
      if (canvas.measureText(input.placeholder).width > room + 1) found.push(`placeholder "${input.placeholder}"`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) {
      found.push(`the window scrolls sideways (${document.documentElement.scrollWidth}px)`);
    }
    return found;
  });
}

test('Japanese and Greek at 1024×640: every label whole', async ({ page }) => {
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(app.host.launchUrl);
  await signIn(page);
  await waitForSync(page);
  let current = 'en';
  for (const language of (process.env['LANGS'] ?? 'ja,el').split(',')) {
    await (current === 'en' ? openSection(page, 'Settings') : open(page, current, 'settings'));
    await page.getByLabel(text(current, 'settings', 'language.label')).selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    current = language;
    for (const screen of SCREENS) {
      await test.step(`${language} ${screen.name}`, async () => {
        await screen.open(page, language);
        await expect(page.getByRole('status').filter({ hasText: text(language, 'forum', 'loading') })).toHaveCount(0);
        await page.screenshot({ path: `${SCREENSHOTS}/${language}-1024-${screen.name}.png` });
        expect(await clipped(page), `${language} ${screen.name}`).toEqual([]);
      });
    }
  }
});
