import type { Handlers } from '../../shared/contract';
import type { DesktopState } from '../../shared/desktop';
import { AppError } from '../../shared/result';
import type { Settings } from '../../shared/settings';
import type { Host } from '../host/host';

/** Browser mode has no tray, updater or badge: Settings says so instead of showing dead controls. */
export const BROWSER_DESKTOP_STATE: DesktopState = {
  available: false,
  update: { status: 'unsupported', reason: 'browser' },
  syncPaused: false,
};

function desktopOnly(): never {
  throw new AppError('unavailable', 'Only the desktop app can do this; the browser mode cannot.');
}

/**
 * The `desktop` namespace where the app runs in a browser: state says there
 * is no desktop shell, notifications go to the host (a log line in Node), the
 * badge and the tray's sync report have nowhere to go.
 */
export function browserDesktopHandlers(host: Host, settings: () => Settings): Handlers<'desktop'> {
  return {
    state: () => BROWSER_DESKTOP_STATE,
    checkForUpdates: desktopOnly,
    downloadUpdate: desktopOnly,
    installUpdate: desktopOnly,
    setSyncPaused: desktopOnly,
    setBadgeCount: () => null,
    reportSync: () => null,
    notify: ({ title, body }) => {
      if (!settings().muteNotifications) host.notify(title, body);
      return null;
    },
  };
}
