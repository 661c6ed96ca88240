import type { Route } from '../../app/ui-store';

/**
 * How a notification reaches the user. In the desktop app, main shows it
 * (the operating system's notification, its mute setting and whether the
 * window is in front are main's to know); in a browser, the page's own
 * Notification API does, once the user turned notifications on in Settings.
 */
export interface ActivityNotice {
  readonly kind: 'reply' | 'mention';
  /** Already in the user's language; names and titles isolated (FSI … PDI). */
  readonly title: string;
  readonly body: string;
  /** Where a click takes the user. */
  readonly route: Route;
  /** One notification per subject: a second one with the same tag replaces the first. */
  readonly tag: string;
}

/** Whether the page may show notifications: the browser supports them and the user allowed them. */
export type PagePermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function pagePermission(): PagePermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The window is in front: the user sees the news in it, so nothing pops up. */
export function pageInFront(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Shows a notice with the page's Notification API, unless the page is in
 * front, notifications are muted or not allowed. A click brings the window
 * up and opens the place (`open`). Returns whether one was shown.
 */
export function notifyInPage(notice: ActivityNotice, open: (route: Route) => void, muted: boolean): boolean {
  if (muted || pagePermission() !== 'granted' || pageInFront()) return false;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag, dir: 'auto' });
  notification.onclick = () => {
    window.focus();
    open(notice.route);
    notification.close();
  };
  return true;
}
