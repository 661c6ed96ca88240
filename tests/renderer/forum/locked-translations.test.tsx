import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { at, createHarness, makePosts, seedForum, SETTINGS, stubScrollerHeight, THREAD, type Harness } from './harness';

/**
 * A locked thread takes no translations, as it takes no replies: the app does
 * not offer to write one there, and one written before the lock and refused
 * by the server comes back saying why, with its text kept.
 */
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

describe('translations in a locked thread', () => {
  it('are not offered, and a refused one says the thread was locked', async () => {
    const posts = makePosts(2);
    const spanish = posts[1];
    if (spanish === undefined) throw new Error('seed');
    await seedForum(harness.db, posts, { locked: true });
    await harness.db.drafts.put({
      key: `translation:post:${spanish.id}`,
      kind: 'translation',
      targetId: spanish.id,
      fields: { targetType: 'post', language: 'fr', title: '', body: 'Écrite avant le verrouillage.' },
      updatedAt: at(40),
      rejection: { code: 'thread-locked', mutationName: 'translation.create' },
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const post = await screen.findByRole('article', { name: 'Post by Lucía Fernández' });
    await within(post).findByText('the thread was locked', { exact: false });
    expect(within(post).queryByRole('button', { name: 'Translate' })).toBeNull();
    const other = await screen.findByRole('article', { name: 'Post by Amina Haddad' });
    expect(within(other).queryByRole('button', { name: 'Translate' })).toBeNull();
  });
});
