import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachedReport } from '../../../src/renderer/src/data/db';
import { ForumScreen } from '../../../src/renderer/src/features/forum/ForumScreen';
import { ModerationScreen } from '../../../src/renderer/src/features/moderation/ModerationScreen';
import { ThreadScreen } from '../../../src/renderer/src/features/forum/ThreadScreen';
import type { Role } from '../../../src/shared/wire/roles';
import {
  at,
  CATEGORY,
  createHarness,
  makePosts,
  MEMBERS,
  ME,
  seedForum,
  SETTINGS,
  stubScrollerHeight,
  THREAD,
  type Harness,
} from './harness';

/**
 * Reports and moderation over the real data layer (fake IndexedDB): a reader reports a post, a moderator works
 * the queue (the post's change and the record go out together, in that order), deletes someone else's post and
 * moves a thread; an author may delete their thread only while nobody else wrote in it.
 */
let harness: Harness | undefined;
let restoreLayout: (() => void) | undefined;

async function open(roles: Role[]): Promise<Harness> {
  restoreLayout = stubScrollerHeight();
  harness = await createHarness(roles);
  return harness;
}
afterEach(async () => {
  restoreLayout?.();
  restoreLayout = undefined;
  await harness?.cleanup();
  harness = undefined;
});

const REPORTED = makePosts(2)[1];
const REPORT: CachedReport = {
  id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000f1',
  postId: REPORTED?.id ?? '',
  threadId: THREAD,
  postAuthorId: REPORTED?.authorId ?? '',
  reporterId: MEMBERS[0].id,
  reason: 'abuse',
  note: 'Insults in the second paragraph',
  createdAt: at(30),
  resolution: null,
  version: 1,
};

async function articles(): Promise<HTMLElement[]> {
  return screen.findAllByRole('article');
}

describe('a reader', () => {
  it('reports someone else’s post with a reason, offline, and sees it waiting', async () => {
    const { db, show } = await open(['participant']);
    await seedForum(db, makePosts(2));
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const [, second] = await articles();
    if (second === undefined) throw new Error('two posts');
    act(() => within(second).getByRole('button', { name: 'Report' }).click());
    const form = await within(second).findByRole('form', { name: 'Why are you reporting this post?' });
    act(() => within(form).getByRole('radio', { name: 'Off topic' }).click());
    fireEvent.change(within(form).getByLabelText('What the moderators should know (optional)'), {
      target: { value: 'About football' },
    });
    act(() => within(form).getByRole('button', { name: 'Send the report' }).click());
    await within(second).findByText('Your report waits to be sent to the moderators.');
    const [write] = await db.outbox.toArray();
    expect(write?.name).toBe('report.create');
    expect(write?.args).toMatchObject({ postId: REPORTED?.id, reason: 'off-topic', note: 'About football' });
    // Kept with the post's thread and author, for the moderators' queue.
    const [report] = await db.reports.toArray();
    expect(report).toMatchObject({ threadId: THREAD, postAuthorId: REPORTED?.authorId, local: 'pending' });
  });
});

describe('a reporter', () => {
  it('hears what the moderators did with their report, and when, not who', async () => {
    const { db, show } = await open(['participant']);
    await seedForum(db, makePosts(2));
    const at = '2026-03-04T10:20:00.000Z';
    await db.reports.put({
      ...REPORT,
      reporterId: ME,
      resolution: { action: 'contacted', moderatorId: MEMBERS[2].id, at, note: null, replyId: REPORT.id },
      version: 2,
    });
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const [, second] = await articles();
    if (second === undefined) throw new Error('two posts');
    act(() => within(second).getByRole('button', { name: 'Report' }).click());
    const review = await within(second).findByText(
      /^The moderators reviewed your report on .* and wrote to the post’s author\.$/u,
    );
    expect(review.textContent).not.toContain(MEMBERS[2].displayName);
    // Reviewed, the post may be reported again.
    expect(within(second).getByRole('button', { name: 'Send the report' })).toBeDefined();
  });
});

describe('a moderator', () => {
  it('hides a reported post from the queue: the hide, then the record, in one go', async () => {
    const { db, show } = await open(['moderator']);
    await seedForum(db, makePosts(2));
    await db.reports.put(REPORT);
    await show(<ModerationScreen />);
    const queue = await screen.findByRole('region', { name: '1 open report' });
    await within(queue).findByText('Insults in the second paragraph');
    expect(within(queue).getByText('Abusive or hateful')).toBeDefined();
    act(() => within(queue).getByRole('button', { name: 'Hide the post' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(2));
    const writes = await db.outbox.orderBy('seq').toArray();
    expect(writes.map((write) => [write.name, write.args])).toEqual([
      ['post.hide', { id: REPORTED?.id, hidden: true }],
      ['report.resolve', { id: REPORT.id, action: 'hidden' }],
    ]);
    await within(queue).findByText('No open report');
    expect((await db.reports.get(REPORT.id))?.resolution).toMatchObject({ action: 'hidden' });
  });

  it('shows who resolved what, and when; the Forum links to the queue while reports are open', async () => {
    const { db, show } = await open(['moderator']);
    await seedForum(db, makePosts(2));
    await db.reports.put(REPORT);
    const forum = await show(<ForumScreen settings={SETTINGS} />);
    await screen.findByRole('button', { name: '1 open report waits in the moderation queue' });
    forum.unmount();
    await show(<ModerationScreen />);
    const queue = await screen.findByRole('region', { name: '1 open report' });
    act(() => within(queue).getByRole('button', { name: 'Dismiss' }).click());
    await within(queue).findByText('No open report');
    // The server's copy comes back with the moderator and the time: the record shows both.
    const at = '2026-03-04T10:20:00.000Z';
    await db.reports.put({
      ...REPORT,
      resolution: { action: 'dismissed', moderatorId: ME, at, note: null, replyId: null },
      version: 2,
    });
    const record = await screen.findByRole('region', { name: 'Recently resolved (1)' });
    await within(record).findByText('Sam Taylor');
    expect(within(record).getByText(/^Dismissed by/u)).toBeDefined();
    expect(record.querySelector('.forum-report-resolution time')?.getAttribute('dateTime')).toBe(at);
  });

  it('contacts the author: a reply in the thread, named by the record', async () => {
    const { db, show } = await open(['moderator']);
    await seedForum(db, makePosts(2));
    await db.reports.put(REPORT);
    await show(<ModerationScreen />);
    const queue = await screen.findByRole('region', { name: '1 open report' });
    const contact = await within(queue).findByRole('button', { name: 'Contact the author' });
    act(() => contact.click());
    fireEvent.change(within(queue).getByLabelText('Your reply to the author, in the thread'), {
      target: { value: 'Please keep it civil.' },
    });
    act(() => within(queue).getByRole('button', { name: 'Reply and resolve' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(2));
    const [reply, record] = await db.outbox.orderBy('seq').toArray();
    expect(reply?.args).toMatchObject({ threadId: THREAD, body: 'Please keep it civil.', replyTo: REPORTED?.id });
    expect(record?.args).toEqual({ id: REPORT.id, action: 'contacted', replyId: (reply?.args as { id: string }).id });
  });

  it('deletes someone else’s post and moves the thread, from the thread', async () => {
    const { db, show } = await open(['moderator']);
    await seedForum(db, makePosts(2));
    const other = {
      id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000c2',
      name: { en: 'Solidarity finance' },
      position: 1,
      version: 1,
    };
    await db.categories.put(other);
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const [first] = await articles();
    if (first === undefined) throw new Error('a post');
    act(() => within(first).getByRole('button', { name: 'Delete (moderator)' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Delete this post?' });
    act(() => within(dialog).getByRole('button', { name: 'Delete' }).click());
    const tools = screen.getByRole('group', { name: 'Moderation' });
    fireEvent.change(await within(tools).findByLabelText('Move to'), { target: { value: other.id } });
    act(() => within(tools).getByRole('button', { name: 'Move thread' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(2));
    const writes = await db.outbox.orderBy('seq').toArray();
    expect(writes.map((write) => [write.name, write.args])).toEqual([
      ['post.delete', { id: makePosts(1)[0]?.id }],
      ['thread.move', { id: THREAD, categoryId: other.id }],
    ]);
    await waitFor(async () => expect((await db.threads.get(THREAD))?.categoryId).toBe(other.id));
  });
});

describe('a thread’s author', () => {
  it('may close, not delete, a thread others replied in', async () => {
    const { db, show } = await open(['participant']);
    await seedForum(db, makePosts(2), { authorId: ME });
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const own = await screen.findByRole('group', { name: 'Your thread' });
    expect(within(own).queryByRole('button', { name: 'Delete my thread' })).toBeNull();
    act(() => within(own).getByRole('button', { name: 'Close to new replies' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [write] = await db.outbox.toArray();
    expect([write?.name, write?.args]).toEqual(['thread.lock', { id: THREAD, locked: true }]);
  });

  it('may delete a thread nobody else wrote in', async () => {
    const { db, show } = await open(['participant']);
    const mine = makePosts(1).map((post) => ({ ...post, authorId: ME }));
    await seedForum(db, mine, { authorId: ME, categoryId: CATEGORY });
    await show(<ThreadScreen threadId={THREAD} settings={SETTINGS} />);
    const own = await screen.findByRole('group', { name: 'Your thread' });
    act(() => within(own).getByRole('button', { name: 'Delete my thread' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Delete this thread?' });
    act(() => within(dialog).getByRole('button', { name: 'Delete thread' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [write] = await db.outbox.toArray();
    expect([write?.name, write?.args]).toEqual(['thread.delete', { id: THREAD }]);
  });
});
