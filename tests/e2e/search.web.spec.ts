import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, apiLogin, apiPullAll, openSection, signIn, waitForSync } from './app';
import { startServerProcess, type RunningServer } from './server-process';
import { startWebHost, type RunningWebHost } from './web-host';

/**
 * Offline search in real Chromium (issue 6), as a person uses it: it finds exact and folded terms in each
 * script, follows edits and deletes that arrive through sync, searches the text of a downloaded PDF
 * (extracted by pdf.js in the page), and answers again after a cold start.
 */
let server: RunningServer;
let host: RunningWebHost;
let profileDir: string;

test.beforeAll(async () => {
  server = await startServerProcess();
  profileDir = await mkdtemp(join(tmpdir(), 'cb-e2e-search-'));
  host = await startWebHost(profileDir, ['--server', server.url]);
});
test.afterAll(async () => {
  await host.stop();
  await server.dispose();
  await rm(profileDir, { recursive: true, force: true });
});

async function push(token: string, mutations: { name: string; args: Record<string, unknown> }[]): Promise<void> {
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-protocol': '1', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      clientId: 'e2e-search',
      mutations: mutations.map((mutation) => ({ id: crypto.randomUUID(), ...mutation })),
    }),
  });
  expect(response.ok).toBe(true);
  const { results } = (await response.json()) as { results: { status: string }[] };
  expect(results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'));
}

/** Types a query in the header's search box and submits it. */
async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole('search').getByRole('searchbox');
  await box.fill(query);
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Search: ${query}` })).toBeVisible();
}

const result = (page: Page, text: string): ReturnType<Page['locator']> =>
  page.locator('main .search-result').filter({ hasText: text });

test('search finds folded terms in each script, follows sync, reads downloaded PDFs and survives a cold start', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(host.launchUrl);
  await signIn(page);
  await waitForSync(page);

  // Another participant writes a thread with posts in four scripts; sync brings them here.
  const token = await apiLogin(server.url, 'moderator@example.org');
  const category = (await apiPullAll(server.url, token)).find((change) => change.type === 'category');
  const categoryId = category?.data?.['id'];
  if (typeof categoryId !== 'string') throw new Error('no category on the server');
  const threadId = crypto.randomUUID();
  const latin = crypto.randomUUID();
  const arabic = crypto.randomUUID();
  await push(token, [
    { name: 'thread.create', args: { id: threadId, categoryId, title: 'Scripts of the Academy', language: 'en' } },
    {
      name: 'post.create',
      args: { id: latin, threadId, body: 'La façade de la coopérative de São Tomé est repeinte.', language: 'fr' },
    },
    {
      name: 'post.create',
      args: { id: arabic, threadId, body: 'الجمعيّة التعاونيّة: إنتاج زيت الأركان في أكادير', language: 'ar' },
    },
    {
      name: 'post.create',
      args: { id: crypto.randomUUID(), threadId, body: '서울의 사회연대경제 협동조합 모임', language: 'ko' },
    },
    {
      name: 'post.create',
      args: { id: crypto.randomUUID(), threadId, body: '連帯経済の協同組合について話しましょう。', language: 'ja' },
    },
  ]);

  // Diacritics folded: façade = facade, São = Sao.
  await search(page, 'facade sao');
  await expect(result(page, 'São Tomé')).toBeVisible({ timeout: 30_000 });
  await expect(result(page, 'São Tomé').locator('mark').first()).toHaveText('façade');
  // Arabic normalized: shadda dropped, alef with hamza = bare alef.
  await search(page, 'التعاونية انتاج');
  await expect(result(page, 'زيت الأركان')).toBeVisible();
  // Korean by prefix, Japanese by its bigrams (Intl.Segmenter where needed).
  await search(page, '협동');
  await expect(result(page, '협동조합 모임')).toBeVisible();
  await search(page, '協同組合');
  await expect(result(page, '話しましょう')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search-japanese.png` });

  // A query runs as it is typed: when it is sent, its results are already there, and it does not run again.
  const runs = (): Promise<number> => page.evaluate(() => performance.getEntriesByName('cb:search-query').length);
  const before = await runs();
  await page.getByRole('search').getByRole('searchbox').fill('협동조합');
  await expect.poll(runs).toBe(before + 1);
  await page.getByRole('search').getByRole('searchbox').press('Enter');
  await expect(result(page, '협동조합 모임')).toBeVisible();
  expect(await runs()).toBe(before + 1);

  // An edit arrives through sync: the results on screen follow it (the index tells the screen it changed).
  await search(page, 'coopérative');
  await expect(result(page, 'São Tomé')).toBeVisible();
  await push(token, [
    { name: 'post.update', args: { id: latin, body: 'La fenêtre de la coopérative de Príncipe est repeinte.' } },
  ]);
  await expect(result(page, 'Príncipe')).toBeVisible({ timeout: 30_000 });
  await expect(result(page, 'São Tomé')).toHaveCount(0);
  await search(page, 'facade');
  await expect(page.getByText('Nothing found for “facade”')).toBeVisible();

  // The text of a downloaded PDF is searched: pdf.js extracts it once the download is verified.
  // The demo PDFs say they were "generated by the Collective Brain demo seed"; no title or summary does.
  await search(page, 'generated seed');
  await expect(page.getByText('Nothing found for “generated seed”')).toBeVisible();
  await openSection(page, 'Library');
  await page.locator('main .title-button').first().click();
  await page.getByRole('button', { name: 'Make available offline' }).first().click();
  await search(page, 'generated seed');
  await expect(page.locator('main .search-result .search-snippet mark').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('main .search-result').first()).toContainText('generated by the Collective Brain');

  // A cold start: the index is loaded from IndexedDB (or refreshed from the tables if it was not saved yet).
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await search(page, 'fenetre principe');
  await expect(result(page, 'Príncipe')).toBeVisible();

  // A delete arrives through sync: the post leaves the results.
  await push(token, [{ name: 'post.delete', args: { id: latin } }]);
  await expect(page.getByText('Nothing found for “fenetre principe”')).toBeVisible({ timeout: 30_000 });
  await search(page, 'انتاج');
  await expect(result(page, 'زيت الأركان')).toBeVisible();
});
