import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CategoryScreen } from '../../../src/renderer/src/features/forum/CategoryScreen';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import type { Role } from '../../../src/shared/wire/roles';
import {
  at,
  CATEGORY,
  createHarness,
  makePosts,
  seedForum,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';

let harness: Harness | undefined;
let restoreLayout: (() => void) | undefined;

async function open(roles: Role[]): Promise<Harness> {
  restoreLayout = stubScrollerHeight();
  harness = await createHarness(roles);
  return harness;
}
afterEach(async () => {
  restoreLayout?.();
  await harness?.cleanup();
});

describe('moderation', () => {
  it('a locked thread shows a notice and no composer to participants', async () => {
    const { db, show } = await open(['participant']);
    await seedForum(db, makePosts(2), { locked: true });
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    await screen.findByText('This thread is locked: no new replies can be posted.');
    await screen.findAllByRole('article');
    expect(screen.queryByLabelText('Reply text')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Moderation' })).toBeNull();
  });

  it('moderators lock the thread and hide a post through the outbox', async () => {
    const { db, show } = await open(['moderator']);
    await seedForum(db, makePosts(2));
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const tools = await screen.findByRole('group', { name: 'Moderation' });
    act(() => within(tools).getByRole('button', { name: 'Lock thread' }).click());
    await within(tools).findByRole('button', { name: 'Unlock thread' });
    const [first] = await screen.findAllByRole('article');
    if (first === undefined) throw new Error('no post');
    act(() => within(first).getByRole('button', { name: 'Hide' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(2));
    const items = await db.outbox.orderBy('seq').toArray();
    expect(items.map((item) => [item.name, item.args])).toEqual([
      ['thread.lock', { id: THREAD, locked: true }],
      ['post.hide', { id: makePosts(1)[0]?.id, hidden: true }],
    ]);
    // Moderators may still reply in a locked thread.
    expect(await screen.findByText('This thread is locked. As a moderator you can still reply.')).toBeDefined();
    expect(screen.getByLabelText('Reply text')).toBeDefined();
  });

  it('lists pinned threads first and hides hidden threads from participants', async () => {
    const { db, show } = await open(['participant']);
    await seedForum(db, makePosts(1));
    await db.threads.bulkPut([
      {
        id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000a2',
        categoryId: CATEGORY,
        authorId: '6f1d1e2a-8c3b-4d5e-9f00-000000000012',
        title: 'Bienvenida: preséntate aquí',
        language: 'es',
        tags: ['welcome'],
        locked: false,
        pinned: true,
        hidden: false,
        createdAt: at(-500),
        lastActivityAt: at(-400),
        postCount: 0,
        version: 1,
      },
      {
        id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000a3',
        categoryId: CATEGORY,
        authorId: '6f1d1e2a-8c3b-4d5e-9f00-000000000013',
        title: 'Spam que ninguém deveria ver',
        language: 'pt',
        tags: [],
        locked: false,
        pinned: false,
        hidden: true,
        createdAt: at(50),
        lastActivityAt: at(50),
        postCount: 0,
        version: 1,
      },
    ]);
    await show(<CategoryScreen categoryId={CATEGORY} settings={SETTINGS} />);
    await screen.findByRole('heading', { level: 1, name: 'Human rights education' });
    const titles = (await screen.findAllByRole('listitem')).map(
      (item) => item.querySelector('.forum-thread-title')?.textContent,
    );
    expect(titles).toEqual(['Bienvenida: preséntate aquí', 'Article 1, in every language we speak']);
    expect(screen.getByRole('button', { name: 'New thread' })).toBeDefined();

    act(() => {
      const select = screen.getByLabelText<HTMLSelectElement>('Language');
      select.value = 'es';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByText('1 thread')).toBeDefined();
  });
});
