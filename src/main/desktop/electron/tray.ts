import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { TrayAction, TrayIcon, TrayView } from '../tray-model';

/**
 * The tray icon (menu-bar icon on macOS), drawn from a TrayView. macOS gets
 * its monochrome template image and the number of writes waiting as text
 * beside it; elsewhere the icon's dot shows the sync state.
 */
export class TrayIconController {
  private readonly tray: Tray;
  private readonly images = new Map<string, NativeImage>();
  private shown: TrayView | null = null;

  constructor(
    private readonly trayDir: string,
    private readonly platform: NodeJS.Platform,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(this.image(platform === 'darwin' ? 'trayTemplate' : 'synced'));
    // Windows and Linux: a click on the icon opens the window; the menu is on the other button.
    if (platform !== 'darwin') this.tray.on('click', () => onAction('open'));
  }

  render(view: TrayView): void {
    const previous = this.shown;
    this.shown = view;
    if (this.platform !== 'darwin' && previous?.icon !== view.icon) this.tray.setImage(this.image(view.icon));
    if (this.platform === 'darwin' && previous?.title !== view.title) this.tray.setTitle(view.title);
    if (previous?.tooltip !== view.tooltip) this.tray.setToolTip(view.tooltip);
    const template = view.items.map((item): MenuItemConstructorOptions => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'info') return { label: item.label, enabled: false };
      return { label: item.label, enabled: item.enabled, click: () => this.onAction(item.action) };
    });
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(name: TrayIcon | 'trayTemplate'): NativeImage {
    let image = this.images.get(name);
    if (image === undefined) {
      image = nativeImage.createFromPath(join(this.trayDir, `${name}.png`));
      if (name === 'trayTemplate') image.setTemplateImage(true);
      this.images.set(name, image);
    }
    return image;
  }
}
