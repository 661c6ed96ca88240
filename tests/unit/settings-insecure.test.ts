import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHost } from '../../src/main/host/node-host';
import { createServices } from '../../src/main/services';
import { EventBus } from '../../src/main/services/events';
import { isInsecureServerUrl, SettingsPatchSchema, SettingsSchema } from '../../src/shared/settings';
import { parseLaunchOptions } from '../../src/main/launch-options';
import { makeTempDir } from '../support/temp-dir';
import { startInProcessApp } from '../support/in-process';

/**
 * Plain http:// carries the password and everything synced in clear: it is
 * refused for any server but this computer, unless the user turns on the
 * clearly labelled insecure option. Checked in the shared schema and in main.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(() => cleanup());

describe('which addresses are insecure', () => {
  it.each([
    ['http://brain.example.org', true],
    ['http://10.0.0.2:8787', true],
    ['http://127.0.0.1:8787', false],
    ['http://127.9.9.9', false],
    ['http://localhost:8787', false],
    ['http://[::1]:8787', false],
    ['https://brain.example.org', false],
    ['http://127.0.0.1.nip.io', true],
    ['http://localhost.example.org', true],
  ])('%s: %s', (url, insecure) => {
    expect(isInsecureServerUrl(url)).toBe(insecure);
  });

  it('the schema refuses an insecure address unless insecure connections are on', () => {
    const base = {
      uiLanguage: 'en',
      contentLanguages: ['en'],
      theme: 'system',
      serverUrl: 'http://brain.example.org',
      downloadPolicy: 'manual',
      storageCapMb: 2048,
    };
    expect(SettingsSchema.safeParse(base).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...base, allowInsecureHttp: true }).success).toBe(true);
    expect(SettingsSchema.safeParse({ ...base, serverUrl: 'https://brain.example.org' }).success).toBe(true);
  });
});

describe('the settings service', () => {
  it('refuses plain http:// to another computer with a named code, and accepts it once the user allows it', async () => {
    const { api } = await startInProcessApp(dir, ['en']);
    expect(await api.settings.set({ serverUrl: 'http://brain.example.org' })).toMatchObject({
      ok: false,
      error: { code: 'insecure-server' },
    });
    expect(
      await api.session.login({ email: 'a@example.org', password: 'x', serverUrl: 'http://brain.example.org' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'insecure-server' },
    });
    expect(await api.settings.set({ serverUrl: 'http://127.0.0.1:9000' })).toMatchObject({ ok: true });
    expect(await api.settings.set({ serverUrl: 'http://brain.example.org', allowInsecureHttp: true })).toMatchObject({
      ok: true,
      value: { serverUrl: 'http://brain.example.org', allowInsecureHttp: true },
    });
    // It cannot be turned off while the address needs it.
    expect(await api.settings.set({ allowInsecureHttp: false })).toMatchObject({
      ok: false,
      error: { code: 'insecure-server' },
    });
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { allowInsecureHttp: boolean };
    expect(stored.allowInsecureHttp).toBe(true);
  });

  it('keeps an insecure address chosen before the option existed, with the option on (and its warning)', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        uiLanguage: 'fr',
        contentLanguages: ['fr'],
        theme: 'dark',
        serverUrl: 'http://lan-server:8787',
        downloadPolicy: 'manual',
        storageCapMb: 2048,
      }),
    );
    const { api } = await startInProcessApp(dir, ['en']);
    expect(await api.settings.get()).toMatchObject({
      ok: true,
      value: { uiLanguage: 'fr', serverUrl: 'http://lan-server:8787', allowInsecureHttp: true },
    });
    expect(await api.app.notices()).toEqual({ ok: true, value: [] });
  });

  it('does not take an insecure address from the --server switch either, and says so', async () => {
    expect(parseLaunchOptions(['--server=http://brain.example.org']).serverUrl).toBe('http://brain.example.org');
    const host = { ...createNodeHost({ appName: 'CB', appVersion: '0', profileDir: dir, log: () => undefined }) };
    const services = await createServices({
      host,
      events: new EventBus(),
      serverUrlOverride: 'http://brain.example.org',
    });
    try {
      expect(services.settings.get().serverUrl).toBe('http://127.0.0.1:8787');
      expect(services.notices.list()).toMatchObject([{ code: 'server-refused', detail: 'http://brain.example.org' }]);
    } finally {
      await services.close();
    }
    expect(SettingsPatchSchema.safeParse({ allowInsecureHttp: 'yes' }).success).toBe(false);
  });
});
