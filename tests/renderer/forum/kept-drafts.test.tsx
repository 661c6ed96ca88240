import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import { draftKeys } from '../../../src/renderer/src/data/drafts';
import { newId } from '../../../src/renderer/src/data/ids';
import { applyPushResults, enqueueWrites } from '../../../src/renderer/src/data/outbox';
import { DraftsScreen } from '../../../src/renderer/src/features/drafts/DraftsScreen';
import { NewThreadScreen } from '../../../src/renderer/src/features/forum/NewThreadScreen';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import { HomeScreen } from '../../../src/renderer/src/features/home/HomeScreen';
import {
  at,
  CATEGORY,
  createHarness,
  makePosts,
  seedForum,
  SENTENCES,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';

let harness: Harness;
let restoreLayout: () => void;
const clipboard = { writeText: vi.fn((_text: string) => Promise.resolve()) };

beforeEach(async () => {
  restoreLayout = stubScrollerHeight();
  harness = await createHarness();
  useUiStore.setState({ route: { name: 'thread', threadId: THREAD }, history: [] });
  clipboard.writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
});
afterEach(async () => {
  restoreLayout();
  await harness.cleanup();
});

/** A reply written offline, refused once it reached the server: a moderator had locked the thread. */
const REFUSED_REPLY = `${SENTENCES.es}\n\n— written on the train, sent later`;

async function seedRefusedReplyInLockedThread(): Promise<string> {
  await seedForum(harness.db, makePosts(2), { locked: true });
  const key = draftKeys.refusedReply(THREAD, 'm-1');
  await harness.db.drafts.put({
    key,
    kind: 'reply',
    targetId: THREAD,
    fields: { body: REFUSED_REPLY, language: 'es' },
    updatedAt: at(10),
    rejection: { code: 'thread-locked', mutationName: 'post.create' },
  });
  return key;
}

describe('a reply refused because the thread was locked (issue 17, item 11)', () => {
  it('stays visible and copyable where it was refused, with no Edit that would hide it', async () => {
    await seedRefusedReplyInLockedThread();
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const panel = await screen.findByRole('region', { name: '1 write was refused' });
    expect(within(panel).getByText('Reason: the thread was locked')).toBeDefined();
    // The whole text, read-only, not an excerpt.
    const text = within(panel).getByRole('textbox', { name: 'The text, as you wrote it' });
    expect(text.textContent).toBe(REFUSED_REPLY);
    expect(text.getAttribute('aria-readonly')).toBe('true');
    // The composer is hidden in a locked thread: editing here would make the text vanish.
    expect(screen.queryByLabelText('Reply text')).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Edit' })).toBeNull();

    act(() => within(panel).getByRole('button', { name: 'Copy the text' }).click());
    await within(panel).findByText('Copied.');
    expect(clipboard.writeText).toHaveBeenCalledWith(REFUSED_REPLY);
  });

  it('moves into a new thread in the same category, as its first post', async () => {
    const key = await seedRefusedReplyInLockedThread();
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const panel = await screen.findByRole('region', { name: '1 write was refused' });
    act(() => within(panel).getByRole('button', { name: 'Move to a new thread' }).click());

    await waitFor(() => expect(useUiStore.getState().route).toEqual({ name: 'new-thread', categoryId: CATEGORY }));
    expect(await harness.db.drafts.get(key)).toBeUndefined();
    const moved = await harness.db.drafts.get(draftKeys.newThread(CATEGORY));
    expect(moved?.fields).toMatchObject({ body: REFUSED_REPLY, language: 'es' });

    await harness.show(<NewThreadScreen categoryId={CATEGORY} settings={SETTINGS} />);
    const body = await screen.findByLabelText<HTMLTextAreaElement>('First post');
    await waitFor(() => expect(body.value).toBe(REFUSED_REPLY));
    expect(screen.getByLabelText<HTMLSelectElement>('Language').value).toBe('es');
  });

  it('in an open thread, still loads into the composer to be edited', async () => {
    await seedForum(harness.db, makePosts(2));
    await harness.db.drafts.put({
      key: draftKeys.refusedReply(THREAD, 'm-2'),
      kind: 'reply',
      targetId: THREAD,
      fields: { body: SENTENCES.pt },
      updatedAt: at(10),
      rejection: { code: 'server-error', mutationName: 'post.create' },
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const panel = await screen.findByRole('region', { name: '1 write was refused' });
    const box = await screen.findByLabelText<HTMLTextAreaElement>('Reply text');
    fireEvent.change(box, { target: { value: 'Already typed.' } });
    act(() => within(panel).getByRole('button', { name: 'Edit' }).click());
    // What was typed, not yet saved (it saves after a pause), is kept before the refused text.
    await waitFor(() => expect(box.value).toBe(`Already typed.\n\n${SENTENCES.pt}`));
  });

  it('a reply being written when the thread was locked stays in sight, not in a hidden composer', async () => {
    await seedForum(harness.db, makePosts(2), { locked: true });
    await harness.db.drafts.put({
      key: draftKeys.reply(THREAD),
      kind: 'reply',
      targetId: THREAD,
      fields: { body: SENTENCES.fr },
      updatedAt: at(10),
    });
    await harness.show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const panel = await screen.findByRole('region', { name: '1 text not sent: it cannot be sent here' });
    expect(within(panel).getByText('The thread is locked: nothing can be posted in it.')).toBeDefined();
    expect(within(panel).getByRole('textbox', { name: 'The text, as you wrote it' }).textContent).toBe(SENTENCES.fr);
    expect(within(panel).getByRole('button', { name: 'Move to a new thread' })).toBeDefined();
  });
});

describe('every draft on Home opens where it can be edited', () => {
  it('Home’s drafts card opens the Drafts view', async () => {
    await seedForum(harness.db, makePosts(1));
    await harness.db.drafts.put({
      key: draftKeys.reply(THREAD),
      kind: 'reply',
      targetId: THREAD,
      fields: { body: 'Half a reply' },
      updatedAt: at(5),
    });
    await harness.show(<HomeScreen settings={SETTINGS} />);
    const card = await screen.findByRole('button', { name: 'draft' });
    act(() => card.click());
    expect(useUiStore.getState().route).toEqual({ name: 'drafts' });
  });

  it('lists each draft with where it belongs, its state and reason, and opens its editor', async () => {
    await seedForum(harness.db, makePosts(2), { locked: true });
    await harness.db.drafts.put({
      key: draftKeys.refusedReply(THREAD, 'm-1'),
      kind: 'reply',
      targetId: THREAD,
      fields: { body: SENTENCES.es },
      updatedAt: at(10),
      rejection: { code: 'thread-locked', mutationName: 'post.create' },
    });
    // A new thread written offline, refused with its first post: one draft, with the title and the text.
    const threadId = newId();
    const [created, first] = await enqueueWrites(harness.db, [
      {
        name: 'thread.create',
        args: { id: threadId, categoryId: CATEGORY, title: 'Cooperatives and youth', language: 'en' },
      },
      { name: 'post.create', args: { id: newId(), threadId, body: SENTENCES.en, language: 'en' } },
    ]);
    await applyPushResults(harness.db, [
      { id: created?.id ?? '', status: 'rejected', code: 'forbidden' },
      { id: first?.id ?? '', status: 'rejected', code: 'not-found' },
    ]);
    expect(await harness.db.drafts.count()).toBe(2);

    await harness.show(<DraftsScreen settings={SETTINGS} />);
    const list = await screen.findByRole('list', { name: 'Drafts' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [newest, older] = within(list).getAllByRole('listitem');
    if (newest === undefined || older === undefined) throw new Error('two drafts');
    // Where each belongs, its state and the reason.
    expect(newest.textContent).toContain('New thread');
    expect(newest.textContent).toContain('Cooperatives and youth');
    expect(newest.textContent).toContain('Human rights education');
    expect(newest.textContent).toContain('Not published: you are not allowed to do this.');
    expect(older.textContent).toContain('Reply');
    expect(older.textContent).toContain('Article 1, in every language we speak');
    expect(older.textContent).toContain('Not published: the thread was locked.');

    act(() => within(older).getByRole('button', { name: 'Open' }).click());
    expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD });
    act(() => within(newest).getByRole('button', { name: 'Open' }).click());
    const route = useUiStore.getState().route;
    expect(route).toEqual({ name: 'new-thread', categoryId: CATEGORY, draftKey: draftKeys.refusedThread(threadId) });

    // It opens in the new-thread editor with its title and text, and the reason; publishing settles it.
    if (route.name !== 'new-thread') throw new Error('new thread');
    await harness.show(
      <NewThreadScreen
        categoryId={CATEGORY}
        settings={SETTINGS}
        {...(route.draftKey ? { draftKey: route.draftKey } : {})}
      />,
    );
    await screen.findByText(
      'This thread was not published: you are not allowed to do this. Fix it and publish it again.',
    );
    const title = await screen.findByLabelText<HTMLInputElement>('Title');
    await waitFor(() => expect(title.value).toBe('Cooperatives and youth'));
    expect(screen.getByLabelText<HTMLTextAreaElement>('First post').value).toBe(SENTENCES.en);
    act(() => screen.getByRole('button', { name: 'Publish thread' }).click());
    await waitFor(async () => expect(await harness.db.outbox.count()).toBe(2));
    expect(await harness.db.drafts.get(draftKeys.refusedThread(threadId))).toBeUndefined();
  });

  it('keeps the text of a draft whose thread is gone, to copy', async () => {
    await harness.db.drafts.put({
      key: draftKeys.refusedReply(THREAD, 'm-3'),
      kind: 'reply',
      targetId: THREAD,
      fields: { body: SENTENCES.ko },
      updatedAt: at(10),
      rejection: { code: 'not-found', mutationName: 'post.create' },
    });
    await harness.show(<DraftsScreen settings={SETTINGS} />);
    await screen.findByText(SENTENCES.ko);
    expect(
      screen.getByText('What it belonged to is no longer on this computer: copy the text to keep it.'),
    ).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull();
    act(() => screen.getByRole('button', { name: 'Copy the text' }).click());
    await screen.findByText('Copied.');
    expect(clipboard.writeText).toHaveBeenCalledWith(SENTENCES.ko);
  });
});
