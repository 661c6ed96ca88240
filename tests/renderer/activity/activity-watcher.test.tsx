/**
 * Activity is the one place that decides what concerns the user: the desktop
 * shell's notifications and badge read from its rows. The main-process
 * services are real (in process, offline); only the desktop namespace's
 * state, notify and setBadgeCount are answered by the test, which records them.
 */
import { act, cleanup as unmountAll, render, waitFor } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from '../../../src/renderer/src/app/api-context';
import { SessionContext } from '../../../src/renderer/src/app/session-context';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import { DataProvider } from '../../../src/renderer/src/data/data-context';
import { openDb, type ActivityRow, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import type { SyncStatus } from '../../../src/renderer/src/data/sync-engine';
import { markAllRead } from '../../../src/renderer/src/features/activity/activity-view';
import {
  ActivityWatcher,
  noticesFor,
  watchActivity,
} from '../../../src/renderer/src/features/activity/ActivityWatcher';
import { deliverNotice, type ActivityNotice } from '../../../src/renderer/src/features/activity/notifier';
import { refreshActivity } from '../../../src/renderer/src/features/activity/refresh';
import { createI18n } from '../../../src/renderer/src/i18n';
import { createDispatcher } from '../../../src/main/services/dispatcher';
import { buildApi } from '../../../src/shared/api-builder';
import type { Api, SessionStatus } from '../../../src/shared/contract';
import type { NavTarget, NotificationRequest } from '../../../src/shared/desktop';
import { startInProcessApp } from '../../support/in-process';
import { makeTempDir } from '../../support/temp-dir';
import { makePosts, ME, MEMBERS, SETTINGS, seedForum, THREAD } from '../forum/harness';

const SESSION: SessionStatus = {
  state: 'signed-in',
  serverUrl: 'http://127.0.0.1:9',
  secretsEncrypted: true,
  user: {
    id: ME,
    email: 'me@example.org',
    displayName: 'Sam Taylor',
    roles: ['participant'],
    contentLanguages: ['en'],
  },
};
const SAM = { id: ME, displayName: 'Sam Taylor' };

interface Setup {
  api: Api;
  db: CollectiveBrainDb;
  i18n: I18n;
  notified: NotificationRequest[];
  badges: number[];
}

let counter = 0;
let cleanups: (() => Promise<void>)[] = [];

async function setup({ desktop = true }: { desktop?: boolean } = {}): Promise<Setup> {
  const { dir, cleanup } = await makeTempDir('cb-activity-');
  const { services, events } = await startInProcessApp(dir, ['en-US'], { offline: true });
  const notified: NotificationRequest[] = [];
  const badges: number[] = [];
  const api = buildApi(
    createDispatcher({
      ...services.handlers,
      desktop: {
        ...services.handlers.desktop,
        state: () => ({
          available: desktop,
          update: { status: 'unsupported', reason: 'browser' },
          syncPaused: false,
        }),
        notify: (request) => {
          notified.push(request);
          return null;
        },
        setBadgeCount: ({ count }) => {
          badges.push(count);
          return null;
        },
      },
    }),
    (event, listener) =>
      events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
  );
  counter += 1;
  const db = openDb(`activity-watch-${String(counter)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const i18n = await createI18n('en');
  cleanups.push(async () => {
    unmountAll();
    await services.close();
    db.close();
    await cleanup();
  });
  return { api, db, i18n, notified, badges };
}

beforeEach(() => {
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  cleanups = [];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A sync engine whose runs the test ends: only what the watcher reads. */
class ScriptedEngine {
  private status: SyncStatus = {
    phase: 'idle',
    pulledPages: 0,
    pulledChanges: 0,
    pulledBytes: 0,
    pushed: 0,
    rejected: 0,
    conflicts: 0,
    lastSuccessAt: null,
    error: null,
    retryAt: null,
  };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  current(): SyncStatus {
    return this.status;
  }
  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** A sync run that ended well now (each call a new time). */
  synced(): void {
    this.status = {
      ...this.status,
      phase: 'idle',
      lastSuccessAt: new Date(Date.now() + this.listeners.size).toISOString(),
    };
    for (const listener of this.listeners) listener(this.status);
  }
}

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
    render(
      <I18nextProvider i18n={setup1.i18n}>
        <ApiContext.Provider value={setup1.api}>
          <SessionContext.Provider value={SESSION}>
            <DataProvider api={setup1.api} db={setup1.db}>
              <ActivityWatcher info={{} as never} settings={SETTINGS} />
            </DataProvider>
          </SessionContext.Provider>
        </ApiContext.Provider>
      </I18nextProvider>,
    );
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
