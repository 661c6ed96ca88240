import { Notification } from 'electron';
import type { NotificationPort } from '../notification-center';

/**
 * System notifications through Electron. Each is kept referenced until it is
 * clicked or closed: a notification that is garbage-collected loses its click
 * handler. Normal urgency and the default timeout, so the OS's Do Not
 * Disturb (Focus, Focus assist, GNOME's) holds them back as it does others'.
 */
export function electronNotificationPort(): NotificationPort {
  const alive = new Set<Notification>();
  return {
    isSupported: () => Notification.isSupported(),
    show(content, onClick) {
      const notification = new Notification({
        title: content.title,
        body: content.body,
        silent: false,
        urgency: 'normal',
        timeoutType: 'default',
      });
      alive.add(notification);
      const forget = (): void => {
        alive.delete(notification);
      };
      notification.on('click', () => {
        forget();
        onClick();
      });
      notification.on('close', forget);
      notification.on('failed', forget);
      notification.show();
    },
  };
}
