import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, apiLogin, apiPullAll, openSection, signIn, waitForSync, serverAndHostPerFile } from './app';

/**
 * Readers' translations as a participant uses them: a demo post shows in
 * their language with a note and a way back to the original, and the
 * translation they write is shown at once and reaches the server.
 */
const app = serverAndHostPerFile('translations');

test('read a post in my language, see the original, and translate another one', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(app.host.launchUrl);
  await signIn(page); // The demo participant reads French, then English.
  await waitForSync(page);
  await openSection(page, 'Forum');
  await page
    .getByRole('button', { name: /Políticas públicas para la ESS/u })
    .first()
    .click();

  // The facilitator's Spanish post, in the moderator's English translation.
  const opening = page.getByRole('article', { name: 'Post by Demo Facilitator' });
  await expect(opening.getByRole('note')).toContainText('Translated from Spanish by Demo Moderator.');
  await expect(opening.locator('[lang="en"]').first()).toContainText('The country case studies');
  await opening.getByRole('button', { name: 'Show original' }).click();
  await expect(opening.locator('[lang="es"]').first()).toContainText('Los estudios de caso');
  await opening.getByRole('button', { name: 'Show translation' }).click();
  await expect(opening.locator('[lang="en"]').first()).toContainText('The country case studies');

  // The admin's Korean translation is one click away, under its own name, and the original one more.
  const others = opening.getByRole('group', { name: 'Also in:' });
  const korean = others.getByRole('button', { name: '한국어' });
  await expect(korean.locator('[lang="ko"]')).toHaveText('한국어');
  await korean.focus();
  await page.keyboard.press('Enter');
  await expect(opening.locator('.forum-markdown').locator('xpath=..')).toHaveAttribute('lang', 'ko');
  await expect(opening.locator('[lang="ko"]').first()).toContainText('코스타리카');
  await expect(opening.getByRole('note')).toContainText('Translated from Spanish by Demo Admin.');
  await expect(others.getByRole('button', { name: 'English' })).toBeVisible();
  await opening.getByRole('button', { name: 'Show original' }).click();
  await expect(opening.locator('[lang="es"]').first()).toContainText('Los estudios de caso');
  await others.getByRole('button', { name: 'English' }).click();
  await expect(opening.locator('[lang="en"]').first()).toContainText('The country case studies');

  // My own Spanish reply, translated into French.
  const reply = page.getByRole('article', { name: 'Post by Demo Participant' });
  await reply.getByRole('button', { name: 'Translate' }).click();
  const editor = reply.getByRole('form', { name: 'Translate' });
  await expect(editor.getByLabel('Translate into')).toHaveValue('fr');
  await expect(editor.getByLabel('Translate into')).toBeFocused();
  const body = 'Dans notre coopérative, le dialogue avec les autorités locales a été essentiel.';
  await editor.getByLabel('Translated text').fill(body);
  await page.screenshot({ path: `${SCREENSHOTS}/translation-editor-light-1280x800.png` });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await editor.getByRole('button', { name: 'Save translation' }).click();

  await expect(reply.getByRole('form')).toHaveCount(0);
  await expect(reply.locator('[lang="fr"]').first()).toContainText(body);
  await expect(reply.getByRole('note')).toContainText('Translated from Spanish by Demo Participant.');
  // Sent, then echoed back by the server.
  await expect(reply.getByRole('note')).not.toContainText('Not sent yet.', { timeout: 30_000 });

  const token = await apiLogin(app.server.url, 'moderator@example.org');
  const changes = await apiPullAll(app.server.url, token);
  expect(changes.some((change) => change.type === 'translation' && change.data?.['body'] === body)).toBe(true);
});
