import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { app, nativeImage, type BrowserWindow } from 'electron';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { AppLog } from '../app-log';
import { badgePlan } from '../badge';
import { loginItemPlan } from '../login-item';
import type { ShellText } from '../shell-text';

/** The unread-activity count on the dock or launcher (app.setBadgeCount), or as a taskbar overlay on Windows. */
export function showBadge(
  count: number,
  options: { window: BrowserWindow | null; text: ShellText; resourcesDir: string },
): void {
  const plan = badgePlan(process.platform, count);
  if (plan.kind === 'app-count') {
    app.setBadgeCount(plan.count);
    return;
  }
  const { window, text } = options;
  if (window === null || window.isDestroyed()) return;
  if (plan.count === 0) {
    window.setOverlayIcon(null, '');
    return;
  }
  window.setOverlayIcon(
    nativeImage.createFromPath(join(options.resourcesDir, 'tray', 'badge-overlay.png')),
    text.t('badge', { count: plan.count, formatted: text.count(plan.count) }),
  );
}

/**
 * Start at login, on or off, the platform's way (see loginItemPlan). Only an
 * installed app registers itself: a development build would register the
 * development Electron.
 */
export async function applyLoginItem(enabled: boolean, options: { packaged: boolean; log: AppLog }): Promise<void> {
  if (!options.packaged) {
    options.log.info('start at login is only set up for an installed app');
    return;
  }
  const plan = loginItemPlan({
    platform: process.platform,
    enabled,
    appName: app.getName(),
    execPath: process.execPath,
    ...(process.env['APPIMAGE'] !== undefined ? { appImagePath: process.env['APPIMAGE'] } : {}),
    home: homedir(),
    ...(process.env['XDG_CONFIG_HOME'] !== undefined ? { xdgConfigHome: process.env['XDG_CONFIG_HOME'] } : {}),
  });
  try {
    if (plan.kind === 'login-item') {
      app.setLoginItemSettings(plan.settings);
    } else if (plan.content === null) {
      await rm(plan.path, { force: true });
    } else {
      await mkdir(dirname(plan.path), { recursive: true });
      await writeFileAtomic(plan.path, plan.content);
    }
  } catch (error) {
    options.log.error('could not change start at login', error);
  }
}
