import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draftKeys } from '../../../src/renderer/src/data/drafts';
import type { CachedNews } from '../../../src/renderer/src/data/db';
import { draftEntries } from '../../../src/renderer/src/features/drafts/draft-places';
import { NewsItemScreen } from '../../../src/renderer/src/features/news/NewsItemScreen';
import { NewsScreen } from '../../../src/renderer/src/features/news/NewsScreen';
import { createHarness, SETTINGS, type Harness } from '../forum/harness';

/**
 * A news item being written is a draft like a forum reply: every language version survives leaving the screen
 * and a restart (the screen is rendered again from what IndexedDB holds), closing the editor keeps it, and only
 * publishing or an explicit discard ends it.
 */
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function change(label: string | RegExp, value: string, container: HTMLElement): void {
  fireEvent.change(within(container).getByLabelText(label), { target: { value } });
}

async function writeTwoVersions(): Promise<HTMLElement> {
  act(() => screen.getByRole('button', { name: 'Write a news item' }).click());
  const form = await screen.findByRole('form', { name: 'New news item' });
  const french = within(form).getByRole('group', { name: 'French' });
  change('Title', 'Appel à candidatures', french);
  change('Text', 'Postulez **vite**.', french);
  fireEvent.change(within(form).getByLabelText('Another language'), { target: { value: 'en' } });
  act(() => within(form).getByRole('button', { name: 'Add this language' }).click());
  const english = within(form).getByRole('group', { name: 'English' });
  change('Title', 'Call for applications', english);
  change('Text', 'Apply **soon**.', english);
  return form;
}

describe('the news editor', () => {
  it('keeps every language version through leaving the screen and a restart, until published', async () => {
    harness = await createHarness(['editor'], ['fr', 'en']);
    const { db, show } = harness;
    const first = await show(<NewsScreen settings={SETTINGS} />);
    await writeTwoVersions();
    // Away to another screen: the editor unmounts, and what it held is written at once.
    first.unmount();
    await waitFor(async () =>
      expect((await db.drafts.get(draftKeys.news()))?.fields).toEqual({
        languages: 'fr,en',
        'title.fr': 'Appel à candidatures',
        'body.fr': 'Postulez **vite**.',
        'title.en': 'Call for applications',
        'body.en': 'Apply **soon**.',
      }),
    );
    // The Drafts view lists it, and opens it on the News screen.
    const [entry] = await draftEntries(db, ['fr', 'en']);
    expect(entry?.subject).toEqual({
      kind: 'news',
      title: { text: 'Appel à candidatures', language: 'fr' },
      edit: false,
    });
    expect(entry?.route).toEqual({ name: 'news' });

    // Back (or after a restart: nothing but IndexedDB is read): the editor opens with both versions.
    await show(<NewsScreen settings={SETTINGS} />);
    const form = await screen.findByRole('form', { name: 'New news item' });
    expect(within(within(form).getByRole('group', { name: 'French' })).getByLabelText('Title')).toHaveProperty(
      'value',
      'Appel à candidatures',
    );
    expect(within(within(form).getByRole('group', { name: 'English' })).getByLabelText('Text')).toHaveProperty(
      'value',
      'Apply **soon**.',
    );
    expect(within(form).getByText('Your draft is back, as you left it.')).toBeDefined();

    // Closing keeps it; the toolbar offers to continue it.
    act(() => within(form).getByRole('button', { name: 'Close (keep the draft)' }).click());
    await screen.findByRole('button', { name: 'Continue the news item you were writing' });
    expect(await db.drafts.get(draftKeys.news())).toBeDefined();
    act(() => screen.getByRole('button', { name: 'Continue the news item you were writing' }).click());

    // Publishing queues the item and ends the draft in the same transaction.
    const again = await screen.findByRole('form', { name: 'New news item' });
    act(() => within(again).getByRole('button', { name: 'Publish' }).click());
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    expect(await db.drafts.get(draftKeys.news())).toBeUndefined();
    const [write] = await db.outbox.toArray();
    expect(write?.args).toMatchObject({
      versions: {
        fr: { title: 'Appel à candidatures', body: 'Postulez **vite**.' },
        en: { title: 'Call for applications', body: 'Apply **soon**.' },
      },
    });
  });

  it('lets the draft go only when discarded explicitly', async () => {
    harness = await createHarness(['editor'], ['fr', 'en']);
    const { db, show } = harness;
    await show(<NewsScreen settings={SETTINGS} />);
    const form = await writeTwoVersions();
    await waitFor(async () => expect(await db.drafts.get(draftKeys.news())).toBeDefined());
    act(() => within(form).getByRole('button', { name: 'Discard the draft' }).click());
    await screen.findByRole('button', { name: 'Write a news item' });
    expect(screen.queryByRole('form', { name: 'New news item' })).toBeNull();
    expect(await db.drafts.get(draftKeys.news())).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps an edit of a published item apart, and opens it again on the item’s page', async () => {
    harness = await createHarness(['editor'], ['fr', 'en']);
    const { db, show } = harness;
    const item: CachedNews = {
      id: '6f1d1e2a-8c3b-4d5e-9f00-0000000000e2',
      authorId: '6f1d1e2a-8c3b-4d5e-9f00-000000000015',
      versions: { fr: { title: 'Les candidatures sont ouvertes', body: 'Postulez.' } },
      createdAt: '2026-03-01T09:00:00.000Z',
      editedAt: null,
      publishedAt: '2026-03-01T09:00:00.000Z',
      pinnedAt: null,
      version: 3,
    };
    await db.news.put(item);
    const page = await show(<NewsItemScreen newsId={item.id} settings={SETTINGS} />);
    const tools = await screen.findByRole('group', { name: 'News team' });
    act(() => within(tools).getByRole('button', { name: 'Edit' }).click());
    const form = await screen.findByRole('form', { name: 'Edit the news item' });
    change('Text', 'Postulez avant le 31 mars.', within(form).getByRole('group', { name: 'French' }));
    page.unmount();
    await waitFor(async () =>
      expect((await db.drafts.get(draftKeys.news(item.id)))?.fields['body.fr']).toBe('Postulez avant le 31 mars.'),
    );
    expect(await db.drafts.get(draftKeys.news())).toBeUndefined();
    await show(<NewsItemScreen newsId={item.id} settings={SETTINGS} />);
    const reopened = await screen.findByRole('form', { name: 'Edit the news item' });
    expect(within(reopened).getByLabelText('Text')).toHaveProperty('value', 'Postulez avant le 31 mars.');
  });
});
