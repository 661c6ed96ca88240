import type { MenuItemConstructorOptions } from 'electron';
import type { NavSection } from '../../shared/desktop';
import type { AppCommandId } from '../../shared/shortcuts';
import type { ShellText } from './shell-text';

/** What a menu item does beyond Electron's built-in roles. */
export type MenuAction =
  | { kind: 'navigate'; section: NavSection }
  /** One of the page's own commands, the ones its keyboard shortcuts run. */
  | { kind: 'command'; command: AppCommandId }
  | { kind: 'documentation' }
  | { kind: 'report-problem' }
  | { kind: 'open-logs' };

type Role = NonNullable<MenuItemConstructorOptions['role']>;

/** A menu item as data: Electron's options minus `click`, plus the action the shell wires to a click. */
export interface MenuSpec {
  label?: string;
  role?: Role;
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuSpec[];
  action?: MenuAction;
}

export interface AppMenuInput {
  platform: NodeJS.Platform;
  appName: string;
  /** A packaged build: no developer tools in the View menu. */
  packaged: boolean;
  text: ShellText;
}

const separator: MenuSpec = { type: 'separator' };

/**
 * The Go menu carries the app's places with accelerators a menu can hold.
 * Inside the page the same places answer to `g h`, `g f`, `g l`, `g a`
 * (two-key sequences, which no menu accelerator can express).
 */
const GO_ITEMS: readonly { section: NavSection; key: string; accelerator?: string }[] = [
  { section: 'home', key: 'home', accelerator: 'CmdOrCtrl+1' },
  { section: 'forum', key: 'forum', accelerator: 'CmdOrCtrl+2' },
  { section: 'library', key: 'library', accelerator: 'CmdOrCtrl+3' },
  { section: 'academy', key: 'academy', accelerator: 'CmdOrCtrl+4' },
  { section: 'news', key: 'news', accelerator: 'CmdOrCtrl+5' },
  { section: 'sync', key: 'syncCenter' },
];

/**
 * The application menu for each platform's conventions: on macOS the app
 * menu (About, Settings, Services, Hide, Quit) and a Window menu with Bring
 * All to Front; on Windows and Linux a File menu with Settings and Exit/Quit,
 * About under Help. Every label is translated; built-in roles keep their
 * behaviour (Electron would otherwise label them in English).
 */
export function buildAppMenu(input: AppMenuInput): MenuSpec[] {
  const { text, appName } = input;
  const mac = input.platform === 'darwin';
  const l = (key: string): string => text.t(`menu.${key}`, { appName });
  const settingsItem: MenuSpec = {
    label: l('settings'),
    accelerator: 'CmdOrCtrl+,',
    action: { kind: 'navigate', section: 'settings' },
  };

  const appMenu: MenuSpec = {
    label: appName,
    submenu: [
      { role: 'about', label: l('about') },
      separator,
      settingsItem,
      separator,
      { role: 'services', label: l('services') },
      separator,
      { role: 'hide', label: l('hide') },
      { role: 'hideOthers', label: l('hideOthers') },
      { role: 'unhide', label: l('showAll') },
      separator,
      { role: 'quit', label: l('quit') },
    ],
  };
  const fileMenu: MenuSpec = {
    label: l('file'),
    submenu: mac
      ? [{ role: 'close', label: l('closeWindow') }]
      : [
          settingsItem,
          separator,
          { role: 'quit', label: input.platform === 'win32' ? l('exit') : l('quit'), accelerator: 'CmdOrCtrl+Q' },
        ],
  };
  const editMenu: MenuSpec = {
    label: l('edit'),
    submenu: [
      { role: 'undo', label: l('undo') },
      { role: 'redo', label: l('redo') },
      separator,
      { role: 'cut', label: l('cut') },
      { role: 'copy', label: l('copy') },
      { role: 'paste', label: l('paste') },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: l('pasteAndMatchStyle') } satisfies MenuSpec] : []),
      { role: 'delete', label: l('delete') },
      { role: 'selectAll', label: l('selectAll') },
      separator,
      { label: l('find'), accelerator: 'CmdOrCtrl+F', action: { kind: 'command', command: 'search' } },
    ],
  };
  const viewMenu: MenuSpec = {
    label: l('view'),
    submenu: [
      { role: 'reload', label: l('reload') },
      { role: 'forceReload', label: l('forceReload') },
      ...(input.packaged ? [] : [{ role: 'toggleDevTools', label: l('toggleDevTools') } satisfies MenuSpec]),
      separator,
      { role: 'resetZoom', label: l('resetZoom') },
      { role: 'zoomIn', label: l('zoomIn') },
      { role: 'zoomOut', label: l('zoomOut') },
      separator,
      { role: 'togglefullscreen', label: l('toggleFullScreen') },
    ],
  };
  const goMenu: MenuSpec = {
    label: l('go'),
    submenu: [
      ...GO_ITEMS.map(({ section, key, accelerator }): MenuSpec => ({
        label: l(key),
        ...(accelerator !== undefined ? { accelerator } : {}),
        action: { kind: 'navigate', section },
      })),
      separator,
      { label: l('back'), accelerator: mac ? 'Cmd+[' : 'Alt+Left', action: { kind: 'command', command: 'back' } },
    ],
  };
  const windowMenu: MenuSpec = {
    label: l('window'),
    submenu: mac
      ? [
          { role: 'minimize', label: l('minimize') },
          { role: 'zoom', label: l('zoom') },
          separator,
          { role: 'front', label: l('bringAllToFront') },
        ]
      : [
          { role: 'minimize', label: l('minimize') },
          { role: 'close', label: l('closeWindow') },
        ],
  };
  const helpMenu: MenuSpec = {
    label: l('help'),
    role: 'help',
    submenu: [
      { label: l('documentation'), action: { kind: 'documentation' } },
      { label: l('reportProblem'), action: { kind: 'report-problem' } },
      { label: l('openLogs'), action: { kind: 'open-logs' } },
      ...(mac ? [] : [separator, { role: 'about', label: l('about') } satisfies MenuSpec]),
    ],
  };
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, goMenu, windowMenu, helpMenu];
}
