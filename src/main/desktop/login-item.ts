import { join } from 'node:path';

/** The switch a login launch carries: open in the tray, without a window, when background sync is on. */
export const HIDDEN_SWITCH = '--hidden';

export type LoginItemPlan =
  /** macOS and Windows: app.setLoginItemSettings. */
  | { kind: 'login-item'; settings: { openAtLogin: boolean; path?: string; args?: string[] } }
  /** Linux desktops: an XDG autostart entry, written or (content null) removed. */
  | { kind: 'autostart-file'; path: string; content: string | null };

export interface LoginItemInput {
  platform: NodeJS.Platform;
  enabled: boolean;
  appName: string;
  /** The running executable. */
  execPath: string;
  /** An AppImage's own path ($APPIMAGE): execPath points inside its temporary mount. */
  appImagePath?: string;
  home: string;
  xdgConfigHome?: string;
}

/** Quotes a path for a desktop entry's Exec key (the spec's reserved characters, escaped). */
export function quoteExec(path: string): string {
  return `"${path.replace(/[\\"`$]/gu, (char) => `\\${char}`)}"`;
}

/**
 * How to start the app at login on this platform, or stop doing so. Off by
 * default (Settings → Start at login). Linux has no login-item API: the XDG
 * autostart folder is what desktops read.
 */
export function loginItemPlan(input: LoginItemInput): LoginItemPlan {
  if (input.platform === 'darwin') {
    // macOS says whether the app was opened at login itself (getLoginItemSettings), so no switch is needed.
    return { kind: 'login-item', settings: { openAtLogin: input.enabled } };
  }
  if (input.platform === 'win32') {
    return {
      kind: 'login-item',
      settings: { openAtLogin: input.enabled, path: input.execPath, args: [HIDDEN_SWITCH] },
    };
  }
  const configHome =
    input.xdgConfigHome !== undefined && input.xdgConfigHome !== '' ? input.xdgConfigHome : join(input.home, '.config');
  const path = join(configHome, 'autostart', 'collective-brain.desktop');
  if (!input.enabled) return { kind: 'autostart-file', path, content: null };
  const executable =
    input.appImagePath !== undefined && input.appImagePath !== '' ? input.appImagePath : input.execPath;
  const name = input.appName.replace(/[\r\n]/gu, ' ');
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${quoteExec(executable)} ${HIDDEN_SWITCH}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  return { kind: 'autostart-file', path, content };
}

/** Whether this launch should stay in the tray: a login launch, with background sync chosen. */
export function startsHidden(input: {
  argv: readonly string[];
  openedAtLogin: boolean;
  backgroundSync: boolean;
}): boolean {
  if (!input.backgroundSync) return false;
  return input.openedAtLogin || input.argv.includes(HIDDEN_SWITCH);
}
