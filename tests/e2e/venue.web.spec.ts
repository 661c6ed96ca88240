import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS, apiLogin, apiPullAll, openSection, signIn, waitForSync } from './app';
import { startServerProcess, type RunningServer } from './server-process';
import { startWebHost, type RunningWebHost } from './web-host';

/**
 * The venue kit as two laptops use it: two browser-mode hosts with their own
 * profiles and ports on 127.0.0.1, and one server for the internet. A
 * facilitator's laptop (A) writes a pack and an alumni archive; the archive
 * opens from file:// with its search; a participant's laptop (B) imports the
 * pack with the server stopped and hands an offline reply to A over the
 * venue network; A uploads it once the internet is back.
 */
let server: RunningServer;
let laptopA: RunningWebHost;
let laptopB: RunningWebHost;
const folders: string[] = [];

test.beforeAll(async () => {
  server = await startServerProcess();
  const profile = async (name: string): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), `cb-e2e-venue-${name}-`));
    folders.push(dir);
    return dir;
  };
  const args = ['--server', server.url, '--venue-bind', '127.0.0.1'];
  [laptopA, laptopB] = await Promise.all([
    startWebHost(await profile('a'), args),
    startWebHost(await profile('b'), args),
  ]);
});
test.afterAll(async () => {
  await laptopA.stop();
  await laptopB.stop();
  await server.dispose();
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

async function chooseEdition(section: Locator): Promise<void> {
  const select = section.getByLabel('Edition');
  const label = await select.locator('option', { hasText: 'Johannesburg' }).first().textContent();
  await select.selectOption({ label: label ?? '' });
  await section.getByLabel('Forum tags linked to it (comma-separated)').fill('academia, académie');
  await section.getByRole('button', { name: 'Prepare' }).click();
}

async function writtenTo(section: Locator, pattern: RegExp): Promise<string> {
  const status = section.getByRole('status').filter({ hasText: pattern });
  await expect(status).toBeVisible({ timeout: 60_000 });
  const path = pattern.exec((await status.textContent()) ?? '')?.[1];
  if (path === undefined) throw new Error('no path in the message');
  return path;
}

async function noSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a pack and an archive from one laptop, an offline import and a relayed reply on the other', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const a = await (await browser.newContext()).newPage();
  await a.goto(laptopA.launchUrl);
  await signIn(a, 'facilitator@example.org');
  await waitForSync(a);
  await openSection(a, 'Venue');

  // A writes a pack of the Johannesburg edition (its size is shown first).
  const exportSection = a.getByRole('region', { name: 'Make a pack for a drive' });
  await chooseEdition(exportSection);
  await expect(exportSection.getByText(/\d+ items? and \d+ files?\./u)).toBeVisible({ timeout: 30_000 });
  await exportSection.getByRole('button', { name: 'Write the pack' }).click();
  const packPath = await writtenTo(exportSection, /The pack was written to (\/.+\.cbpack)\./u);

  // …and the edition as an alumni archive, which opens from file:// with no app and no server.
  const archiveSection = a.getByRole('region', { name: 'Alumni archive' });
  await chooseEdition(archiveSection);
  await expect(archiveSection.getByText(/\d+ sessions?, \d+ documents?, \d+ discussions?\./u)).toBeVisible();
  await archiveSection.getByRole('button', { name: 'Write the archive' }).click();
  const archivePath = await writtenTo(archiveSection, /The archive was written to (\/.+?)\. Open/u);

  const site = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  const outside: string[] = [];
  site.on('request', (request) => {
    if (!request.url().startsWith('file://')) outside.push(request.url());
  });
  await site.goto(pathToFileURL(join(archivePath, 'index.html')).href);
  await expect(site.getByRole('heading', { level: 1 })).toContainText('Johannesburg');
  await noSeriousViolations(site);
  await site.screenshot({ path: `${SCREENSHOTS}/archive-index-1280x800.png` });
  // Search from the file system, folding accents: "lembrancas" finds "Lembranças".
  await site.getByRole('searchbox', { name: 'Search this archive' }).fill('lembrancas');
  await site.keyboard.press('Enter');
  await expect(site.getByRole('status')).toHaveText(/^\d+ pages? match(es)? “lembrancas”\.$/u);
  const hit = site.getByRole('link', { name: 'Lembranças da Academia de Campinas' });
  await expect(hit).toBeVisible();
  await noSeriousViolations(site);
  await site.screenshot({ path: `${SCREENSHOTS}/archive-search-1280x800.png` });
  await hit.click();
  await expect(site.getByRole('heading', { level: 1 })).toHaveText('Lembranças da Academia de Campinas');
  await expect(site.getByText('Quem participou da Academia')).toBeVisible();
  expect(outside).toEqual([]);

  // B knows the server's key (learned at sign-in), then the internet goes away.
  const b = await (await browser.newContext()).newPage();
  await b.goto(laptopB.launchUrl);
  await signIn(b, 'participant@example.org');
  await waitForSync(b);
  await openSection(b, 'Venue');
  await expect(b.getByText(/Packs are checked against your server's key/u)).toBeVisible({ timeout: 30_000 });
  await server.stop();

  // B imports the pack from the drive with no server.
  const importSection = b.getByRole('region', { name: 'Import a pack' });
  await importSection.getByLabel('Pack folder').fill(packPath);
  await importSection.getByRole('button', { name: 'Check' }).click();
  await expect(importSection.getByText(/Johannesburg/u).first()).toBeVisible();
  await importSection.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importSection.getByRole('status').filter({ hasText: /is on this computer/u })).toBeVisible({
    timeout: 60_000,
  });

  // B replies offline; the reply waits in its outbox.
  const body = `Handed over the venue network, ${Date.now()}.`;
  await openSection(b, 'Forum');
  await b.getByRole('button', { name: 'Lembranças da Academia de Campinas' }).first().click();
  await b.getByLabel('Reply text').fill(body);
  await b.getByRole('button', { name: 'Send reply' }).click();
  await expect(b.getByRole('article').filter({ hasText: body })).toBeVisible();

  // A shares on the venue network; B pairs with the code on A's screen and hands the reply over.
  await a.getByRole('button', { name: 'Start sharing' }).click();
  const shareCard = a.getByRole('region', { name: 'Share on the venue network' }).getByRole('status');
  const code = (await shareCard.locator('.venue-code').textContent()) ?? '';
  const address = (await shareCard.getByText(/^127\.0\.0\.1:\d+$/u).textContent()) ?? '';
  await openSection(b, 'Venue');
  const connect = b.getByRole('region', { name: 'Connect to a venue host' });
  await connect.getByLabel('Address').fill(address);
  await connect.getByLabel('Code').fill(code);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect.getByText('Connected to Demo Facilitator.').first()).toBeVisible();
  await connect.getByRole('button', { name: 'Hand my unsent writes to the host' }).click();
  await expect(connect.getByText('1 write handed to the venue host.')).toBeVisible();
  await expect(shareCard).toContainText('1 write waiting for the internet');
  await openSection(b, 'Sync center');
  await expect(b.getByText('Handed to the venue host').first()).toBeVisible();

  // The internet is back: A uploads the drop box; the reply lands once, as B's author.
  await server.restart();
  await expect(shareCard).toContainText('0 writes waiting for the internet', { timeout: 60_000 });
  const token = await apiLogin(server.url, 'moderator@example.org');
  const replies = (await apiPullAll(server.url, token)).filter(
    (change) => change.type === 'post' && change.data?.['body'] === body,
  );
  expect(replies).toHaveLength(1);
  await openSection(b, 'Venue');
  await connect.getByRole('button', { name: 'Check delivery' }).click();
  await expect(connect.getByRole('status').filter({ hasText: /delivered\./u })).toBeVisible();
  await openSection(b, 'Forum');
  await b.getByRole('button', { name: 'Lembranças da Academia de Campinas' }).first().click();
  await expect(b.getByRole('article').filter({ hasText: body }).getByText('Sent', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  expect(
    (await apiPullAll(server.url, token)).filter((change) => change.type === 'post' && change.data?.['body'] === body),
  ).toHaveLength(1);
});
