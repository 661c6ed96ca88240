import { BrowserWindow, dialog, screen, type MessageBoxOptions } from 'electron';
import { CrashRecovery, type CrashChoice, type CrashPromptKind } from '../crash-recovery';
import type { ShellText } from '../shell-text';
import { placeWindow, type WindowDefaults, type WindowState } from '../window-state';
import { secureWebPreferences } from '../../shell/security';

export const WINDOW_DEFAULTS: WindowDefaults = { width: 1280, height: 800, minWidth: 960, minHeight: 600 };

export interface MainWindowOptions {
  url: string;
  preloadPath: string;
  title: string;
  /** The window icon on Linux (Windows and macOS take the app's). */
  iconPath?: string;
  saved: WindowState | null;
  /** Spell checking where it needs no downloaded dictionary (macOS's own). */
  spellcheck: boolean;
  /** Stay hidden once loaded (started at login, syncing from the tray); asked when the first paint is ready. */
  startHidden(): boolean;
  /** Closing hides the window instead (background sync), unless the app is quitting. */
  hideOnClose(): boolean;
  saveState(state: WindowState): void;
  text(): ShellText;
  quit(): void;
  log(message: string): void;
}

function stateOf(window: BrowserWindow): WindowState {
  return {
    bounds: window.getNormalBounds(),
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  };
}

/**
 * The main window: restored where it was (corrected onto a screen that
 * exists), its state saved when it closes, hidden instead of closed while
 * syncing in the background, and a crashed or hung page met with a "Reload"
 * dialog rather than a blank window.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = placeWindow(
    options.saved,
    screen.getAllDisplays().map((display) => display.workArea),
    WINDOW_DEFAULTS,
  );
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    show: false,
    title: options.title,
    ...(options.iconPath !== undefined ? { icon: options.iconPath } : {}),
    webPreferences: { ...secureWebPreferences(options.preloadPath), spellcheck: options.spellcheck },
  });
  if (placement.maximized) window.maximize();
  if (placement.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => {
    if (!options.startHidden()) window.show();
  });

  window.on('close', (event) => {
    options.saveState(stateOf(window));
    if (options.hideOnClose()) {
      event.preventDefault();
      window.hide();
    }
  });

  const recovery = new CrashRecovery({
    prompt: (kind, signal) => prompt(window, kind, signal, options.text()),
    reload: () => window.webContents.reload(),
    quit: () => options.quit(),
    windowVisible: () => window.isVisible(),
    log: (message) => options.log(message),
  });
  window.webContents.on('render-process-gone', (_event, details) => void recovery.rendererGone(details));
  window.on('unresponsive', () => void recovery.unresponsive());
  window.on('responsive', () => recovery.responsive());

  void window.loadURL(options.url);
  return window;
}

async function prompt(
  window: BrowserWindow,
  kind: CrashPromptKind,
  signal: AbortSignal,
  text: ShellText,
): Promise<CrashChoice> {
  const t = (key: string): string => text.t(`dialog.${kind}.${key}`);
  const buttons = kind === 'crashed' ? [t('reload'), t('quit')] : [t('wait'), t('reload')];
  const options: MessageBoxOptions = {
    type: 'warning',
    message: t('message'),
    detail: t('detail'),
    buttons,
    defaultId: kind === 'crashed' ? 0 : 1,
    cancelId: 0,
    noLink: true,
    signal,
  };
  const parent = window.isDestroyed() || !window.isVisible() ? null : window;
  const { response } =
    parent === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
  if (kind === 'crashed') return response === 1 ? 'quit' : 'reload';
  return response === 1 ? 'reload' : 'wait';
}
