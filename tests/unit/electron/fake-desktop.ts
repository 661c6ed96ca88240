/**
 * The desktop half of the fake `electron` (see fake-electron.ts): tray,
 * menus, dialogs, screens, images, clipboard and notifications, each
 * recording what the shell asked of it so tests can read the outcome the way
 * a user would see it (the tray's tooltip and menu, the dialog's buttons).
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';

export interface FakeImage {
  readonly path: string;
  template: boolean;
  setTemplateImage(template: boolean): void;
  isEmpty(): boolean;
}

export const nativeImage = {
  createFromPath(path: string): FakeImage {
    return {
      path,
      template: false,
      setTemplateImage(template: boolean) {
        this.template = template;
      },
      isEmpty: () => false,
    };
  },
};

/** A built menu: the template it was made from, with its click handlers. */
export class FakeMenu {
  constructor(readonly items: MenuItemConstructorOptions[]) {}

  static applicationMenu: FakeMenu | null = null;

  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return new FakeMenu(template);
  }

  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }

  /** The item at this path of labels (e.g. ['Go', 'Library']), as a user would find it. */
  find(...labels: string[]): MenuItemConstructorOptions | undefined {
    let items: MenuItemConstructorOptions[] | undefined = this.items;
    let found: MenuItemConstructorOptions | undefined;
    for (const label of labels) {
      found = items?.find((item) => item.label === label);
      items = Array.isArray(found?.submenu) ? found.submenu : undefined;
    }
    return found;
  }

  /** Clicks an item as a user would: its handler runs. */
  click(...labels: string[]): void {
    const item = this.find(...labels);
    if (item?.click === undefined) throw new Error(`no clickable menu item ${labels.join(' → ')}`);
    if (item.enabled === false) throw new Error(`menu item ${labels.join(' → ')} is disabled`);
    (item.click as () => void)();
  }
}

export class FakeTray extends EventEmitter {
  static readonly created: FakeTray[] = [];
  image: FakeImage;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }

  setImage(image: FakeImage): void {
    this.image = image;
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** What a dialog was asked, and how the test answers it (the button index, or waiting for the signal). */
export interface AskedDialog {
  options: MessageBoxOptions;
  parented: boolean;
  answer(response: number): void;
  readonly withdrawn: boolean;
}

export class FakeDialog {
  /** Message boxes shown, each answered by the test. */
  readonly asked: AskedDialog[] = [];
  /** Save dialogs shown, and what the next one answers. */
  readonly savesAsked: { window: unknown; options: Record<string, unknown> }[] = [];
  saveAnswer: { canceled: boolean; filePath: string } = { canceled: true, filePath: '' };
  /** Open (folder) dialogs shown, and what the next one answers. */
  readonly opensAsked: { window: unknown; options: Record<string, unknown> }[] = [];
  openAnswer: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };

  reset(): void {
    this.asked.length = 0;
    this.savesAsked.length = 0;
    this.saveAnswer = { canceled: true, filePath: '' };
    this.opensAsked.length = 0;
    this.openAnswer = { canceled: true, filePaths: [] };
  }

  showOpenDialog(
    ...args: [Record<string, unknown>] | [unknown, Record<string, unknown>]
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    const [window, options] = args.length === 2 ? args : [null, args[0]];
    this.opensAsked.push({ window, options });
    return Promise.resolve(this.openAnswer);
  }

  showSaveDialog(
    ...args: [Record<string, unknown>] | [unknown, Record<string, unknown>]
  ): Promise<{ canceled: boolean; filePath: string }> {
    const [window, options] = args.length === 2 ? args : [null, args[0]];
    this.savesAsked.push({ window, options });
    return Promise.resolve(this.saveAnswer);
  }

  showMessageBox(...args: [MessageBoxOptions] | [unknown, MessageBoxOptions]): Promise<{ response: number }> {
    const options = args.length === 1 ? args[0] : args[1];
    return new Promise((resolve) => {
      const asked: AskedDialog = {
        options,
        parented: args.length === 2,
        answer: (response) => resolve({ response }),
        get withdrawn() {
          return options.signal?.aborted === true;
        },
      };
      // Like Electron: an aborted signal closes the box, answering its cancel button.
      options.signal?.addEventListener('abort', () => resolve({ response: options.cancelId ?? 0 }));
      this.asked.push(asked);
    });
  }
}

export interface FakeDisplay {
  workArea: { x: number; y: number; width: number; height: number };
}

export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as FakeDisplay[],
  getAllDisplays(): FakeDisplay[] {
    return screen.displays;
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    clipboard.text = text;
  },
};

export interface NotificationOptions {
  title: string;
  body: string;
  silent?: boolean;
  urgency?: string;
  timeoutType?: string;
}

/** A system notification: shown ones are listed, and a test clicks one as the user would. */
export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static supported = true;

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  constructor(readonly options: NotificationOptions) {
    super();
  }

  get title(): string {
    return this.options.title;
  }

  get body(): string {
    return this.options.body;
  }

  show(): void {
    FakeNotification.shown.push(this);
  }

  click(): void {
    this.emit('click', {});
  }
}

export function resetFakeDesktop(): void {
  FakeMenu.applicationMenu = null;
  FakeTray.created.length = 0;
  FakeNotification.shown.length = 0;
  FakeNotification.supported = true;
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  clipboard.text = '';
}
