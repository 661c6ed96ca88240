import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createFileSecretStore, plainCodec } from './file-secret-store';
import type { Host, HostPaths } from './host';

export const APP_DIR_NAME = 'collective-brain';

/**
 * XDG base-directory folders (or their macOS / Windows equivalents), or a
 * single profile folder when one is given (tests, several profiles side by side).
 */
export function nodeHostPaths(options: {
  profileDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}): HostPaths {
  if (options.profileDir !== undefined) {
    return { userData: options.profileDir, cache: join(options.profileDir, 'cache') };
  }
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'darwin') {
    return {
      userData: join(home, 'Library', 'Application Support', APP_DIR_NAME),
      cache: join(home, 'Library', 'Caches', APP_DIR_NAME),
    };
  }
  if (platform === 'win32') {
    const appData = env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
    const localAppData = env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local');
    return { userData: join(appData, APP_DIR_NAME), cache: join(localAppData, APP_DIR_NAME, 'Cache') };
  }
  const dataHome = nonEmpty(env['XDG_DATA_HOME']) ?? join(home, '.local', 'share');
  const cacheHome = nonEmpty(env['XDG_CACHE_HOME']) ?? join(home, '.cache');
  return { userData: join(dataHome, APP_DIR_NAME), cache: join(cacheHome, APP_DIR_NAME) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The OS languages as a Node process sees them: LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then ICU. */
export function nodeSystemLanguages(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = [env['LANGUAGE'], env['LC_ALL'], env['LC_MESSAGES'], env['LANG']]
    .flatMap((value) => (value ? value.split(':') : []))
    .map((tag) => tag.split('.')[0]?.replace('_', '-') ?? '')
    .filter((tag) => tag !== '' && tag !== 'C' && tag !== 'POSIX');
  const fromIcu = Intl.DateTimeFormat().resolvedOptions().locale;
  return [...new Set([...fromEnv, fromIcu])];
}

function systemOpener(platform: NodeJS.Platform): { command: string; args: (url: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  if (platform === 'win32') return { command: 'rundll32', args: (url) => ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: (url) => [url] };
}

function openWithSystem(target: string): Promise<void> {
  const opener = systemOpener(process.platform);
  return new Promise((resolve, reject) => {
    const child = spawn(opener.command, opener.args(target), { detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export interface NodeHostOptions {
  appName: string;
  appVersion: string;
  profileDir?: string;
  log?: (line: string) => void;
}

/** The host for browser mode and for tests: plain Node, no Electron. */
export function createNodeHost(options: NodeHostOptions): Host {
  const paths = nodeHostPaths({ profileDir: options.profileDir });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return {
    kind: 'browser',
    appName: options.appName,
    appVersion: options.appVersion,
    platform: process.platform,
    paths,
    // Browser mode has no OS keychain to lean on: the file is readable by its owner only.
    secrets: createFileSecretStore(join(paths.userData, 'secrets.json'), plainCodec),
    systemLanguages: () => nodeSystemLanguages(),
    openExternal: (url) => openWithSystem(url),
    openPath: (path) => openWithSystem(path),
    notify(title, body) {
      log(`[notice] ${title}: ${body}`);
    },
    fetch: globalThis.fetch.bind(globalThis),
  };
}
