import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { EXPORT_JSON_NAME, MyDataExportSchema } from '../../src/shared/export/export-format';
import { SCREENSHOTS, openSection, serverAndHostPerFile, signIn, waitForSync } from './app';

/**
 * Alumni take their work with them, in real Chromium against the real server: a participant writes a
 * reply, exports the thread as a web page and all their data as a zip (browser mode hands both to the
 * browser as downloads), and the files hold what they wrote; then cites a document.
 */
const app = serverAndHostPerFile('export');

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a participant exports their data, and the zip holds their posts', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(app.host.launchUrl);
  await signIn(page);
  await waitForSync(page);

  // A reply, with markup that must stay harmless in an exported page.
  await openSection(page, 'Home');
  const recent = page.getByRole('list', { name: 'Recent forum activity' }).getByRole('button').first();
  const title = (await recent.textContent()) ?? '';
  await recent.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const words = `Exported from Chromium ${String(Date.now())}`;
  await page
    .getByLabel('Reply text')
    .fill(`${words}: [a trap](javascript:alert(1)) and [the ILO](https://www.ilo.org/).`);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('article').filter({ hasText: words })).toBeVisible();

  // The thread as one self-contained web page.
  await page.getByRole('button', { name: 'Export this thread' }).click();
  const pageFile = await downloaded(page, () => page.getByRole('button', { name: 'Web page (.html)' }).click());
  expect(pageFile.download.suggestedFilename()).toMatch(/\.html$/u);
  const html = pageFile.bytes.toString('utf8');
  expect(html).toContain(words);
  expect(html).toContain('href="https://www.ilo.org/"');
  expect(html).not.toMatch(/javascript:|<script|\son\w+=/iu);
  await expect(page.getByRole('status').filter({ hasText: 'was handed to your browser' })).toBeVisible();

  // Everything I wrote, as a zip, from Settings.
  await openSection(page, 'Settings');
  const zipFile = await downloaded(page, () => page.getByRole('button', { name: 'Export my data' }).click());
  expect(zipFile.download.suggestedFilename()).toMatch(/^collective-brain-Demo-Participant-\d{4}-\d{2}-\d{2}\.zip$/u);
  const files = unzipSync(new Uint8Array(zipFile.bytes));
  const threads = Object.keys(files).filter((path) => path.startsWith('threads/'));
  const mine = threads.find((path) => strFromU8(files[path] ?? new Uint8Array()).includes(words));
  expect(mine).toBeDefined();
  expect(strFromU8(files[mine ?? ''] ?? new Uint8Array())).toContain(`# ${title}`);
  const data = MyDataExportSchema.parse(JSON.parse(strFromU8(files[EXPORT_JSON_NAME] ?? new Uint8Array())));
  expect(data.user.displayName).toBe('Demo Participant');
  expect(data.posts.some((post) => post.body.startsWith(words))).toBe(true);
  await expect(page.getByText(/^In it: \d+ posts? in \d+ threads?/u)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A document's citation, formatted in the browser by the real CSL styles.
  await openSection(page, 'Library');
  await page.locator('main .title-button').first().click();
  await page.getByRole('button', { name: 'Cite', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Cite this document' });
  await expect(panel.locator('pre')).toContainText(/\(\d{4}|n\.d\.\)/u);
  await panel.getByRole('radio', { name: 'RIS (.ris)' }).check();
  await expect(panel.locator('pre')).toContainText('TY  - ');
  const ris = await downloaded(page, () => panel.getByRole('button', { name: 'Save as RIS (.ris)' }).click());
  expect(ris.bytes.toString('utf8')).toMatch(/^TY {2}- [A-Z]+\n[\s\S]*\nER {2}- *\n$/u);
  await page.screenshot({ path: `${SCREENSHOTS}/export-citation-light-1280x800.png` });
  expect(await seriousViolations(page)).toEqual([]);
});
