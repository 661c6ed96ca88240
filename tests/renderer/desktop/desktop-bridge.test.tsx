/**
 * The renderer's side of the desktop shell: places from main
 * reach the router (the same events in Electron and browser mode), and
 * refused writes become notification requests. The main-process services are
 * real (in process); only the desktop namespace's OS-facing calls are recorded
 * (support/desktop-harness).
 */
import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import type { SyncStatus } from '../../../src/renderer/src/data/sync-engine';
import { DesktopBridge, syncReportState } from '../../../src/renderer/src/features/desktop/DesktopBridge';
import { useRefusedWriteNotifications } from '../../../src/renderer/src/features/desktop/notifications';
import {
  translationsWatermarkKey,
  useTranslationNotifications,
} from '../../../src/renderer/src/features/desktop/translation-notifications';
import type { Api } from '../../../src/shared/contract';
import type { SyncReport } from '../../../src/shared/desktop';
import { at, makePosts, ME, MEMBERS, seedForum, THREAD } from '../forum/harness';
import { newsRow } from '../../support/news-rows';
import { closeDesktopHarnesses, IDLE_SYNC, openDesktopHarness, ScriptedEngine } from '../support/desktop-harness';

const setup = openDesktopHarness;

beforeEach(() => {
  useUiStore.setState({ route: { name: 'home' }, history: [] });
  window.localStorage.clear();
});
afterEach(() => closeDesktopHarnesses());

describe('places and commands from the desktop shell', () => {
  it('opens a place asked for before the window could listen (a link that launched the app)', async () => {
    const { services, show, api } = await setup();
    services.navigation.request({ screen: 'thread', threadId: THREAD });
    show(<DesktopBridge />);
    await waitFor(() => expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD }));
    expect(await api.shell.takeNavigation()).toEqual({ ok: true, value: null });
  });

  it('follows shell.navigate events: a deep link, a notification click, a menu item', async () => {
    const { services, show, api } = await setup();
    show(<DesktopBridge />);
    act(() => services.navigation.request({ screen: 'edition', collectionId: THREAD }));
    expect(useUiStore.getState().route).toEqual({ name: 'collection', collectionId: THREAD });
    act(() => services.navigation.request({ screen: 'section', section: 'library' }));
    expect(useUiStore.getState().route).toEqual({ name: 'library' });
    act(() => services.navigation.request({ screen: 'document', documentId: THREAD }));
    expect(useUiStore.getState().route).toEqual({ name: 'document', documentId: THREAD });
    // Handled here, so a screen mounting later does not open it again.
    await waitFor(async () => expect(await api.shell.takeNavigation()).toEqual({ ok: true, value: null }));
  });

  it('tells the tray how sync stands, with the writes waiting', async () => {
    const { db, show, reports } = await setup();
    show(<DesktopBridge />);
    await waitFor(() => expect(reports.length).toBeGreaterThan(0));
    await db.outbox.add({
      id: 'm1',
      name: 'post.delete',
      args: { id: THREAD },
      status: 'pending',
      entityType: 'post',
      entityId: THREAD,
      createdAt: at(0),
      attempts: 0,
    });
    await waitFor(() => expect(reports.at(-1)?.waiting).toBe(1));
  });
});

describe('syncReportState', () => {
  const base = IDLE_SYNC;
  it.each<[Partial<SyncStatus>, boolean | null, SyncReport['state']]>([
    [{}, true, 'synced'],
    [{ phase: 'pulling' }, true, 'syncing'],
    [{ phase: 'pushing' }, null, 'syncing'],
    [{}, false, 'offline'],
    [{ phase: 'waiting-to-retry', error: { code: 'offline', message: '' } }, null, 'offline'],
    [{ phase: 'paused', error: { code: 'session-expired', message: '' } }, true, 'needs-sign-in'],
    [{ phase: 'waiting-to-retry', error: { code: 'sync-paused', message: '' } }, true, 'paused'],
    [{ phase: 'standby' }, true, 'standby'],
  ])('%j with the server reachable=%s is %s', (status, reachable, state) => {
    expect(syncReportState({ ...base, ...status }, reachable)).toBe(state);
  });
});

function Notifier({ api, db, engine }: { api: Api; db: CollectiveBrainDb; engine: ScriptedEngine }): null {
  useRefusedWriteNotifications({ api, db, engine: engine.asEngine() });
  return null;
}

// Replies and mentions are told by the Activity feature, from its rows: tests/renderer/activity/activity-watcher.test.tsx.
describe('notifications about refused writes', () => {
  it('tells of a write the server refused, pointing at its thread', async () => {
    const { api, db, notified, show } = await setup();
    const engine = new ScriptedEngine();
    // Refused in an earlier run: older, and not what this run refused.
    await db.drafts.put({
      key: 'old',
      kind: 'thread',
      fields: { title: 'x' },
      updatedAt: at(0),
      rejection: { code: 'thread-locked', mutationName: 'thread.create' },
    });
    show(<Notifier api={api} db={db} engine={engine} />);
    await db.drafts.put({
      key: 'new',
      kind: 'reply',
      fields: { body: 'A reply' },
      targetId: THREAD,
      updatedAt: at(1),
      rejection: { code: 'thread-locked', mutationName: 'post.create' },
    });
    act(() => engine.refused(1));
    await waitFor(() => expect(notified).toHaveLength(1));
    expect(notified[0]).toEqual({
      kind: 'write-refused',
      title: 'A write was refused',
      body: 'The server did not accept it. It is kept as a draft: open it to change it and send it again.',
      target: { screen: 'thread', threadId: THREAD },
    });
  });
});

function TranslationNotifier({ api, db, engine }: { api: Api; db: CollectiveBrainDb; engine: ScriptedEngine }): null {
  useTranslationNotifications({ api, db, engine: engine.asEngine(), userId: ME });
  return null;
}

describe('notifications about translations the user asked for', () => {
  it('tells of each request a translation fulfilled since the last sync, once, and a click opens it', async () => {
    const { api, db, notified, show } = await setup();
    const engine = new ScriptedEngine();
    window.localStorage.setItem(translationsWatermarkKey(ME), at(1));
    const posts = makePosts(3);
    await seedForum(db, posts, { title: 'Financement solidaire' });
    const NEWS_ID = '6f1d1e2a-8c3b-4d5e-9f00-0000000000a1';
    await db.news.put(
      newsRow({ id: NEWS_ID, language: 'es', title: 'Nueva academia', body: 'Texto.', publishedAt: at(0) }),
    );
    const translation = (id: string, targetId: string, targetType: 'post' | 'news', authorId: string) => ({
      id,
      targetType,
      targetId,
      language: 'en' as const,
      title: null,
      body: 'Translated.',
      authorId,
      createdAt: at(2),
      editedAt: null,
      version: 1,
    });
    await db.translations.bulkPut([
      translation('6f1d1e2a-8c3b-4d5e-9f00-0000000000b1', posts[0]?.id ?? '', 'post', MEMBERS[4].id),
      translation('6f1d1e2a-8c3b-4d5e-9f00-0000000000b2', NEWS_ID, 'news', MEMBERS[1].id),
    ]);
    const request = (id: string, targetType: 'post' | 'news', targetId: string) => ({
      id,
      targetType,
      targetId,
      language: 'en' as const,
      requesterId: ME,
      createdAt: at(1),
      fulfilledBy: null as string | null,
      fulfilledAt: null as string | null,
      version: 1,
    });
    await db.translationRequests.bulkPut([
      {
        ...request('6f1d1e2a-8c3b-4d5e-9f00-0000000000c1', 'post', posts[0]?.id ?? ''),
        fulfilledBy: '6f1d1e2a-8c3b-4d5e-9f00-0000000000b1',
        fulfilledAt: at(3),
      },
      {
        ...request('6f1d1e2a-8c3b-4d5e-9f00-0000000000c2', 'news', NEWS_ID),
        fulfilledBy: '6f1d1e2a-8c3b-4d5e-9f00-0000000000b2',
        fulfilledAt: at(4),
      },
      // Still open; someone else's; fulfilled before the last look: none of them is news to me.
      request('6f1d1e2a-8c3b-4d5e-9f00-0000000000c3', 'post', posts[1]?.id ?? ''),
      {
        ...request('6f1d1e2a-8c3b-4d5e-9f00-0000000000c4', 'post', posts[0]?.id ?? ''),
        requesterId: MEMBERS[2].id,
        fulfilledBy: '6f1d1e2a-8c3b-4d5e-9f00-0000000000b1',
        fulfilledAt: at(3),
      },
      {
        ...request('6f1d1e2a-8c3b-4d5e-9f00-0000000000c5', 'post', posts[2]?.id ?? ''),
        fulfilledBy: '6f1d1e2a-8c3b-4d5e-9f00-0000000000b1',
        fulfilledAt: at(0),
      },
    ]);
    show(<TranslationNotifier api={api} db={db} engine={engine} />);
    act(() => engine.synced(at(20)));
    await waitFor(() => expect(notified).toHaveLength(2));
    expect(notified).toEqual([
      {
        kind: 'translated',
        title: `\u2068${MEMBERS[4].displayName}\u2069 translated what you asked for into English`,
        body: '“\u2068Financement solidaire\u2069”',
        target: { screen: 'thread', threadId: THREAD, postId: posts[0]?.id },
      },
      {
        kind: 'translated',
        title: `\u2068${MEMBERS[1].displayName}\u2069 translated what you asked for into English`,
        body: '“\u2068Nueva academia\u2069”',
        target: { screen: 'section', section: 'news' },
      },
    ]);

    // The next sync fulfils the open request: only that one is told, nothing twice.
    await db.translationRequests.update('6f1d1e2a-8c3b-4d5e-9f00-0000000000c3', {
      fulfilledBy: '6f1d1e2a-8c3b-4d5e-9f00-0000000000b1',
      fulfilledAt: at(21),
    });
    act(() => engine.synced(at(21)));
    await waitFor(() => expect(notified).toHaveLength(3));
    expect(notified[2]?.target).toEqual({ screen: 'thread', threadId: THREAD, postId: posts[1]?.id });
  });

  it('tells nothing on the first sync of this device, and starts from there', async () => {
    const { api, db, notified, show } = await setup();
    const engine = new ScriptedEngine();
    show(<TranslationNotifier api={api} db={db} engine={engine} />);
    act(() => engine.synced(at(20)));
    await waitFor(() => expect(window.localStorage.getItem(translationsWatermarkKey(ME))).not.toBeNull());
    expect(notified).toEqual([]);
  });
});
