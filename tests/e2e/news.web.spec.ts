import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, openSection, serverAndDevicesPerFile, signIn, waitForSync } from './app';

/**
 * The news team publishes while offline; once back online, a participant sees the item in their language.
 * Real Chromium, the real server (embedded PostgreSQL), the browser-mode host.
 */
const running = serverAndDevicesPerFile('news');
const device = running.device;

test('the news team publishes a bilingual item offline, and a participant reads it in French', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const french = `L'Académie 2027 ouvre ses candidatures (${stamp})`;
  const english = `The 2027 Academy opens its applications (${stamp})`;

  const team = await device(browser);
  await team.page.goto(team.host.launchUrl);
  await signIn(team.page, 'editor@example.org'); // Reads French, then English, then Spanish.
  await waitForSync(team.page);

  await running.server.stop();
  await expect(team.page.getByRole('button', { name: /^Offline/u })).toBeVisible({ timeout: 30_000 });
  await openSection(team.page, 'News');
  await team.page.getByRole('button', { name: 'Write a news item' }).click();
  const form = team.page.getByRole('form', { name: 'New news item' });
  const frenchVersion = form.getByRole('group', { name: 'French' });
  await frenchVersion.getByLabel('Title').fill(french);
  await frenchVersion.getByLabel('Text').fill('Les candidatures sont **ouvertes** jusqu’au 31 mars.');
  await form.getByLabel('Another language').selectOption('en');
  await form.getByRole('button', { name: 'Add this language' }).click();
  const englishVersion = form.getByRole('group', { name: 'English' });
  await expect(englishVersion.getByLabel('Title')).toBeFocused();
  await englishVersion.getByLabel('Title').fill(english);
  await englishVersion.getByLabel('Text').fill('Applications are **open** until 31 March.');
  await team.page.screenshot({ path: `${SCREENSHOTS}/news-editor-light-1280x800.png` });
  const results = await new AxeBuilder({ page: team.page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await form.getByRole('button', { name: 'Publish' }).click();

  // Its page, at once, from this computer: waiting to be sent, with the team's controls.
  await expect(team.page.getByRole('heading', { level: 1, name: french })).toBeVisible();
  await expect(team.page.getByText('Waiting to be sent', { exact: true })).toBeVisible();
  await expect(team.page.getByRole('group', { name: 'News team' })).toBeVisible();
  await team.page.screenshot({ path: `${SCREENSHOTS}/news-item-team-light-1280x800.png` });

  await running.server.restart();
  await expect(team.page.getByText('Waiting to be sent', { exact: true })).toHaveCount(0, { timeout: 60_000 });

  const reader = await device(browser);
  await reader.page.goto(reader.host.launchUrl);
  await signIn(reader.page, 'participant@example.org'); // Reads French, then English.
  await waitForSync(reader.page);
  await openSection(reader.page, 'Home');
  await reader.page.getByRole('button', { name: french }).click();
  await expect(reader.page.getByRole('heading', { level: 1, name: french })).toBeVisible();
  await expect(reader.page.locator('.news-item-body strong')).toHaveText('ouvertes');
  await expect(reader.page.getByRole('group', { name: 'News team' })).toHaveCount(0);
  await reader.page.getByRole('button', { name: 'English' }).click();
  await expect(reader.page.getByRole('heading', { level: 1, name: english })).toBeVisible();
});
