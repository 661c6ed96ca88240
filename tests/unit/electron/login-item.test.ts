import { describe, expect, it } from 'vitest';
import { loginItemPlan, quoteExec, startsHidden } from '../../../src/main/desktop/login-item';

const base = {
  appName: 'Collective Brain',
  execPath: '/opt/Collective Brain/collective-brain-desktop',
  home: '/home/ana',
};

describe('loginItemPlan', () => {
  it('on macOS and Windows, uses the login-item API (Windows launches hidden into the tray)', () => {
    expect(loginItemPlan({ ...base, platform: 'darwin', enabled: true })).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: true },
    });
    expect(loginItemPlan({ ...base, platform: 'win32', enabled: false, execPath: 'C:\\Apps\\CB.exe' })).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: false, path: 'C:\\Apps\\CB.exe', args: ['--hidden'] },
    });
  });

  it('on Linux, writes an XDG autostart entry that starts the app hidden', () => {
    const plan = loginItemPlan({ ...base, platform: 'linux', enabled: true });
    expect(plan).toEqual({
      kind: 'autostart-file',
      path: '/home/ana/.config/autostart/collective-brain.desktop',
      content: [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Collective Brain',
        'Exec="/opt/Collective Brain/collective-brain-desktop" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    });
  });

  it('on Linux, starts the AppImage itself (not its temporary mount) and honours XDG_CONFIG_HOME', () => {
    const plan = loginItemPlan({
      ...base,
      platform: 'linux',
      enabled: true,
      execPath: '/tmp/.mount_CBxyz/collective-brain-desktop',
      appImagePath: '/home/ana/Apps/Collective-Brain.AppImage',
      xdgConfigHome: '/home/ana/.cfg',
    });
    expect(plan.kind === 'autostart-file' && plan.path).toBe('/home/ana/.cfg/autostart/collective-brain.desktop');
    expect(plan.kind === 'autostart-file' && plan.content).toContain(
      'Exec="/home/ana/Apps/Collective-Brain.AppImage" --hidden',
    );
  });

  it('on Linux, removes the entry when turned off', () => {
    expect(loginItemPlan({ ...base, platform: 'linux', enabled: false })).toEqual({
      kind: 'autostart-file',
      path: '/home/ana/.config/autostart/collective-brain.desktop',
      content: null,
    });
  });

  it('quotes the Exec path against the desktop-entry reserved characters', () => {
    expect(quoteExec('/home/a "b"/$HOME/`x`\\y')).toBe('"/home/a \\"b\\"/\\$HOME/\\`x\\`\\\\y"');
  });
});

describe('startsHidden', () => {
  it('stays in the tray only for a login launch with background sync on', () => {
    expect(startsHidden({ argv: ['app', '--hidden'], openedAtLogin: false, backgroundSync: true })).toBe(true);
    expect(startsHidden({ argv: ['app'], openedAtLogin: true, backgroundSync: true })).toBe(true);
    expect(startsHidden({ argv: ['app', '--hidden'], openedAtLogin: false, backgroundSync: false })).toBe(false);
    expect(startsHidden({ argv: ['app'], openedAtLogin: false, backgroundSync: true })).toBe(false);
  });
});
