import { pageAttended } from '../../app/attention';
import type { Api } from '../../../../shared/contract';
import type { NavTarget } from '../../../../shared/desktop';

/**
 * How a notification reaches the user. In the desktop app, main shows it
 * (the operating system's notification, its mute setting, Do Not Disturb and
 * whether the window is in front are main's to know); in a browser, the
 * page's own Notification API does, once the user turned notifications on in
 * Settings. Either way the notice is the same, made once from the activity
 * rows (see ActivityWatcher): nothing else decides what concerns the user.
 */
export interface ActivityNotice {
  readonly kind: 'reply' | 'mention';
  /** Already in the user's language; names and titles isolated (FSI … PDI). */
  readonly title: string;
  readonly body: string;
  /** Where a click takes the user: the post, or Activity for a summary of many. */
  readonly target: NavTarget;
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
  return pageAttended();
}

/**
 * Shows a notice with the page's Notification API, unless the page is in
 * front, notifications are muted or not allowed. A click brings the window
 * up and opens the place (`open`). Returns whether one was shown.
 */
export function notifyInPage(notice: ActivityNotice, open: (target: NavTarget) => void, muted: boolean): boolean {
  if (muted || pagePermission() !== 'granted' || pageInFront()) return false;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag, dir: 'auto' });
  notification.onclick = () => {
    window.focus();
    open(notice.target);
    notification.close();
  };
  return true;
}

/** Where notices go: the desktop shell (which routes clicks itself), or this page. */
export type NoticeChannel = 'desktop' | 'page';

/** Sends one notice down its channel; the desktop shell's answer is not waited on for anything but errors. */
export async function deliverNotice(
  api: Api,
  channel: NoticeChannel,
  notice: ActivityNotice,
  { open, muted }: { open: (target: NavTarget) => void; muted: boolean },
): Promise<void> {
  if (channel === 'page') {
    notifyInPage(notice, open, muted);
    return;
  }
  const result = await api.desktop.notify({
    kind: notice.kind,
    title: notice.title.slice(0, 200),
    body: notice.body.slice(0, 500),
    target: notice.target,
  });
  if (!result.ok) console.warn('activity: the desktop shell could not show a notification', result.error.code);
}
