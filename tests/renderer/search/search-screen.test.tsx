import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SearchField } from '../../../src/renderer/src/features/search/SearchField';
import { SearchScreen } from '../../../src/renderer/src/features/search/SearchScreen';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';
import { DOCUMENT_ID, NEWS_ID, THREAD, seedSearchContent, sid } from '../../integration/sync/search-fixtures';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seedSearchContent(db);
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});

function results(): HTMLElement[] {
  return within(screen.getByRole('list')).getAllByRole('article');
}

describe('SearchScreen', () => {
  it('shows ranked results with the matches marked, and opens a post in its thread', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchScreen query="meconnaissance" settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'Search: meconnaissance' });
    await screen.findByText('1 result');
    const [result] = results();
    if (result === undefined) throw new Error('one result expected');
    // The mark shows the word as written, accents and all; the text is never parsed as HTML.
    expect([...result.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['méconnaissance']);
    expect(result.getAttribute('lang')).toBe('fr');
    act(() => within(result).getByRole('button').click());
    expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD, postId: sid(1001) });
  });

  it('filters by type and by language', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchScreen query="cooperativ" settings={settings} />, { api, db });
    await screen.findByText('3 results');
    act(() => screen.getByRole('checkbox', { name: 'News' }).click());
    await screen.findByText('1 result');
    const [news] = results();
    act(() =>
      within(news ?? document.body)
        .getByRole('button')
        .click(),
    );
    expect(useUiStore.getState().route).toEqual({ name: 'news-item', newsId: NEWS_ID });

    act(() => screen.getByRole('checkbox', { name: 'News' }).click());
    act(() => screen.getByRole('checkbox', { name: 'Documents' }).click());
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'fr' } });
    await screen.findByRole('button', { name: 'L’économie sociale et l’avenir du travail' });
    act(() => screen.getByRole('button', { name: 'L’économie sociale et l’avenir du travail' }).click());
    expect(useUiStore.getState().route).toEqual({ name: 'document', documentId: DOCUMENT_ID });
  });

  it('has an empty state before a query', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchScreen query="" settings={settings} />, { api, db });
    await screen.findByText('Type something to search');
    expect(screen.getByRole('heading', { level: 1 }).getAttribute('tabindex')).toBe('-1');
  });

  it('has an empty state when nothing matches', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchScreen query="zzzyyyxxx" settings={settings} />, { api, db });
    await screen.findByText('Nothing found for “zzzyyyxxx”');
  });

  it('the header field opens the results screen', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchField />, { api, db });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search everything on this computer' }), {
      target: { value: '  인권 ' },
    });
    act(() => screen.getByRole('button', { name: 'Search' }).click());
    expect(useUiStore.getState().route).toEqual({ name: 'search', query: '인권' });
  });
});
