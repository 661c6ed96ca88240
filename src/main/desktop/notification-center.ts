import type { NavSection, NavTarget, NotificationKind } from '../../shared/desktop';

export interface DesktopNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where its producer says a click should go; checked against the kind by routeOf. */
  target?: NavTarget;
}

/** Where a notification of each kind may lead, and where it goes when its target does not fit. */
const ROUTES: Record<NotificationKind, { screens: readonly NavTarget['screen'][]; fallback: NavSection }> = {
  reply: { screens: ['thread'], fallback: 'forum' },
  mention: { screens: ['thread'], fallback: 'forum' },
  // A refused write is fixed where it was made (its thread) or in the Sync center, which lists them all.
  'write-refused': { screens: ['thread', 'section'], fallback: 'sync' },
  // Main knows the files' hashes, not the documents: the Sync center lists what was downloaded.
  'download-finished': { screens: ['section'], fallback: 'sync' },
  'update-ready': { screens: ['section'], fallback: 'settings' },
  'storage-full': { screens: ['section'], fallback: 'sync' },
  // A translated post opens in its thread; a translated news item in the News section.
  translated: { screens: ['thread', 'section'], fallback: 'news' },
};

/**
 * The screen a click on a notification opens: its own target when that suits
 * its kind (a reply opens its thread), else the kind's screen. A section
 * target must be the kind's own section: a download notice never opens Settings.
 */
export function routeOf(notification: Pick<DesktopNotification, 'kind' | 'target'>): NavTarget {
  const route = ROUTES[notification.kind];
  const { target } = notification;
  if (target !== undefined && route.screens.includes(target.screen)) {
    if (target.screen !== 'section' || target.section === route.fallback) return target;
  }
  return { screen: 'section', section: route.fallback };
}

/**
 * News the window shows by itself while the user looks at it. A refused write
 * and a ready update are told even then: they wait for the user to act.
 */
const SHOWN_IN_APP = new Set<NotificationKind>(['reply', 'mention', 'download-finished', 'translated']);

export type NotificationOutcome = 'shown' | 'muted' | 'do-not-disturb' | 'app-in-front' | 'unsupported';

/** How the OS shows one; `onClick` runs when the user clicks it. */
export interface NotificationPort {
  isSupported(): boolean;
  show(content: { title: string; body: string }, onClick: () => void): void;
}

export interface NotificationCenterOptions {
  port: NotificationPort;
  /** The user muted notifications in Settings. */
  muted(): boolean;
  /**
   * The OS's Do Not Disturb, where the app can read it; undefined where it
   * cannot (then the OS applies it itself: notifications are shown with normal
   * urgency, never as critical or persistent alerts that would break through).
   */
  doNotDisturb(): boolean | undefined;
  /** The app's window is visible and focused: it shows the news itself. */
  appInFront(): boolean;
  /** A click: bring the window up and open this place. */
  activate(target: NavTarget): void;
}

/** Decides whether a notification may be shown, shows it, and routes its click. */
export class NotificationCenter {
  constructor(private readonly options: NotificationCenterOptions) {}

  show(notification: DesktopNotification): NotificationOutcome {
    const { port } = this.options;
    if (this.options.muted()) return 'muted';
    if (this.options.doNotDisturb() === true) return 'do-not-disturb';
    if (SHOWN_IN_APP.has(notification.kind) && this.options.appInFront()) return 'app-in-front';
    if (!port.isSupported()) return 'unsupported';
    const target = routeOf(notification);
    port.show({ title: notification.title, body: notification.body }, () => this.options.activate(target));
    return 'shown';
  }
}
