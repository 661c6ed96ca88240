import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { startInProcessApp } from '../support/in-process';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(() => cleanup());

describe('settings', () => {
  it('follows the OS language on first run and writes the file', async () => {
    const { api } = await startInProcessApp(dir, ['fr-FR', 'en-US']);
    const settings = await api.settings.get();
    expect(settings).toEqual({
      ok: true,
      value: {
        uiLanguage: 'fr',
        contentLanguages: ['fr', 'en'],
        theme: 'system',
        serverUrl: 'http://127.0.0.1:8787',
        downloadPolicy: 'manual',
        storageCapMb: 2048,
        allowInsecureHttp: false,
        metered: false,
        updateChannel: 'stable',
        muteNotifications: false,
        startAtLogin: false,
        backgroundSync: false,
      },
    });
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(stored).toEqual(settings.ok ? settings.value : null);
  });

  it('keeps the user choice over the OS language on the next start', async () => {
    const first = await startInProcessApp(dir, ['fr-FR']);
    expect((await first.api.settings.set({ uiLanguage: 'en', theme: 'dark' })).ok).toBe(true);
    const second = await startInProcessApp(dir, ['fr-FR']);
    const settings = await second.api.settings.get();
    expect(settings.ok && settings.value.uiLanguage).toBe('en');
    expect(settings.ok && settings.value.theme).toBe('dark');
  });

  it('emits settings.changed after a change is saved', async () => {
    const { api } = await startInProcessApp(dir, ['en']);
    const seen: string[] = [];
    const off = api.on('settings.changed', (settings) => seen.push(settings.theme));
    await api.settings.set({ theme: 'light' });
    off();
    await api.settings.set({ theme: 'dark' });
    expect(seen).toEqual(['light']);
  });

  it('refuses invalid arguments with a named code and changes nothing', async () => {
    const { api, dispatch } = await startInProcessApp(dir, ['en']);
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    for (const input of [
      { theme: 'purple' },
      { uiLanguage: 'xx' },
      { serverUrl: 'javascript:alert(1)' },
      { serverUrl: 'https://user:secret@example.org' },
      { contentLanguages: [] },
      { contentLanguages: ['en', 'en'] },
      { unknownField: true },
      'not an object',
    ]) {
      const result = await dispatch('settings.set', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-arguments');
    }
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect((await api.settings.get()).ok).toBe(true);
  });

  it('keeps a corrupt settings file aside, loads defaults and posts a visible notice', async () => {
    await writeFile(join(dir, 'settings.json'), '{"uiLanguage": "fr", "theme": ');
    const { api } = await startInProcessApp(dir, ['fr']);
    const settings = await api.settings.get();
    expect(settings.ok && settings.value.uiLanguage).toBe('fr');
    const notices = await api.app.notices();
    expect(notices.ok && notices.value.map((n) => n.code)).toEqual(['settings-reset']);
    const files = await readdir(dir);
    const aside = files.find((name) => name.startsWith('settings.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe('{"uiLanguage": "fr", "theme": ');
    expect(notices.ok && notices.value[0]?.detail).toBe(join(dir, aside ?? ''));
    if (notices.ok && notices.value[0]) await api.app.dismissNotice({ id: notices.value[0].id });
    expect(await api.app.notices()).toEqual({ ok: true, value: [] });
  });

  it('keeps both of two changes made at once (two checkboxes clicked quickly)', async () => {
    const { api } = await startInProcessApp(dir, ['en']);
    const [first, second] = await Promise.all([
      api.settings.set({ startAtLogin: true }),
      api.settings.set({ muteNotifications: true }),
    ]);
    expect(first.ok && first.value.startAtLogin).toBe(true);
    expect(second.ok && second.value).toMatchObject({ startAtLogin: true, muteNotifications: true });
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(stored).toMatchObject({ startAtLogin: true, muteNotifications: true });
  });

  it('loads a file written by an earlier version, filling in the settings added since', async () => {
    const earlier = {
      uiLanguage: 'fr',
      contentLanguages: ['fr'],
      theme: 'dark',
      serverUrl: 'https://brain.example.org',
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(earlier));
    const { api } = await startInProcessApp(dir, ['en']);
    expect(await api.settings.get()).toEqual({
      ok: true,
      value: {
        ...earlier,
        downloadPolicy: 'manual',
        storageCapMb: 2048,
        metered: false,
        updateChannel: 'stable',
        muteNotifications: false,
        startAtLogin: false,
        backgroundSync: false,
      },
    });
    expect(await api.app.notices()).toEqual({ ok: true, value: [] });
  });

  it('treats a well-formed file with invalid values as corrupt too', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ uiLanguage: 'fr', theme: 'neon' }));
    const { api } = await startInProcessApp(dir, ['en']);
    const settings = await api.settings.get();
    expect(settings.ok && settings.value.theme).toBe('system');
    expect((await readdir(dir)).some((name) => name.startsWith('settings.corrupt-'))).toBe(true);
  });
});
