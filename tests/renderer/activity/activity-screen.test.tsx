/**
 * The Activity screen and the Follow button, rendered in the app's providers
 * over the real main-process services and a fake IndexedDB: what a person
 * sees, reads, marks and follows.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { ActivityRow, CachedPost } from '../../../src/renderer/src/data/db';
import { ActivityScreen } from '../../../src/renderer/src/features/activity/ActivityScreen';
import { FollowButton } from '../../../src/renderer/src/features/activity/FollowButton';
import { PageNotificationSettings } from '../../../src/renderer/src/features/activity/PageNotificationSettings';
import { createHarness, makePosts, ME, MEMBERS, seedForum, SETTINGS, THREAD, type Harness } from '../forum/harness';

let harness: Harness;
beforeEach(async () => {
  harness = await createHarness();
  await harness.db.syncMeta.put({ key: 'userId', value: ME });
  useUiStore.setState({ route: { name: 'activity' }, history: [] });
});
afterEach(async () => {
  await harness.cleanup();
});

const NOW = Date.now();
const ago = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();

function rowOf(post: CachedPost, kind: ActivityRow['kind']): ActivityRow {
  return {
    key: `post:${post.id}`,
    kind,
    at: post.createdAt,
    placeType: 'thread',
    placeId: THREAD,
    subjectId: post.id,
    ...(post.authorId !== undefined ? { actorId: post.authorId } : {}),
    read: 0,
  };
}

/** My thread with a reply and a mention of me in it, both unread in Activity. */
async function seedReplyAndMention(): Promise<{ reply: CachedPost; mention: CachedPost }> {
  const [opening, reply, mention] = makePosts(3).map((post, index) => ({ ...post, createdAt: ago(30 - index) }));
  if (opening === undefined || reply === undefined || mention === undefined) throw new Error('posts');
  opening.authorId = ME;
  mention.body = 'What do you think, @Sam Taylor?';
  await seedForum(harness.db, [opening, reply, mention], { authorId: ME, title: 'Solidarity finance' });
  await harness.db.activity.bulkAdd([rowOf(reply, 'reply'), rowOf(mention, 'mention')]);
  return { reply, mention };
}

describe('the Activity screen', () => {
  it('says there is nothing yet, and how to hear of things', async () => {
    await harness.show(<ActivityScreen settings={SETTINGS} />);
    expect(await screen.findByText('Nothing for you here yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mark all as read' }).hasAttribute('disabled')).toBe(true);
  });

  it('lists replies and mentions under their thread, and marks them read one at a time or all at once', async () => {
    await seedReplyAndMention();
    await harness.show(<ActivityScreen settings={SETTINGS} />);
    expect(await screen.findByText('2 unread')).toBeTruthy();
    const group = screen.getByRole('heading', { name: 'Solidarity finance' }).closest('li');
    if (group === null) throw new Error('no group');
    // Newest first: the mention (by the third member), then the reply (by the second).
    expect(
      within(group)
        .getAllByRole('button', { name: /^Unread: / })
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining(`${MEMBERS[2].displayName} mentioned you`),
      expect.stringContaining(`${MEMBERS[1].displayName} replied to you`),
    ]);

    // Each unread item has its own Mark as read, described by what it is.
    const marks = within(group).getAllByRole('button', { name: 'Mark as read' });
    expect(marks).toHaveLength(2);
    fireEvent.click(marks[0] as HTMLElement);
    expect(await screen.findByText('1 unread')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('All marked as read.')).toBeTruthy();
    expect(await harness.db.activity.where('read').equals(0).count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Unread' }));
    expect(await screen.findByText('You have read everything.')).toBeTruthy();
  });

  it('opens an item at its post in the thread, and counts it read', async () => {
    const { mention } = await seedReplyAndMention();
    await harness.show(<ActivityScreen settings={SETTINGS} />);
    const item = await screen.findByRole('button', { name: /mentioned you/u });
    fireEvent.click(item);
    expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD, postId: mention.id });
    await waitFor(async () => expect((await harness.db.activity.get(`post:${mention.id}`))?.read).toBe(1));
  });

  it('lists the threads I follow, and stops following one with a write that waits to be sent', async () => {
    await seedReplyAndMention();
    await harness.show(<ActivityScreen settings={SETTINGS} />);
    const stop = await screen.findByRole('button', { name: 'Stop following Solidarity finance' });
    fireEvent.click(stop);
    await waitFor(async () =>
      expect((await harness.db.outbox.toArray()).map((item) => [item.name, item.args])).toEqual([
        ['follow.set', { targetType: 'thread', targetId: THREAD, following: false }],
      ]),
    );
    expect(await screen.findByText('You follow nothing yet.', { exact: false })).toBeTruthy();
  });
});

describe('the Follow button', () => {
  it('follows a thread I have not written in, says it is saved here until sent, and stops again', async () => {
    await seedForum(harness.db, makePosts(2), { title: 'Solidarity finance' });
    await harness.show(<FollowButton type="thread" id={THREAD} />);
    const button = await screen.findByRole('button', { name: 'Follow' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('Hear of new posts in this thread in Activity.')).toBeTruthy();

    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(screen.getByRole('status').textContent).toContain('your other devices follow when you are online');
    expect((await harness.db.follows.get(ME))?.threads).toEqual([
      expect.objectContaining({ id: THREAD, following: true }),
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Follow' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('false'),
    );
    expect(await harness.db.outbox.count()).toBe(2);
  });

  it('says a thread I wrote in is followed because I wrote there', async () => {
    const posts = makePosts(2);
    const [mine] = posts;
    if (mine === undefined) throw new Error('posts');
    mine.authorId = ME;
    await seedForum(harness.db, posts);
    await harness.show(<FollowButton type="thread" id={THREAD} />);
    expect(await screen.findByText('You follow this thread because you wrote in it.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('notifications in a browser', () => {
  /** The page's Notification API in a browser that asks the user, who allows it. */
  function stubAskingBrowser(): { asked: number } {
    const state = { asked: 0 };
    const PageNotification = {
      permission: 'default' as NotificationPermission,
      requestPermission(): Promise<NotificationPermission> {
        state.asked += 1;
        PageNotification.permission = 'granted';
        return Promise.resolve('granted' as const);
      },
    };
    vi.stubGlobal('Notification', PageNotification);
    return state;
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks the browser only when turned on, then unmutes; turning off mutes', async () => {
    const asking = stubAskingBrowser();
    await harness.show(<PageNotificationSettings settings={{ ...SETTINGS, muteNotifications: true }} />);
    expect(screen.getByRole('status').textContent).toBe('Notifications are off.');
    expect(asking.asked).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Turn on notifications' }));
    await waitFor(async () => {
      const stored = await harness.api.settings.get();
      expect(stored.ok && stored.value.muteNotifications).toBe(false);
    });
    expect(asking.asked).toBe(1);
  });

  it('says when the browser blocks them, with no button that cannot work', async () => {
    vi.stubGlobal('Notification', { permission: 'denied' });
    await harness.show(<PageNotificationSettings settings={SETTINGS} />);
    expect(screen.getByText(/blocks notifications from this page/u)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
