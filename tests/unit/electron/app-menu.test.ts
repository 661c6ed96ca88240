import { describe, expect, it } from 'vitest';
import { buildAppMenu, type MenuSpec } from '../../../src/main/desktop/app-menu';
import { shellText } from '../../../src/main/desktop/shell-text';
import { UI_LANGUAGES } from '../../../src/shared/languages';

const en = shellText('en');

/** The menu as a person reads it: top-level labels, and each item as label [accelerator] or a role. */
function outline(menu: MenuSpec[]): Record<string, string[]> {
  return Object.fromEntries(
    menu.map((top) => [
      top.label ?? '?',
      (top.submenu ?? []).map((item) =>
        item.type === 'separator' ? '---' : `${item.label ?? '?'}${item.accelerator ? ` [${item.accelerator}]` : ''}`,
      ),
    ]),
  );
}

function item(menu: MenuSpec[], top: string, label: string): MenuSpec | undefined {
  return menu.find((m) => m.label === top)?.submenu?.find((i) => i.label === label);
}

describe('buildAppMenu', () => {
  it('follows macOS: the app menu with About, Settings, Services, Hide and Quit; Window with Bring All to Front', () => {
    const menu = buildAppMenu({ platform: 'darwin', appName: 'Collective Brain', packaged: true, text: en });
    expect(menu.map((m) => m.label)).toEqual(['Collective Brain', 'File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    const tree = outline(menu);
    expect(tree['Collective Brain']).toEqual([
      'About Collective Brain',
      '---',
      'Settings… [CmdOrCtrl+,]',
      '---',
      'Services',
      '---',
      'Hide Collective Brain',
      'Hide Others',
      'Show All',
      '---',
      'Quit Collective Brain',
    ]);
    expect(tree['File']).toEqual(['Close Window']);
    expect(tree['Edit']).toContain('Paste and Match Style');
    expect(tree['Window']).toEqual(['Minimize', 'Zoom', '---', 'Bring All to Front']);
    expect(tree['Help']).toEqual(['SSE Academy Website', 'Report a Problem…', 'Open Logs Folder']);
    expect(item(menu, 'Go', 'Back')?.accelerator).toBe('Cmd+[');
  });

  it('follows Windows: Settings and Exit in File, About in Help, no app menu', () => {
    const menu = buildAppMenu({ platform: 'win32', appName: 'Collective Brain', packaged: true, text: en });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    const tree = outline(menu);
    expect(tree['File']).toEqual(['Settings… [CmdOrCtrl+,]', '---', 'Exit [CmdOrCtrl+Q]']);
    expect(tree['Edit']).not.toContain('Paste and Match Style');
    expect(tree['Window']).toEqual(['Minimize', 'Close Window']);
    expect(tree['Help']).toEqual([
      'SSE Academy Website',
      'Report a Problem…',
      'Open Logs Folder',
      '---',
      'About Collective Brain',
    ]);
    expect(item(menu, 'Go', 'Back')?.accelerator).toBe('Alt+Left');
  });

  it('follows Linux: like Windows, with Quit', () => {
    const tree = outline(buildAppMenu({ platform: 'linux', appName: 'Collective Brain', packaged: true, text: en }));
    expect(tree['File']).toEqual(['Settings… [CmdOrCtrl+,]', '---', 'Quit Collective Brain [CmdOrCtrl+Q]']);
  });

  it.each(['darwin', 'win32', 'linux'] as const)(
    'on %s carries the app’s places and search as accelerators',
    (platform) => {
      const menu = buildAppMenu({ platform, appName: 'Collective Brain', packaged: true, text: en });
      expect(outline(menu)['Go']).toEqual([
        'Home [CmdOrCtrl+1]',
        'Forum [CmdOrCtrl+2]',
        'Library [CmdOrCtrl+3]',
        'Academy [CmdOrCtrl+4]',
        'News [CmdOrCtrl+5]',
        'Sync Center',
        '---',
        `Back [${platform === 'darwin' ? 'Cmd+[' : 'Alt+Left'}]`,
      ]);
      expect(item(menu, 'Go', 'Library')?.action).toEqual({ kind: 'navigate', section: 'library' });
      expect(item(menu, 'Go', 'Back')?.action).toEqual({ kind: 'command', command: 'back' });
      expect(item(menu, 'Edit', 'Search…')).toMatchObject({
        accelerator: 'CmdOrCtrl+F',
        action: { kind: 'command', command: 'search' },
      });
    },
  );

  it('has View with zoom, and developer tools only in a development build', () => {
    const packaged = outline(buildAppMenu({ platform: 'linux', appName: 'CB', packaged: true, text: en }));
    expect(packaged['View']).toEqual([
      'Reload',
      'Force Reload',
      '---',
      'Actual Size',
      'Zoom In',
      'Zoom Out',
      '---',
      'Full Screen',
    ]);
    const development = outline(buildAppMenu({ platform: 'linux', appName: 'CB', packaged: false, text: en }));
    expect(development['View']).toContain('Developer Tools');
  });

  it('keeps Electron’s roles for the standard items, under translated labels', () => {
    const menu = buildAppMenu({
      platform: 'darwin',
      appName: 'Collective Brain',
      packaged: true,
      text: shellText('fr'),
    });
    expect(menu.map((m) => m.label)).toEqual([
      'Collective Brain',
      'Fichier',
      'Édition',
      'Présentation',
      'Aller',
      'Fenêtre',
      'Aide',
    ]);
    expect(item(menu, 'Édition', 'Copier')?.role).toBe('copy');
    expect(item(menu, 'Présentation', 'Agrandir')?.role).toBe('zoomIn');
    expect(item(menu, 'Collective Brain', 'Quitter Collective Brain')?.role).toBe('quit');
  });

  it('labels every item in every interface language', () => {
    for (const language of UI_LANGUAGES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const menu = buildAppMenu({ platform, appName: 'CB', packaged: false, text: shellText(language) });
        const items = menu.flatMap((top) => [top, ...(top.submenu ?? [])]).filter((i) => i.type !== 'separator');
        // i18next answers a missing translation with its key.
        for (const entry of items) expect(entry.label, `${language} ${platform}`).toMatch(/^(?!menu\.)\S/u);
      }
    }
  });
});
