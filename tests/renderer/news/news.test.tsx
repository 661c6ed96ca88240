import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import type { ContentLanguage } from '../../../src/shared/languages';
import { NewsItemScreen } from '../../../src/renderer/src/features/news/NewsItemScreen';
import { NewsScreen } from '../../../src/renderer/src/features/news/NewsScreen';
import { NEWS, seed } from '../library/fixtures';
import { titleOf } from '../../support/news-rows';
import { fakeApi, renderScreen, sessionWith, settings, testDb } from '../library/harness';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

function titlesIn(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('button')
    .map((button) => button.textContent);
}

describe('news', () => {
  it('lists the user’s languages first, each part newest first, with a language badge', async () => {
    const { api } = fakeApi();
    await renderScreen(<NewsScreen settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'News' });
    const lists = await screen.findAllByRole('list');
    const [mine, others] = lists;
    if (mine === undefined || others === undefined) throw new Error('two lists expected');
    // settings.contentLanguages is ['es', 'en'].
    expect(titlesIn(mine)).toEqual([
      'Webinar: the SSE and the future of work',
      'Nueva publicación sobre cooperativas',
      'Call for applications: SSE Academy 2019',
    ]);
    expect(titlesIn(others)).toEqual(['Retour sur l’Académie de Séoul']);
    expect(screen.getByRole('heading', { name: 'In other languages' })).toBeDefined();
    expect(within(others).getByText('In French')).toBeDefined();
  });

  it('is newest first across languages when they are all the user’s', async () => {
    const { api } = fakeApi();
    // The user's languages are their profile's (signed in); this computer's settings agree here.
    const languages: ContentLanguage[] = ['en', 'es', 'fr'];
    const session = sessionWith(['participant']);
    if (session.user === undefined) throw new Error('signed in');
    await renderScreen(<NewsScreen settings={{ ...settings, contentLanguages: languages }} />, {
      api,
      db,
      session: { ...session, user: { ...session.user, contentLanguages: languages } },
    });
    const list = await screen.findByRole('list');
    expect(titlesIn(list)).toEqual(
      [...NEWS].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).map(titleOf),
    );
  });

  it('navigates to an item', async () => {
    const { api } = fakeApi();
    await renderScreen(<NewsScreen settings={settings} />, { api, db });
    const button = await screen.findByRole('button', { name: 'Call for applications: SSE Academy 2019' });
    act(() => button.click());
    expect(useUiStore.getState().route).toEqual({ name: 'news-item', newsId: NEWS[0]?.id });
  });

  it('shows one item with its body', async () => {
    const { api } = fakeApi();
    const item = NEWS[0];
    if (item === undefined) throw new Error('fixture');
    await renderScreen(<NewsItemScreen newsId={item.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: titleOf(item) });
    expect(screen.getByText('now', { selector: 'strong' })).toBeDefined();
  });

  it('has an empty state', async () => {
    const { api } = fakeApi();
    await renderScreen(<NewsScreen settings={settings} />, { api, db: testDb() });
    await screen.findByText('No news yet');
  });
});
