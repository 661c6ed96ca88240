import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, openSection, serverAndHostPerFile, signIn } from './app';

/**
 * Issue 18, People: in real Chromium against the real server, an admin
 * invites someone, who signs in with the code and sets a password; then
 * signs in again with that password. The People and Profile screens are
 * checked with axe and kept as screenshots at two sizes, in both themes,
 * in English and Arabic.
 */
const app = serverAndHostPerFile('people');

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function signOut(page: Page): Promise<void> {
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the Collective Brain' })).toBeVisible();
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1280, height: 800 },
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an admin invites someone, who signs in with the code and sets a password', async ({ page }) => {
  test.setTimeout(360_000);
  const email = `invitee-${String(Date.now())}@example.org`;
  const password = 'my very own password';
  await page.goto(app.host.launchUrl);
  await signIn(page, 'admin@example.org');

  await openSection(page, 'People');
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Demo Participant');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Display name').fill('Ana Lúcia Ferreira');
  await page.getByLabel('Role', { exact: true }).selectOption('facilitator');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const panel = page.getByRole('region', { name: 'Invitation created' });
  const code = (await panel.getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/u).textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/u);
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').first()).toContainText('Invited');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'people-invitation');
  await panel.getByRole('button', { name: 'Done' }).click();
  await screenshots(page, 'people');
  await openSection(page, 'Profile');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, 'profile');

  // The same screens in Arabic.
  await openSection(page, 'Settings');
  await page.getByLabel('Language of menus and buttons').selectOption('ar');
  await page.getByRole('navigation').getByRole('button', { name: 'الأشخاص', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'الأشخاص' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'الحسابات' })).toContainText('Ana Lúcia Ferreira');
  await screenshots(page, 'people-ar');
  await page.getByRole('navigation').getByRole('button', { name: 'الملف الشخصي', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'الملف الشخصي' })).toBeVisible();
  await screenshots(page, 'profile-ar');
  await page.getByRole('navigation').getByRole('button', { name: 'الإعدادات', exact: true }).click();
  await page.getByLabel('لغة القوائم والأزرار').selectOption('en');
  await signOut(page);

  // The invitee: the code once, and the password they choose.
  await page.getByRole('button', { name: 'I have an invitation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Join with an invitation' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Invitation code').fill(code.toLowerCase());
  await page.getByLabel('Choose a password').fill(password);
  await page.getByLabel('The same password again').fill(password);
  await screenshots(page, 'signin-invitation');
  await page.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // A facilitator, not an admin: no People in the navigation.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' })).toHaveCount(0);
  await openSection(page, 'Profile');
  await expect(page.getByLabel('The name others see')).toHaveValue('Ana Lúcia Ferreira');
  await signOut(page);

  // The code worked once; the password they chose is theirs from now on.
  await page.getByRole('button', { name: 'I have an invitation' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Invitation code').fill(code);
  await page.getByLabel('Choose a password').fill('someone else entirely');
  await page.getByLabel('The same password again').fill('someone else entirely');
  await page.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This code does not work for this email');
  await page.getByRole('button', { name: 'Sign in with a password instead' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
