import { act, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../src/shared/languages';
import { App } from '../../src/renderer/src/app/App';
import { useUiStore } from '../../src/renderer/src/app/ui-store';
import { createI18n } from '../../src/renderer/src/i18n';
import { formatBytes, formatDate, formatNumber, formatRelative, intlLocale } from '../../src/renderer/src/ui/format';
import { startInProcessApp } from '../support/in-process';
import { writeSignedInProfile } from '../support/signed-in-profile';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanupDir: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup: cleanupDir } = await makeTempDir());
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});
afterEach(async () => {
  document.documentElement.removeAttribute('dir');
  document.documentElement.removeAttribute('lang');
  await cleanupDir();
});

async function renderApp(systemLanguages: string[]): Promise<void> {
  await writeSignedInProfile(dir);
  const { api } = await startInProcessApp(dir, systemLanguages, { offline: true });
  const i18n = await createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <App api={api} />
    </I18nextProvider>,
  );
  await screen.findByRole('banner');
}

async function chooseUiLanguage(language: string): Promise<void> {
  // The first select of the settings screen; its label changes with the language.
  const [select] = screen.getAllByRole<HTMLSelectElement>('combobox');
  if (select === undefined) throw new Error('no language select');
  await act(async () => {
    select.value = language;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
  });
}

describe('UI languages and right to left', () => {
  it('lists every UI language by its own name in the settings', async () => {
    await renderApp(['en-US']);
    act(() => screen.getByRole('button', { name: 'Settings' }).click());
    const select = await screen.findByLabelText<HTMLSelectElement>('Language of menus and buttons');
    expect([...select.options].map((option) => [option.value, option.textContent, option.lang])).toEqual([
      ['en', 'English', 'en'],
      ['fr', 'Français', 'fr'],
      ['es', 'Español', 'es'],
      ['pt', 'Português', 'pt'],
      ['ar', 'العربية', 'ar'],
      ['ko', '한국어', 'ko'],
    ]);
    expect(select.options).toHaveLength(UI_LANGUAGES.length);
  });

  it('switches to Arabic at once: dir="rtl", lang="ar", Arabic text, and the same page (no reload)', async () => {
    await renderApp(['en-US']);
    const banner = screen.getByRole('banner');
    expect(document.documentElement.dir).toBe('ltr');
    act(() => screen.getByRole('button', { name: 'Settings' }).click());
    await screen.findByRole('heading', { level: 1, name: 'Settings' });

    await chooseUiLanguage('ar');
    await screen.findByRole('heading', { level: 1, name: 'الإعدادات' });
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(screen.getByRole('navigation', { name: 'القائمة الرئيسية' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'المكتبة' })).toBeDefined();
    // The shell was re-rendered in place, not reloaded or remounted.
    expect(screen.getByRole('banner')).toBe(banner);

    await chooseUiLanguage('en');
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('banner')).toBe(banner);
  });

  it.each([
    ['ar-EG', 'ar', 'rtl', 'أهلًا بك، Demo Participant'],
    ['ko-KR', 'ko', 'ltr', 'Demo Participant 님, 환영합니다'],
    ['es-MX', 'es', 'ltr', 'Hola, Demo Participant'],
    ['pt-BR', 'pt', 'ltr', 'Olá, Demo Participant'],
  ])('follows the OS language %s on first run', async (os, lang, dir, greeting) => {
    await renderApp([os]);
    await screen.findByRole('heading', { level: 1, name: greeting });
    expect(document.documentElement.lang).toBe(lang);
    expect(document.documentElement.dir).toBe(dir);
  });

  it('isolates a user name inside a translated sentence with <bdi>', async () => {
    await renderApp(['ar']);
    const heading = await screen.findByRole('heading', { level: 1, name: 'أهلًا بك، Demo Participant' });
    await waitFor(() => expect(heading.querySelector('bdi')?.textContent).toBe('Demo Participant'));
  });
});

describe('plurals and formats per language', () => {
  it('gives Arabic its six CLDR plural forms', async () => {
    const i18n = await createI18n('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => i18n.t('forum:threadCount', { count }));
    expect(forms).toEqual(['لا توجد مواضيع', 'موضوع واحد', 'موضوعان', '3 مواضيع', '11 موضوعًا', '100 موضوع']);
  });

  it('uses the one Korean form and the Romance "many" form', async () => {
    const ko = await createI18n('ko');
    expect([1, 5].map((count) => ko.t('forum:threadCount', { count }))).toEqual(['토론 1개', '토론 5개']);
    const es = await createI18n('es');
    expect([1, 2, 1_000_000].map((count) => es.t('forum:threadCount', { count }))).toEqual([
      '1 hilo',
      '2 hilos',
      '1000000 de hilos',
    ]);
  });

  it('formats numbers and dates with Intl for the UI locale, Arabic with Latin digits', () => {
    expect(intlLocale('ar')).toBe('ar-u-nu-latn');
    expect(intlLocale('fr')).toBe('fr');
    expect(formatNumber(1234, 'ar')).toMatch(/^1[^\d]?234$/u);
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatDate('2026-03-05T10:00:00Z', 'ko', { dateStyle: 'long', timeZone: 'UTC' })).toBe('2026년 3월 5일');
    expect(formatDate('2026-03-05T10:00:00Z', 'ar', { year: 'numeric', timeZone: 'UTC' })).toBe('2026');
  });

  it('writes small sizes in words, with the plural of each language, never "0B" or "784B" (issue 17, item 17)', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes');
    expect(formatBytes(784, 'en')).toBe('784 bytes');
    expect(formatBytes(1, 'fr')).toMatch(/^1\soctet$/u);
    expect(formatBytes(784, 'fr')).toMatch(/^784\soctets$/u);
    expect(formatBytes(784, 'ko')).toBe('784바이트');
    expect(formatBytes(784, 'ar')).toMatch(/^784\s\p{Script=Arabic}+$/u);
    expect(formatBytes(1024 * 1024 * 12.6, 'en')).toBe('13 MB');
  });

  it('keeps one formatter per locale and options, never one for another', () => {
    // The formatters are cached: the same call twice gives the same text, and a change of locale or
    // options is never answered from another one's formatter.
    const at = '2026-03-05T10:00:00Z';
    for (let round = 0; round < 2; round += 1) {
      expect(formatDate(at, 'en', { dateStyle: 'long', timeZone: 'UTC' })).toBe('March 5, 2026');
      expect(formatDate(at, 'fr', { dateStyle: 'long', timeZone: 'UTC' })).toBe('5 mars 2026');
      expect(formatDate(at, 'en', { year: 'numeric', timeZone: 'UTC' })).toBe('2026');
      expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
      expect(formatNumber(1234.5, 'fr')).toMatch(/^1\s234,5$/u);
      expect(formatBytes(1536, 'en')).toBe('1.5 kB');
      expect(formatBytes(1, 'en')).toBe('1 byte');
      expect(formatRelative('2026-03-04T10:00:00Z', 'en', Date.parse(at))).toBe('yesterday');
      expect(formatRelative('2026-03-04T10:00:00Z', 'fr', Date.parse(at))).toBe('hier');
    }
  });
});
