import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MARK_READ_DELAY_MS } from '../../../src/renderer/src/features/forum/PostList';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { ForumScreen } from '../../../src/renderer/src/features/forum/ForumScreen';
import {
  createHarness,
  makePosts,
  ME,
  postId,
  seedForum,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';

let harness: Harness;
let restoreLayout: () => void;

beforeEach(async () => {
  restoreLayout = stubScrollerHeight();
  harness = await createHarness();
});
afterEach(async () => {
  restoreLayout();
  await harness.cleanup();
});

function postArticles(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('article.forum-post[data-post-id]')];
}

describe('thread view', () => {
  it('renders the posts in order, with markdown sanitized', async () => {
    const posts = makePosts(5);
    const hostile = posts[2];
    if (hostile === undefined) throw new Error('seed');
    hostile.body =
      'Read **this** <script>window.__forumPwned = 1</script><img src="x" onerror="window.__forumPwned = 2">';
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);

    await screen.findByRole('heading', { level: 1, name: 'Article 1, in every language we speak' });
    await waitFor(() => expect(postArticles()).toHaveLength(5));
    expect(postArticles().map((article) => article.dataset['postId'])).toEqual(posts.map((post) => post.id));
    // Each body is rendered markdown, in its own language (Arabic and Korean included).
    expect(postArticles()[0]?.textContent).toContain('يولد جميع الناس أحرارًا');
    expect(postArticles()[3]?.textContent).toContain('모든 인간은 태어날 때부터');

    const article = postArticles()[2];
    if (article === undefined) throw new Error('missing post');
    expect(within(article).getByText('this').tagName).toBe('STRONG');
    const list = document.querySelector('.forum-post-list');
    expect(list?.querySelector('script')).toBeNull();
    expect(list?.querySelector('img')).toBeNull();
    expect(list?.querySelector('[onerror]')).toBeNull();
    expect((window as { __forumPwned?: number }).__forumPwned).toBeUndefined();
  });

  it('keeps a bounded number of posts in the DOM for a 5,000-post thread', { timeout: 20_000 }, async () => {
    const posts = makePosts(5000);
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);

    await waitFor(() => expect(postArticles().length).toBeGreaterThan(0), { timeout: 10_000 });
    const rows = document.querySelectorAll('li.forum-post-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(30);
    expect(postArticles().length).toBeLessThan(30);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('5000');
    expect(postArticles()[0]?.dataset['postId']).toBe(postId(0));
  });

  it('marks the thread read as it is read: the unread count goes to 0', async () => {
    await seedForum(harness.db, makePosts(4));
    const forum = await harness.show(<ForumScreen settings={SETTINGS} />);
    expect((await screen.findAllByText('4 unread')).length).toBeGreaterThan(0);
    forum.unmount();

    const thread = await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    await waitFor(() => expect(postArticles()).toHaveLength(4));
    await waitFor(async () =>
      expect((await harness.db.readState.get(THREAD))?.lastReadAt).toBe(makePosts(4)[3]?.createdAt),
    );
    thread.unmount();

    await harness.show(<ForumScreen settings={SETTINGS} />);
    await screen.findByRole('button', { name: /Human rights education/u });
    await waitFor(() => expect(screen.queryByText(/unread/u)).toBeNull());
  });

  it('leaves posts unread while the window is behind others, and reads them when the user comes back', async () => {
    await seedForum(harness.db, makePosts(4));
    let focused = false;
    let visibility: DocumentVisibilityState = 'visible';
    const focus = vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
    const visible = vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    // Reading is recorded after the list rests (MARK_READ_DELAY_MS): whether that delay was even started says
    // whether reading would be recorded, with no waiting on a clock.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const readingStarted = (): boolean => timers.mock.calls.some(([, delay]) => delay === MARK_READ_DELAY_MS);
    try {
      await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
      await waitFor(() => expect(postArticles()).toHaveLength(4));
      expect(readingStarted()).toBe(false);

      // In front again, but in a hidden tab (minimized): still not seen.
      focused = true;
      visibility = 'hidden';
      act(() => {
        window.dispatchEvent(new Event('focus'));
      });
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect(readingStarted()).toBe(false);
      expect(await harness.db.readState.get(THREAD)).toBeUndefined();

      // Visible and focused: read up to the newest post on screen.
      visibility = 'visible';
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect(readingStarted()).toBe(true);
      await waitFor(async () =>
        expect((await harness.db.readState.get(THREAD))?.lastReadAt).toBe(makePosts(4)[3]?.createdAt),
      );
    } finally {
      timers.mockRestore();
      focus.mockRestore();
      visible.mockRestore();
    }
  });

  it('shows the state of my own posts: queued, then sent', async () => {
    const posts = makePosts(2);
    const mine = posts[1];
    if (mine === undefined) throw new Error('seed');
    mine.authorId = ME;
    mine.local = 'pending';
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    await screen.findByText('Queued');
    await act(async () => {
      await harness.db.posts.update(mine.id, { local: undefined, version: 2 });
    });
    await screen.findByText('Sent');
  });
});
