import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { OutboxItem } from '../../../src/renderer/src/data/db';
import { NewThreadScreen } from '../../../src/renderer/src/features/forum/NewThreadScreen';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { DRAFT_SAVE_DELAY_MS } from '../../../src/renderer/src/features/forum/use-draft';
import {
  at,
  CATEGORY,
  createHarness,
  makePosts,
  ME,
  seedForum,
  SENTENCES,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';
import { asRecord } from '../../../src/shared/records';

let harness: Harness;
let restoreLayout: () => void;

beforeEach(async () => {
  restoreLayout = stubScrollerHeight();
  harness = await createHarness();
  useUiStore.setState({ route: { name: 'thread', threadId: THREAD }, history: [] });
});
afterEach(async () => {
  restoreLayout();
  await harness.cleanup();
});

function type(element: HTMLElement, value: string): void {
  fireEvent.change(element, { target: { value } });
}

async function replyBox(): Promise<HTMLTextAreaElement> {
  const box = await screen.findByLabelText<HTMLTextAreaElement>('Reply text');
  await waitFor(() => expect(box.disabled).toBe(false));
  return box;
}

describe('reply composer', () => {
  it('sends a reply as exactly one post.create in the outbox and clears the draft', async () => {
    await seedForum(harness.db, makePosts(3));
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const box = await replyBox();
    type(box, SENTENCES.fr);
    act(() => screen.getByRole('button', { name: 'Send reply' }).click());

    await screen.findByText('Saved on this computer. It will be sent when you are online.');
    const outbox = await harness.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.name).toBe('post.create');
    expect(outbox[0]?.args).toMatchObject({ threadId: THREAD, body: SENTENCES.fr, language: 'en', replyTo: null });
    expect(await harness.db.drafts.get(`reply:${THREAD}`)).toBeUndefined();
    expect(box.value).toBe('');
    // Shown at once, marked as queued.
    const mine = await harness.db.posts.get(String(outbox[0]?.entityId));
    expect(mine?.local).toBe('pending');
    // The server sets the author; until then the post shows as the user's own, queued.
    const article = await screen.findByRole('article', { name: 'Post by Sam Taylor' });
    expect(await within(article).findByText('Queued')).toBeDefined();
  });

  it('suggests people after @, those of the thread first, and writes the chosen name', async () => {
    await seedForum(harness.db, makePosts(3));
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const box = await replyBox();
    fireEvent.change(box, { target: { value: 'Thanks @ma', selectionStart: 10, selectionEnd: 10 } });
    const list = await screen.findByRole('listbox', { name: 'People to mention' });
    // "Marie Dubois" starts with it; "Amina Haddad" has no word that does; I am never offered.
    expect(
      within(list)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Marie Dubois']);
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(box.value).toBe('Thanks @Marie Dubois '));
    expect(screen.queryByRole('listbox')).toBeNull();
    // Enter chose a name: nothing was sent.
    expect(await harness.db.outbox.count()).toBe(0);

    fireEvent.change(box, { target: { value: 'Also @', selectionStart: 6, selectionEnd: 6 } });
    const everyone = await screen.findByRole('listbox', { name: 'People to mention' });
    // The thread's three writers come first, then the others, in the interface language's order.
    expect(
      within(everyone)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Amina Haddad', 'João Silva', 'Lucía Fernández', 'Marie Dubois', '김지은']);
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
  });

  it('quotes a post: the reply refers to it and starts with its text', async () => {
    const posts = makePosts(2);
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const box = await replyBox();
    const first = await screen.findByRole('article', { name: 'Post by Amina Haddad' });
    act(() => within(first).getByRole('button', { name: 'Quote' }).click());
    await waitFor(() => expect(box.value.startsWith('> ')).toBe(true));
    expect(await screen.findByText('Replying to Amina Haddad')).toBeDefined();
    type(box, `${box.value}Merci pour ce rappel.`);
    act(() => screen.getByRole('button', { name: 'Send reply' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(1));
    const [item] = await harness.db.outbox.toArray();
    expect(asRecord(item?.args)?.['replyTo']).toBe(posts[0]?.id);
  });

  it('autosaves the draft after a pause shorter than 500 ms and restores it on remount', async () => {
    // The pause is a setting, not a measurement: wall-clock time on a busy machine says nothing about it.
    expect(DRAFT_SAVE_DELAY_MS).toBeLessThanOrEqual(500);
    await seedForum(harness.db, makePosts(2));
    const first = await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const box = await replyBox();
    type(box, SENTENCES.pt);
    // Saved without sending or leaving: the text sits in the drafts table.
    await waitFor(
      async () => expect((await harness.db.drafts.get(`reply:${THREAD}`))?.fields['body']).toBe(SENTENCES.pt),
      { timeout: 10_000, interval: 20 },
    );
    first.unmount();

    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const restored = await replyBox();
    expect(restored.value).toBe(SENTENCES.pt);
  });

  it('shows a refused reply with its reason and loads it into the composer to edit', async () => {
    await seedForum(harness.db, makePosts(2));
    await harness.db.drafts.put({
      key: `reply:${THREAD}:m-1`,
      kind: 'reply',
      targetId: THREAD,
      fields: { body: SENTENCES.es },
      updatedAt: at(10),
      rejection: { code: 'thread-locked', mutationName: 'post.create' },
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const panel = await screen.findByRole('region', { name: '1 write was refused' });
    expect(within(panel).getByText('Reason: the thread was locked')).toBeDefined();
    const box = await replyBox();
    act(() => within(panel).getByRole('button', { name: 'Edit' }).click());
    await waitFor(() => expect(box.value).toBe(SENTENCES.es));
    await waitFor(() => expect(screen.queryByRole('region', { name: '1 write was refused' })).toBeNull());
    expect(await harness.db.drafts.get(`reply:${THREAD}:m-1`)).toBeUndefined();
    expect((await harness.db.drafts.get(`reply:${THREAD}`))?.fields['body']).toBe(SENTENCES.es);
  });
});

describe('my posts', () => {
  async function seedConflict(): Promise<{ postId: string; seq: number }> {
    const posts = makePosts(2);
    const mine = posts[1];
    if (mine === undefined) throw new Error('seed');
    Object.assign(mine, { authorId: ME, body: 'My edited text about **dignity**.', local: 'conflict', version: 1 });
    await seedForum(harness.db, posts);
    const item: OutboxItem = {
      id: 'mutation-1',
      name: 'post.update',
      args: { id: mine.id, body: 'My edited text about **dignity**.' },
      baseVersion: 1,
      status: 'conflict',
      entityType: 'post',
      entityId: mine.id,
      createdAt: at(5),
      attempts: 1,
      current: {
        type: 'post',
        id: mine.id,
        version: 3,
        deleted: false,
        data: { ...mine, local: undefined, version: undefined, body: 'A moderator fixed a typo about *rights*.' },
      },
    };
    const seq = await harness.db.outbox.add(item);
    if (seq === undefined) throw new Error('no outbox key');
    return { postId: mine.id, seq };
  }

  it('shows a conflict side by side; Keep mine sends mine again over their version', async () => {
    const { seq } = await seedConflict();
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const conflict = await screen.findByRole('region', { name: 'Someone else changed this post too' });
    expect(within(conflict).getByText('Yours')).toBeDefined();
    expect(within(conflict).getByText('Theirs (on the server)')).toBeDefined();
    expect(within(conflict).getByText('dignity').tagName).toBe('STRONG');
    expect(within(conflict).getByText('rights').tagName).toBe('EM');
    act(() => within(conflict).getByRole('button', { name: 'Keep mine' }).click());
    await waitFor(async () => expect((await harness.db.outbox.get(seq))?.status).toBe('pending'));
    const item = await harness.db.outbox.get(seq);
    expect(item?.baseVersion).toBe(3);
    expect(item?.id).not.toBe('mutation-1');
  });

  it('Take theirs drops my write and shows their version', async () => {
    const { postId, seq } = await seedConflict();
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const conflict = await screen.findByRole('region', { name: 'Someone else changed this post too' });
    act(() => within(conflict).getByRole('button', { name: 'Take theirs' }).click());
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Someone else changed this post too' })).toBeNull(),
    );
    expect(await harness.db.outbox.get(seq)).toBeUndefined();
    const post = await harness.db.posts.get(postId);
    expect(post?.body).toBe('A moderator fixed a typo about *rights*.');
    expect(post?.local).toBeUndefined();
    expect(post?.version).toBe(3);
  });

  it('edits my post with post.update at the cached version, and deletes it after confirming', async () => {
    const posts = makePosts(2);
    const mine = posts[1];
    if (mine === undefined) throw new Error('seed');
    Object.assign(mine, { authorId: ME, version: 4 });
    await seedForum(harness.db, posts);
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const article = await screen.findByRole('article', { name: 'Post by Sam Taylor' });
    act(() => within(article).getByRole('button', { name: 'Edit' }).click());
    const box = await screen.findByLabelText<HTMLTextAreaElement>('Post text');
    await waitFor(() => expect(box.value).toBe(mine.body));
    type(box, `${mine.body} (corrigé)`);
    act(() => screen.getByRole('button', { name: 'Save changes' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(1));
    const [update] = await harness.db.outbox.toArray();
    expect(update).toMatchObject({
      name: 'post.update',
      baseVersion: 4,
      args: { id: mine.id, body: `${mine.body} (corrigé)` },
    });

    const again = await screen.findByRole('article', { name: 'Post by Sam Taylor' });
    const deleteButton = within(again).getByRole('button', { name: 'Delete' });
    deleteButton.focus();
    act(() => deleteButton.click());
    const dialog = await screen.findByRole('dialog', { name: 'Delete this post?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    act(() => within(dialog).getByRole('button', { name: 'Delete' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(2));
    const names = (await harness.db.outbox.toArray()).map((item) => item.name);
    expect(names).toEqual(['post.update', 'post.delete']);
  });
});

describe('new thread', () => {
  it('publishes thread.create and the first post.create together, then opens the thread', async () => {
    await seedForum(harness.db, []);
    await harness.show(<NewThreadScreen categoryId={CATEGORY} settings={SETTINGS} />);
    const title = await screen.findByLabelText<HTMLInputElement>('Title');
    await waitFor(() => expect(title.disabled).toBe(false));
    type(title, 'Teaching Article 1 to teenagers');
    type(screen.getByLabelText('Language'), 'fr');
    type(screen.getByLabelText('Tags'), 'education, youth, education');
    type(screen.getByLabelText('First post'), SENTENCES.fr);
    await waitFor(async () => expect(await harness.db.drafts.get(`thread:new:${CATEGORY}`)).toBeDefined());
    act(() => screen.getByRole('button', { name: 'Publish thread' }).click());

    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(2));
    const [thread, post] = await harness.db.outbox.orderBy('seq').toArray();
    expect(thread).toMatchObject({
      name: 'thread.create',
      args: {
        categoryId: CATEGORY,
        title: 'Teaching Article 1 to teenagers',
        language: 'fr',
        tags: ['education', 'youth'],
      },
    });
    expect(post).toMatchObject({
      name: 'post.create',
      args: { threadId: thread?.entityId, body: SENTENCES.fr, language: 'fr' },
    });
    expect(thread?.createdAt).toBe(post?.createdAt);
    expect(await harness.db.drafts.get(`thread:new:${CATEGORY}`)).toBeUndefined();
    await waitFor(() => expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: thread?.entityId }));
  });
});
