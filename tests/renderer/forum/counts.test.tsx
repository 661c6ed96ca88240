import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CategoryScreen } from '../../../src/renderer/src/features/forum/CategoryScreen';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { CATEGORY, SETTINGS, THREAD, createHarness, makePosts, seedForum, type Harness } from './harness';

let harness: Harness;
beforeEach(async () => {
  harness = await createHarness();
});
afterEach(async () => {
  await harness.cleanup();
});

describe('post and unread counts during a first sync', () => {
  it('agree with each other: both count the posts on this computer, not a stored count still to be folded in', async () => {
    // A first sync folds a thread's post count in at its end: meanwhile 22 of its posts are here, and the
    // stored count still says 20.
    await seedForum(harness.db, makePosts(22), { postCount: 20 });
    await harness.show(<CategoryScreen categoryId={CATEGORY} settings={SETTINGS} />);
    const row = (await screen.findByRole('button', { name: 'Article 1, in every language we speak' })).closest('li');
    if (row === null) throw new Error('no thread row');
    expect(await within(row).findByText('22 unread')).toBeDefined();
    expect(within(row).getByText('22 posts')).toBeDefined();
    expect(within(row).queryByText('20 posts')).toBeNull();
  });

  it('the thread screen counts the posts its list shows', async () => {
    await seedForum(harness.db, makePosts(22), { postCount: 20 });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    expect(await screen.findByText('22 posts')).toBeDefined();
  });
});
