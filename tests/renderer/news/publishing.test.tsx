import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { CachedNews } from '../../../src/renderer/src/data/db';
import { homeNews } from '../../../src/renderer/src/features/news/HomeNews';
import { NewsItemScreen } from '../../../src/renderer/src/features/news/NewsItemScreen';
import { NewsScreen } from '../../../src/renderer/src/features/news/NewsScreen';
import type { Role } from '../../../src/shared/wire/roles';
import { createHarness, SETTINGS, type Harness } from '../forum/harness';

/**
 * The news team's writes, over the real data layer (fake IndexedDB): each is queued in the outbox and shown
 * at once, offline; readers never get the team's controls; bodies are sanitized markdown.
 */
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function open(roles: Role[]): Promise<Harness> {
  harness = await createHarness(roles, ['fr', 'en']);
  return harness;
}

const ITEM: CachedNews = {
  id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000e1',
  authorId: '6f1d1e2a-8c3b-4d5e-9f00-000000000015',
  versions: {
    en: {
      title: 'Applications are open',
      body: 'Apply <img src="x" onerror="alert(1)"> **now**<script>alert(2)</script>',
    },
    fr: { title: 'Les candidatures sont ouvertes', body: 'Postulez **maintenant**.' },
  },
  createdAt: '2026-03-01T09:00:00.000Z',
  editedAt: null,
  publishedAt: '2026-03-01T09:00:00.000Z',
  pinnedAt: null,
  version: 3,
};

function change(label: string | RegExp, value: string, container: HTMLElement = document.body): void {
  fireEvent.change(within(container).getByLabelText(label), { target: { value } });
}

describe('the news team', () => {
  it('writes a news item in two languages offline: queued, shown at once, published', async () => {
    const { db, show } = await open(['editor']);
    await show(<NewsScreen settings={SETTINGS} />);
    act(() => screen.getByRole('button', { name: 'Write a news item' }).click());
    const form = await screen.findByRole('form', { name: 'New news item' });
    // The first version starts in the writer's first content language.
    const french = within(form).getByRole('group', { name: 'French' });
    change('Title', 'Appel à candidatures', french);
    change('Text', 'Postulez **vite**.', french);
    fireEvent.change(within(form).getByLabelText('Another language'), { target: { value: 'en' } });
    act(() => within(form).getByRole('button', { name: 'Add this language' }).click());
    const english = within(form).getByRole('group', { name: 'English' });
    // Incomplete: named, nothing queued.
    act(() => within(form).getByRole('button', { name: 'Publish' }).click());
    await within(form).findByText('The English version needs a title and a text.');
    expect(await db.outbox.count()).toBe(0);
    change('Title', 'Call for applications', english);
    change('Text', 'Apply **soon**.', english);
    act(() => within(form).getByRole('button', { name: 'Publish' }).click());

    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [item] = await db.outbox.toArray();
    expect(item?.name).toBe('news.create');
    expect(item?.args).toMatchObject({
      versions: {
        fr: { title: 'Appel à candidatures', body: 'Postulez **vite**.' },
        en: { title: 'Call for applications', body: 'Apply **soon**.' },
      },
    });
    const id = (item?.args as { id: string }).id;
    const row = await db.news.get(id);
    expect(row).toMatchObject({ local: 'pending', pinnedAt: null });
    expect(row?.publishedAt).toEqual(expect.any(String));
    expect(useUiStore.getState().route).toEqual({ name: 'news-item', newsId: id });
  });

  it('unpublishes, pins and deletes an item from its page, each a queued write against its version', async () => {
    const { db, show } = await open(['editor']);
    await db.news.put(ITEM);
    await show(<NewsItemScreen newsId={ITEM.id} settings={SETTINGS} />);
    const tools = await screen.findByRole('group', { name: 'News team' });
    act(() => within(tools).getByRole('button', { name: 'Pin to the top of Home' }).click());
    await within(tools).findByRole('button', { name: 'Unpin from Home' });
    expect((await homeNews(db)).pinnedId).toBe(ITEM.id);
    act(() => within(tools).getByRole('button', { name: 'Unpublish' }).click());
    await within(tools).findByRole('button', { name: 'Publish again' });
    expect(await screen.findByText('Not published')).toBeDefined();
    expect((await db.news.get(ITEM.id))?.publishedAt).toBeNull();
    // Unpublished, it is on Home no more.
    expect((await homeNews(db)).items.map((news) => news.id)).not.toContain(ITEM.id);

    act(() => within(tools).getByRole('button', { name: 'Delete' }).click());
    const dialog = await screen.findByRole('dialog', { name: 'Delete this news item?' });
    act(() => within(dialog).getByRole('button', { name: 'Delete' }).click());
    await waitFor(async () => expect(await db.news.get(ITEM.id)).toBeUndefined());
    const writes = await db.outbox.orderBy('seq').toArray();
    expect(writes.map((write) => [write.name, write.args, write.baseVersion])).toEqual([
      ['news.pin', { id: ITEM.id, pinned: true }, 3],
      ['news.publish', { id: ITEM.id, published: false }, 3],
      ['news.delete', { id: ITEM.id }, 3],
    ]);
  });

  it('edits an item: its versions as the editor leaves them', async () => {
    const { db, show } = await open(['admin']);
    await db.news.put(ITEM);
    await show(<NewsItemScreen newsId={ITEM.id} settings={SETTINGS} />);
    const edit = await screen.findByRole('button', { name: 'Edit' });
    act(() => edit.click());
    const form = await screen.findByRole('form', { name: 'Edit the news item' });
    act(() => within(form).getByRole('button', { name: 'Remove the English version' }).click());
    change('Title', 'Candidatures ouvertes', within(form).getByRole('group', { name: 'French' }));
    act(() => within(form).getByRole('button', { name: 'Save changes' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [write] = await db.outbox.toArray();
    expect([write?.name, write?.args, write?.baseVersion]).toEqual([
      'news.update',
      { id: ITEM.id, versions: { fr: { title: 'Candidatures ouvertes', body: 'Postulez **maintenant**.' } } },
      3,
    ]);
    expect((await db.news.get(ITEM.id))?.versions).toEqual({
      fr: { title: 'Candidatures ouvertes', body: 'Postulez **maintenant**.' },
    });
  });
});

describe('a reader', () => {
  it('sees the version of their language, can switch to another, gets no team controls, and no script', async () => {
    const { db, show } = await open(['participant']);
    await db.news.put(ITEM);
    const { container } = await show(<NewsItemScreen newsId={ITEM.id} settings={SETTINGS} />);
    await screen.findByRole('heading', { level: 1, name: 'Les candidatures sont ouvertes' });
    expect(screen.queryByRole('group', { name: 'News team' })).toBeNull();
    act(() => screen.getByRole('button', { name: 'English' }).click());
    await screen.findByRole('heading', { level: 1, name: 'Applications are open' });
    expect(screen.getByText('now', { selector: 'strong' })).toBeDefined();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
  });

  it('is offered no writing of news', async () => {
    const { show } = await open(['participant']);
    await show(<NewsScreen settings={SETTINGS} />);
    await screen.findByText('No news yet');
    expect(screen.queryByRole('button', { name: 'Write a news item' })).toBeNull();
  });
});
