import { describe, expect, it, vi } from 'vitest';
import {
  NotificationCenter,
  routeOf,
  type DesktopNotification,
  type NotificationPort,
} from '../../../src/main/desktop/notification-center';
import type { NavTarget, NotificationKind } from '../../../src/shared/desktop';

const THREAD = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001';
const POST = '7d3c1a90-2b1e-4f6a-8c2d-9e0f1a2b3c4d';
const thread: NavTarget = { screen: 'thread', threadId: THREAD, postId: POST };
const section = (name: 'home' | 'forum' | 'library' | 'sync' | 'settings'): NavTarget => ({
  screen: 'section',
  section: name,
});

describe('routeOf: where a click on a notification goes', () => {
  it.each<[NotificationKind, NavTarget | undefined, NavTarget]>([
    ['reply', thread, thread],
    ['mention', thread, thread],
    ['write-refused', thread, thread],
    ['write-refused', section('sync'), section('sync')],
    ['download-finished', undefined, section('sync')],
    ['update-ready', undefined, section('settings')],
    ['storage-full', undefined, section('sync')],
    // A target that does not suit the kind falls back to the kind's own screen.
    ['reply', section('settings'), section('forum')],
    ['reply', { screen: 'document', documentId: THREAD }, section('forum')],
    ['mention', undefined, section('forum')],
    ['write-refused', section('settings'), section('sync')],
    ['download-finished', section('settings'), section('sync')],
    ['download-finished', thread, section('sync')],
    ['update-ready', section('home'), section('settings')],
  ])('a %s notification aimed at %j opens %j', (kind, target, expected) => {
    expect(routeOf({ kind, ...(target !== undefined ? { target } : {}) })).toEqual(expected);
  });
});

function center(options: { muted?: boolean; dnd?: boolean; inFront?: boolean; supported?: boolean } = {}): {
  center: NotificationCenter;
  shown: { title: string; body: string; click: () => void }[];
  activate: ReturnType<typeof vi.fn>;
} {
  const shown: { title: string; body: string; click: () => void }[] = [];
  const port: NotificationPort = {
    isSupported: () => options.supported ?? true,
    show: (content, onClick) => shown.push({ ...content, click: onClick }),
  };
  const activate = vi.fn<(target: NavTarget) => void>();
  return {
    center: new NotificationCenter({
      port,
      muted: () => options.muted ?? false,
      doNotDisturb: () => options.dnd,
      appInFront: () => options.inFront ?? false,
      activate,
    }),
    shown,
    activate,
  };
}

const reply: DesktopNotification = {
  kind: 'reply',
  title: 'Amina replied',
  body: 'In “Solidarity finance”',
  target: thread,
};

describe('NotificationCenter', () => {
  it('shows a notification and, on click, opens the screen it is about', () => {
    const { center: notifications, shown, activate } = center();
    expect(notifications.show(reply)).toBe('shown');
    expect(shown).toMatchObject([{ title: 'Amina replied', body: 'In “Solidarity finance”' }]);
    shown[0]?.click();
    expect(activate).toHaveBeenCalledExactlyOnceWith(thread);
  });

  it('shows nothing when the user muted notifications', () => {
    const { center: notifications, shown } = center({ muted: true });
    for (const kind of ['reply', 'mention', 'write-refused', 'download-finished', 'update-ready'] as const) {
      expect(notifications.show({ ...reply, kind })).toBe('muted');
    }
    expect(shown).toEqual([]);
  });

  it('respects Do Not Disturb where the OS tells it', () => {
    const { center: notifications, shown } = center({ dnd: true });
    expect(notifications.show(reply)).toBe('do-not-disturb');
    expect(shown).toEqual([]);
  });

  it('leaves Do Not Disturb to the OS where it cannot be read', () => {
    const { center: notifications } = center({ dnd: undefined });
    expect(notifications.show(reply)).toBe('shown');
  });

  it('tells no news the window in front already shows, but still a refused write or a ready update', () => {
    const { center: notifications, shown } = center({ inFront: true });
    expect(notifications.show(reply)).toBe('app-in-front');
    expect(notifications.show({ ...reply, kind: 'mention' })).toBe('app-in-front');
    expect(notifications.show({ kind: 'download-finished', title: 'Available offline', body: '' })).toBe(
      'app-in-front',
    );
    expect(notifications.show({ kind: 'write-refused', title: 'Refused', body: '', target: thread })).toBe('shown');
    expect(notifications.show({ kind: 'update-ready', title: 'Update ready', body: '' })).toBe('shown');
    expect(shown.map((n) => n.title)).toEqual(['Refused', 'Update ready']);
  });

  it('says when the system has no notifications', () => {
    expect(center({ supported: false }).center.show(reply)).toBe('unsupported');
  });
});
