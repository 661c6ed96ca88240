import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretStore, plainCodec } from '../../src/main/host/file-secret-store';
import { nodeHostPaths, nodeSystemLanguages } from '../../src/main/host/node-host';
import { makeTempDir } from '../support/temp-dir';

describe('node host paths', () => {
  it('uses XDG folders on Linux', () => {
    expect(nodeHostPaths({ platform: 'linux', home: '/home/ana', env: {} })).toEqual({
      userData: '/home/ana/.local/share/collective-brain',
      cache: '/home/ana/.cache/collective-brain',
    });
    expect(
      nodeHostPaths({ platform: 'linux', home: '/home/ana', env: { XDG_DATA_HOME: '/data', XDG_CACHE_HOME: '/c' } }),
    ).toEqual({ userData: '/data/collective-brain', cache: '/c/collective-brain' });
  });

  it('keeps everything in the profile folder when one is given', () => {
    expect(nodeHostPaths({ profileDir: '/tmp/p' })).toEqual({ userData: '/tmp/p', cache: '/tmp/p/cache' });
  });

  it('reads the OS languages from the locale environment', () => {
    expect(nodeSystemLanguages({ LANGUAGE: 'fr_CA:en', LANG: 'pt_BR.UTF-8' }).slice(0, 3)).toEqual([
      'fr-CA',
      'en',
      'pt-BR',
    ]);
    expect(nodeSystemLanguages({ LANG: 'C' })).not.toContain('C');
  });
});

describe('file secret store', () => {
  it('keeps secrets in a file only its owner can read', async () => {
    const { dir, cleanup } = await makeTempDir();
    const path = join(dir, 'nested', 'secrets.json');
    const store = createFileSecretStore(path, plainCodec);
    expect(store.encrypted).toBe(false);
    expect(await store.get('token')).toBeNull();
    await store.set('token', 'abc');
    await store.set('other', 'def');
    expect(await store.get('token')).toBe('abc');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await store.delete('token');
    expect(await store.get('token')).toBeNull();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ other: 'def' });
    await cleanup();
  });
});
