import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuSpec } from '../app-menu';

function toElectron(spec: MenuSpec, run: (action: MenuAction) => void): MenuItemConstructorOptions {
  const { action, submenu, ...options } = spec;
  return {
    ...options,
    ...(submenu !== undefined ? { submenu: submenu.map((item) => toElectron(item, run)) } : {}),
    ...(action !== undefined ? { click: () => run(action) } : {}),
  };
}

/** Installs the application menu built by buildAppMenu; its own actions go to `run`. */
export function applyAppMenu(specs: readonly MenuSpec[], run: (action: MenuAction) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(specs.map((spec) => toElectron(spec, run))));
}
