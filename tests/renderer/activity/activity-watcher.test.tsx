/**
 * Activity is the one place that decides what concerns the user: the desktop
 * shell's notifications and badge read from its rows. The main-process
 * services are real (in process, offline); only the desktop namespace's
 * state, notify and setBadgeCount are answered by the test, which records them.
 */
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { ActivityRow } from '../../../src/renderer/src/data/db';
import { markAllRead } from '../../../src/renderer/src/features/activity/activity-view';
import {
  ActivityWatcher,
  noticesFor,
  watchActivity,
} from '../../../src/renderer/src/features/activity/ActivityWatcher';
import { deliverNotice, type ActivityNotice } from '../../../src/renderer/src/features/activity/notifier';
import { refreshActivity } from '../../../src/renderer/src/features/activity/refresh';
import type { NavTarget } from '../../../src/shared/desktop';
import {
  closeDesktopHarnesses,
  openDesktopHarness,
  ScriptedEngine,
  SIGNED_IN_AS,
  type DesktopHarness,
} from '../support/desktop-harness';
import { makePosts, ME, MEMBERS, SETTINGS, seedForum, THREAD } from '../forum/harness';

type Setup = DesktopHarness;
const setup = openDesktopHarness;
const SAM = SIGNED_IN_AS;

beforeEach(() => {
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});
afterEach(async () => {
  await closeDesktopHarnesses();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Minutes before now: activity is looked for in the recent past. */
const ago = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** The watcher as ActivityWatcher runs it, told through the desktop shell. */
function watchThroughDesktop({ api, db, i18n }: Setup, engine: ScriptedEngine, opened: NavTarget[]): () => void {
  return watchActivity({
    db,
    engine,
    me: () => Promise.resolve(SAM),
    announce: async (fresh) => {
      for (const notice of await noticesFor(db, fresh, i18n.getFixedT('en', 'activity'), 'en')) {
        await deliverNotice(api, 'desktop', notice, { muted: false, open: (target) => opened.push(target) });
      }
    },
  });
}

/** Posts in my thread, written `minutes` ago, one a minute. */
function postsAgo(count: number, from: number): ReturnType<typeof makePosts> {
  return makePosts(count).map((post, index) => ({ ...post, createdAt: ago(from - index) }));
}

describe('notifications come from the activity rows', () => {
  it('tells of each new reply and mention in my thread through the desktop shell, once', async () => {
    const setup1 = await setup();
    const { db, notified } = setup1;
    const posts = postsAgo(3, 30);
    await seedForum(db, posts, { authorId: ME, title: 'Solidarity finance', lastActivityAt: ago(28) });
    // A first look on this computer: what was there is history, never announced.
    await refreshActivity(db, SAM);
    const engine = new ScriptedEngine();
    const stop = watchThroughDesktop(setup1, engine, []);

    const later = makePosts(5).slice(3);
    const [reply, mention] = later;
    if (reply === undefined || mention === undefined) throw new Error('no posts');
    reply.createdAt = ago(5);
    mention.createdAt = ago(4);
    mention.body = 'What do you think, @sam taylor?';
    await db.posts.bulkPut([reply, mention]);
    await db.threads.update(THREAD, { lastActivityAt: mention.createdAt });
    act(() => engine.synced());
    await waitFor(() => expect(notified).toHaveLength(2));
    expect(notified[0]).toMatchObject({
      kind: 'reply',
      title: `\u2068${MEMBERS[3].displayName}\u2069 replied to you`,
      target: { screen: 'thread', threadId: THREAD, postId: reply.id },
    });
    expect(notified[0]?.body).toContain('\u2068Solidarity finance\u2069');
    expect(notified[1]).toMatchObject({
      kind: 'mention',
      title: `\u2068${MEMBERS[4].displayName}\u2069 mentioned you`,
      target: { screen: 'thread', threadId: THREAD, postId: mention.id },
    });
    // The same rows are what the Activity screen lists.
    expect((await db.activity.toArray()).map((row) => row.kind).sort()).toEqual(
      ['mention', 'reply', 'reply', 'reply', 'reply'].sort(),
    );

    // Another sync with nothing new tells of nothing again.
    act(() => engine.synced());
    await waitFor(async () => expect(await db.syncMeta.get('activity')).toBeDefined());
    const marks = (await db.syncMeta.get('activity'))?.value;
    act(() => engine.synced());
    await waitFor(async () => expect((await db.syncMeta.get('activity'))?.value).toBe(marks));
    expect(notified).toHaveLength(2);
    stop();
  });

  it('sums up a burst in one notification that opens Activity', async () => {
    const setup1 = await setup();
    const { db, notified } = setup1;
    await seedForum(db, postsAgo(1, 60), { authorId: ME, lastActivityAt: ago(60) });
    await refreshActivity(db, SAM);
    const engine = new ScriptedEngine();
    const stop = watchThroughDesktop(setup1, engine, []);
    const burst = makePosts(7)
      .slice(1)
      .map((post, index) => ({ ...post, createdAt: ago(10 - index) }));
    await db.posts.bulkPut(burst);
    await db.threads.update(THREAD, { lastActivityAt: ago(4) });
    act(() => engine.synced());
    await waitFor(() => expect(notified).toHaveLength(1));
    expect(notified[0]).toMatchObject({
      kind: 'reply',
      title: '6 new replies and mentions',
      target: { screen: 'section', section: 'activity' },
    });
    stop();
  });

  it('does not announce what a new computer finds on its first look, but lists it', async () => {
    const setup1 = await setup();
    const { db, notified } = setup1;
    await seedForum(db, postsAgo(3, 30), { authorId: ME, lastActivityAt: ago(28) });
    const engine = new ScriptedEngine();
    const stop = watchThroughDesktop(setup1, engine, []);
    act(() => engine.synced());
    await waitFor(async () => expect(await db.activity.count()).toBe(3));
    expect((await db.activity.toArray()).every((row) => row.read === 0)).toBe(true);
    expect(notified).toEqual([]);
    stop();
  });
});

describe('the badge', () => {
  const row = (index: number): ActivityRow => ({
    key: `post:p${String(index)}`,
    kind: 'reply',
    at: ago(index),
    placeType: 'thread',
    placeId: THREAD,
    subjectId: `p${String(index)}`,
    read: 0,
  });

  async function showWatcher(setup1: Setup): Promise<void> {
    setup1.show(<ActivityWatcher info={{} as never} settings={SETTINGS} />);
    return Promise.resolve();
  }

  it('shows the unread activity on the app icon, and clears when it is read', async () => {
    const setup1 = await setup();
    await showWatcher(setup1);
    await waitFor(() => expect(setup1.badges.at(-1)).toBe(0));
    await setup1.db.activity.bulkAdd([row(1), row(2), { ...row(3), read: 1 }]);
    await waitFor(() => expect(setup1.badges.at(-1)).toBe(2));
    await markAllRead(setup1.db);
    await waitFor(() => expect(setup1.badges.at(-1)).toBe(0));
  });
});

describe('in a browser, the page shows the notice', () => {
  const notice: ActivityNotice = {
    kind: 'mention',
    title: 'Amina mentioned you',
    body: 'Solidarity finance: hello',
    target: { screen: 'thread', threadId: THREAD, postId: THREAD },
    tag: `post:${THREAD}`,
  };

  /** The page's Notification API, as a browser that was allowed to show them has it. */
  function stubNotifications(permission: NotificationPermission): {
    shown: { title: string; onclick: (() => void) | null }[];
  } {
    const shown: { title: string; onclick: (() => void) | null }[] = [];
    class PageNotification {
      static permission = permission;
      onclick: (() => void) | null = null;
      constructor(readonly title: string) {
        shown.push(this);
      }
      close(): void {}
    }
    vi.stubGlobal('Notification', PageNotification);
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    return { shown };
  }

  it('shows it while the page is not in front, and a click opens the post', async () => {
    const { api, notified } = await setup({ desktop: false });
    const { shown } = stubNotifications('granted');
    const opened: NavTarget[] = [];
    await deliverNotice(api, 'page', notice, { muted: false, open: (target) => opened.push(target) });
    expect(shown.map((item) => item.title)).toEqual(['Amina mentioned you']);
    shown[0]?.onclick?.();
    expect(opened).toEqual([notice.target]);
    expect(notified).toEqual([]);
  });

  it('shows nothing when muted, or not allowed', async () => {
    const { api } = await setup({ desktop: false });
    const { shown } = stubNotifications('granted');
    await deliverNotice(api, 'page', notice, { muted: true, open: () => undefined });
    expect(shown).toEqual([]);
    vi.unstubAllGlobals();
    const denied = stubNotifications('denied');
    await deliverNotice(api, 'page', notice, { muted: false, open: () => undefined });
    expect(denied.shown).toEqual([]);
  });
});
