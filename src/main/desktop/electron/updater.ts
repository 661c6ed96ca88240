import type { AppLog } from '../app-log';
import type { Updater } from '../update-controller';

/**
 * electron-updater, loaded only in a packaged app (a development build has no
 * app-update.yml and nothing to update). Its feed is the `publish` section of
 * electron-builder.yml, written into the package at build time (a generic
 * HTTPS folder or GitHub releases, see docs/release.md); there is no runtime
 * switch for it, so nothing that can start the app can point it elsewhere.
 */
export async function loadUpdater(log: AppLog): Promise<Updater> {
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.error(`updater: ${String(message)}`),
    debug: () => undefined,
  };
  return autoUpdater;
}
