/**
 * `npm run tour`: a person's look at every screen. Builds the app, starts the demo server and one browser-mode
 * host per role (all on 127.0.0.1), signs in as each role and saves every screen into artifacts/tour/, at
 * 1024×640, 1280×800 and 1920×1080, light and dark, in English and Arabic; then the states a person meets:
 * empty, offline, a refused write and a conflict. artifacts/tour/index.html shows them side by side.
 *
 *   npm run tour -- [--quick] [--roles participant,facilitator] [--screens home,thread] [--languages en,fr,ko]
 *                   [--no-build] [--no-states]
 *
 * --quick: 1024×640 and 1280×800 only. --languages: other UI languages than English and Arabic (the first role
 * sees them all). Not part of `npm test`: it is for eyes, not for assertions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServerProcess, type RunningServer } from '../tests/e2e/server-process';
import { startWebHost, type RunningWebHost } from '../tests/e2e/web-host';
import { startOfflineSwitch, type OfflineSwitch } from './tour-proxy';
import { SCREENS, openSection, settle, type TourScreen } from './tour-screens';
import { seedTourContent, stateTour } from './tour-states';

const root = resolve(import.meta.dirname, '..');
const OUT = join(root, 'artifacts', 'tour');
export const PASSWORD = 'collective-brain';
const ROLES = ['participant', 'facilitator', 'moderator', 'admin'] as const;
type Role = (typeof ROLES)[number];
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['light', 'dark'] as const;
const LANGUAGES = ['en', 'ar'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    roles: { type: 'string' },
    screens: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-states': { type: 'boolean', default: false },
    languages: { type: 'string' },
  },
  strict: true,
});
const sizes = values.quick ? SIZES.slice(0, 2) : SIZES;
const roles = (values.roles?.split(',') ?? ROLES).filter((role): role is Role => ROLES.includes(role as Role));
const onlyScreens = values.screens?.split(',');
const languages = values.languages?.split(',') ?? LANGUAGES;
const shots: { role: string; screen: string; file: string }[] = [];

export interface Device {
  readonly role: Role;
  readonly page: Page;
  readonly host: RunningWebHost;
  readonly network: OfflineSwitch;
  close(): Promise<void>;
}

function chromiumPath(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

async function device(browser: Browser, server: RunningServer, role: Role): Promise<Device> {
  const profile = await mkdtemp(join(tmpdir(), `cb-tour-${role}-`));
  const network = await startOfflineSwitch(server.url);
  const host = await startWebHost(profile, ['--server', network.url]);
  const context = await browser.newContext({ viewport: SIZES[1] });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`[${role}] page error: ${error.message}`));
  return {
    role,
    page,
    host,
    network,
    close: async () => {
      await context.close();
      await host.stop();
      await network.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, role: string): Promise<void> {
  await page.locator('.signin-card input[type="email"]').fill(`${role}@example.org`);
  await page.locator('.signin-card input[type="password"]').fill(PASSWORD);
  await page.locator('.signin-card button[type="submit"]').click();
  await page.locator('.app-nav').waitFor({ timeout: 30_000 });
}

async function waitForFirstSync(page: Page): Promise<void> {
  await page.locator('[data-sync-state="synced"], .sync-synced').first().waitFor({ timeout: 120_000 });
}

async function setLanguage(page: Page, language: string): Promise<void> {
  await openSection(page, 'settings');
  await page.locator(`main select:has(option[value="${language}"][lang="${language}"])`).first().selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ timeout: 10_000 });
}

/** Saves the page at every size, in the current theme and language. */
export async function capture(
  page: Page,
  role: string,
  screen: string,
  variant: string,
  only: readonly { width: number; height: number }[] = sizes,
): Promise<void> {
  for (const size of only) {
    await page.setViewportSize(size);
    await settle(page);
    const file = join(OUT, role, `${screen}-${variant}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file });
    shots.push({ role, screen, file: relative(OUT, file) });
  }
  await page.setViewportSize(SIZES[1]);
}

function wanted(screen: TourScreen, role: Role): boolean {
  if (onlyScreens !== undefined && !onlyScreens.includes(screen.name)) return false;
  return screen.roles === undefined || screen.roles.includes(role);
}

async function tourRole(browser: Browser, server: RunningServer, role: Role, first: boolean): Promise<void> {
  const dev = await device(browser, server, role);
  const { page } = dev;
  try {
    await page.goto(dev.host.launchUrl);
    // The first load compiles a large bundle: on a busy machine that takes longer than a click's wait.
    await page.locator('.signin-card').waitFor({ timeout: 120_000 });
    if (first && (onlyScreens === undefined || onlyScreens.includes('sign-in'))) {
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        await capture(page, role, 'sign-in', `en-${theme}`);
      }
    }
    await signIn(page, role);
    await waitForFirstSync(page);
    // The participant sees everything in both languages and themes; the other roles in English, light, at
    // the middle size, except the screens only they have.
    const full = first;
    for (const language of languages) {
      if (!full && language !== 'en') continue;
      await setLanguage(page, language);
      for (const theme of THEMES) {
        if (!full && theme !== 'light') continue;
        await page.emulateMedia({ colorScheme: theme });
        for (const screen of SCREENS) {
          if (!wanted(screen, role)) continue;
          const matrix = full || screen.roles !== undefined;
          try {
            await screen.open(page);
            await capture(page, role, screen.name, `${language}-${theme}`, matrix ? sizes : [SIZES[1]]);
            await screen.close?.(page);
          } catch (error) {
            console.warn(`[${role}] ${screen.name} (${language}, ${theme}) failed: ${(error as Error).message}`);
            await page.screenshot({ path: join(OUT, role, `FAILED-${screen.name}-${language}-${theme}.png`) });
          }
          await page.keyboard.press('Escape');
        }
      }
      if (full && language === 'ar' && (onlyScreens === undefined || onlyScreens.includes('sign-in'))) {
        // The sign-in screen in Arabic: sign out (the language stays), look, sign in again.
        await openSection(page, 'settings');
        await page.locator('main fieldset').first().locator('.choice-row button').first().click();
        await page.locator('.signin-card').waitFor();
        for (const theme of THEMES) {
          await page.emulateMedia({ colorScheme: theme });
          await capture(page, role, 'sign-in', `ar-${theme}`);
        }
        await signIn(page, role);
      }
    }
    await setLanguage(page, 'en');
    if (first && !values['no-states']) await stateTour(dev, server, capture);
  } finally {
    await dev.close();
  }
}

async function writeIndex(): Promise<void> {
  const rows = shots
    .map(
      (shot) =>
        `<figure><a href="${shot.file}"><img loading="lazy" src="${shot.file}" alt=""></a><figcaption>${shot.file}</figcaption></figure>`,
    )
    .join('\n');
  await writeFile(
    join(OUT, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Collective Brain: the tour</title><style>body{font:14px system-ui;margin:16px}figure{display:inline-block;margin:8px;width:320px}img{width:100%;border:1px solid #ccc}figcaption{font-size:12px;word-break:break-all}</style>\n${rows}\n`,
  );
}

async function main(): Promise<void> {
  if (!values['no-build']) {
    console.log('--- building the app');
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  await rm(OUT, { recursive: true, force: true });
  for (const role of roles) await mkdir(join(OUT, role), { recursive: true });
  await mkdir(join(OUT, 'states'), { recursive: true });
  console.log('--- starting the demo server (embedded PostgreSQL)');
  const server = await startServerProcess();
  await seedTourContent(server);
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath !== undefined ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    for (const [index, role] of roles.entries()) {
      console.log(`--- ${role}`);
      await tourRole(browser, server, role, index === 0);
    }
  } finally {
    await browser.close();
    await server.dispose();
    await writeIndex();
  }
  console.log(`--- ${shots.length} screenshots in ${relative(root, OUT)}/ (open index.html)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
