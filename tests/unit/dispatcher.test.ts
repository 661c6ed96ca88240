import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type AllHandlers } from '../../src/shared/contract';
import { AppError } from '../../src/shared/result';
import { createDispatcher } from '../../src/main/services/dispatcher';
import { makeTempDir } from '../support/temp-dir';
import { startInProcessApp } from '../support/in-process';

describe('dispatcher', () => {
  it('answers every declared channel and nothing else', async () => {
    const { dir, cleanup } = await makeTempDir();
    const { dispatch } = await startInProcessApp(dir, ['en']);
    expect(CHANNELS).toEqual(
      expect.arrayContaining(['app.info', 'app.notices', 'settings.get', 'settings.set', 'shell.openExternal']),
    );
    for (const channel of ['app.nope', 'constructor.name', '__proto__.x', 'app', 'app.info.extra', '']) {
      const result = await dispatch(channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    await cleanup();
  });

  it('returns app.info from the host', async () => {
    const { dir, cleanup } = await makeTempDir();
    const { api } = await startInProcessApp(dir, ['en']);
    const info = await api.app.info();
    expect(info).toMatchObject({
      ok: true,
      value: { version: '0.0.0-test', hostKind: 'browser', platform: process.platform },
    });
    await cleanup();
  });

  it('turns thrown AppErrors into their code and anything else into internal, without leaking details', async () => {
    const onInternalError = vi.fn();
    const fakeHandlers = {
      app: {
        info: () => {
          throw new AppError('unavailable', 'host is gone');
        },
        notices: () => {
          throw new Error('secret stack detail');
        },
        dismissNotice: () => null,
      },
    } as unknown as AllHandlers; // only the namespace under test is needed
    const dispatch = createDispatcher(fakeHandlers, { onInternalError });
    expect(await dispatch('app.info', undefined)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'host is gone' },
    });
    const internal = await dispatch('app.notices', undefined);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret stack detail');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses shell.openExternal for links off the allow-list', async () => {
    const { dir, cleanup } = await makeTempDir();
    const { api } = await startInProcessApp(dir, ['en']);
    expect(await api.shell.openExternal({ url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'external-url-refused' },
    });
    await cleanup();
  });
});
