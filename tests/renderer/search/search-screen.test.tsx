import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../../src/renderer/src/app/ui-store';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SearchField } from '../../../src/renderer/src/features/search/SearchField';
import { SearchScreen } from '../../../src/renderer/src/features/search/SearchScreen';
import { SearchService } from '../../../src/renderer/src/data/search/search-service';
import { ShardedIndex } from '../../../src/renderer/src/data/search/sharded-index';
import { useSearchService } from '../../../src/renderer/src/features/search/use-search';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';
import { DOCUMENT_ID, NEWS_ID, THREAD, seedSearchContent, sid } from '../../integration/sync/search-fixtures';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seedSearchContent(db);
  useUiStore.setState({ route: { name: 'home' }, history: [] });
});

/** The screen the store's route shows: the results screen for a search, else the route's name. */
function Routed(): React.JSX.Element {
  const route = useUiStore((state) => state.route);
  return route.name === 'search' ? <SearchScreen route={route} settings={settings} /> : <p>{route.name}</p>;
}

/** The results screen of `query`, as the app shows it (its route in the store). */
function searchFor(query: string): React.JSX.Element {
  useUiStore.setState({ route: { name: 'search', query }, history: [] });
  return <Routed />;
}

/** A search screen whose query moves on at each click on "next". */
function Queries(): React.JSX.Element {
  const route = useUiStore((state) => state.route);
  const navigate = useUiStore((state) => state.navigate);
  const query = route.name === 'search' ? route.query : '';
  return (
    <>
      <button
        type="button"
        onClick={() => navigate({ name: 'search', query: query === 'meconnaissance' ? 'cooperativ' : 'zzzyyyxxx' })}
      >
        next
      </button>
      <Routed />
    </>
  );
}

function results(): HTMLElement[] {
  return within(screen.getByRole('list')).getAllByRole('article');
}

/** The empty state's title, whose query sits in its own <bdi>: matched on the title's whole text. */
const nothingFound = (query: string) => (_: string, element: Element | null) =>
  element?.classList.contains('state-title') === true && element.textContent === `Nothing found for “${query}”`;

describe('SearchScreen', () => {
  it('shows ranked results with the matches marked, and opens a post in its thread', async () => {
    const { api } = fakeApi();
    await renderScreen(searchFor('meconnaissance'), { api, db });
    await screen.findByRole('heading', { level: 1, name: 'Search: meconnaissance' });
    await screen.findByText('1 result');
    const [result] = results();
    if (result === undefined) throw new Error('one result expected');
    // The mark shows the word as written, accents and all; the text is never parsed as HTML.
    expect([...result.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['méconnaissance']);
    expect(result.getAttribute('lang')).toBe('fr');
    // Its title and snippet take their own direction, whatever the interface's (an English title in Arabic).
    expect(result.querySelector('h2')?.getAttribute('dir')).toBe('auto');
    expect(result.querySelector('.search-snippet')?.getAttribute('dir')).toBe('auto');
    act(() => within(result).getByRole('button').click());
    expect(useUiStore.getState().route).toEqual({ name: 'thread', threadId: THREAD, postId: sid(1001) });
  });

  it('filters by type and by language', async () => {
    const { api } = fakeApi();
    await renderScreen(searchFor('cooperativ'), { api, db });
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
    act(() => useUiStore.getState().back());
    await screen.findByText('1 result');

    act(() => screen.getByRole('checkbox', { name: 'News' }).click());
    act(() => screen.getByRole('checkbox', { name: 'Documents' }).click());
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'fr' } });
    await screen.findByRole('button', { name: 'L’économie sociale et l’avenir du travail' });
    act(() => screen.getByRole('button', { name: 'L’économie sociale et l’avenir du travail' }).click());
    expect(useUiStore.getState().route).toEqual({ name: 'document', documentId: DOCUMENT_ID });
  });

  it('keeps the last results on screen, as they are, until the next query answers', async () => {
    const { api } = fakeApi();
    useUiStore.setState({ route: { name: 'search', query: 'meconnaissance' }, history: [] });
    await renderScreen(<Queries />, { api, db });
    await screen.findByText('1 result');
    expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('false');

    act(() => screen.getByRole('button', { name: 'next' }).click());
    // The new query runs: nothing on screen changes (no "searching" flash), the title comes with the results.
    expect(screen.getByRole('heading', { level: 1, name: 'Search: meconnaissance' })).toBeTruthy();
    expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('false');
    expect(results()).toHaveLength(1);
    expect(screen.queryByText('Searching…')).toBeNull();
    await screen.findByText('3 results');
    expect(screen.getByRole('heading', { level: 1, name: 'Search: cooperativ' })).toBeTruthy();

    // A query that finds nothing: "nothing found" once it has run, never for the results of another.
    const live = screen.getByRole('status');
    expect(live.textContent).toBe('3 results');
    act(() => screen.getByRole('button', { name: 'next' }).click());
    expect(screen.queryByText(nothingFound('zzzyyyxxx'))).toBeNull();
    await screen.findByText(nothingFound('zzzyyyxxx'));
    expect(screen.queryByRole('list')).toBeNull();
    // The same live region says it: the focus stays in the search box, so a screen reader hears it there.
    expect(screen.getByRole('status')).toBe(live);
    expect(live.textContent).toContain('Nothing found for “zzzyyyxxx”');
  });

  it('shows the results of the next query in the elements already on screen', async () => {
    const { api } = fakeApi();
    useUiStore.setState({ route: { name: 'search', query: 'meconnaissance' }, history: [] });
    await renderScreen(<Queries />, { api, db });
    await screen.findByText('1 result');
    const [first] = results();
    act(() => screen.getByRole('button', { name: 'next' }).click());
    await screen.findByText('3 results');
    // The same element, now showing the best result of the new query (not a new element at each query).
    const [best] = results();
    if (best === undefined) throw new Error('results expected');
    expect(best).toBe(first);
    const marks = [...best.querySelectorAll('mark')].map((mark) => mark.textContent.toLowerCase());
    expect(marks).not.toContain('méconnaissance');
    expect(marks[0]).toMatch(/^cooperativ/);
  });

  it('relabels the filters and the results on screen when the UI language changes, without searching again', async () => {
    function French(): React.JSX.Element {
      const { i18n } = useTranslation();
      return (
        <button type="button" onClick={() => void i18n.changeLanguage('fr')}>
          fr
        </button>
      );
    }
    const { api } = fakeApi();
    await renderScreen(
      <>
        <French />
        {searchFor('meconnaissance')}
      </>,
      { api, db },
    );
    await screen.findByText('1 result');
    const [result] = results();
    if (result === undefined) throw new Error('one result expected');
    expect(within(result).getByText('Posts')).toBeTruthy();
    const searched = vi.spyOn(SearchService.prototype, 'search');
    act(() => screen.getByRole('button', { name: 'fr' }).click());
    await screen.findByText('1 résultat');
    // The labels the screen translates once per language: in the result, in the filters, and language names.
    expect(within(result).getByText('Messages')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Messages' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'français' })).toBeTruthy();
    expect(searched).not.toHaveBeenCalled();
  });

  it('marks the last results busy when the next query takes long', async () => {
    const { api } = fakeApi();
    useUiStore.setState({ route: { name: 'search', query: 'meconnaissance' }, history: [] });
    await renderScreen(<Queries />, { api, db });
    await screen.findByText('1 result');
    // The next query is held (a fault made on purpose: a slow index) until released.
    let release = (): void => undefined;
    const held = vi.spyOn(SearchService.prototype, 'search').mockImplementation(function (
      this: SearchService,
      ...args
    ) {
      return new Promise<void>((done) => (release = done)).then(() => {
        held.mockRestore();
        return this.search(...args);
      });
    });
    try {
      act(() => screen.getByRole('button', { name: 'next' }).click());
      await waitFor(() => expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('true'));
      expect(results()).toHaveLength(1);
      release();
      await screen.findByText('3 results');
      expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('false');
    } finally {
      held.mockRestore();
    }
  });

  it('has an empty state before a query', async () => {
    const { api } = fakeApi();
    await renderScreen(searchFor(''), { api, db });
    await screen.findByText('Type something to search');
    expect(screen.getByRole('heading', { level: 1 }).getAttribute('tabindex')).toBe('-1');
  });

  it('has an empty state when nothing matches', async () => {
    const { api } = fakeApi();
    await renderScreen(searchFor('zzzyyyxxx'), { api, db });
    await screen.findByText(nothingFound('zzzyyyxxx'));
    // The query keeps its own direction inside the sentence (an English query in Arabic, or the reverse).
    expect(screen.getByText('zzzyyyxxx', { selector: '.state-title bdi' })).toBeTruthy();
    expect(screen.getByText('zzzyyyxxx', { selector: 'h1 bdi' })).toBeTruthy();
  });

  it('the header field opens the results screen', async () => {
    const { api } = fakeApi();
    await renderScreen(<SearchField settings={settings} />, { api, db });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search everything on this computer' }), {
      target: { value: '  인권 ' },
    });
    act(() => screen.getByRole('button', { name: 'Search' }).click());
    expect(useUiStore.getState().route).toEqual({ name: 'search', query: '인권' });
  });

  it('the header field runs the query as it is typed, with the screen’s filters, and sends it as it is', async () => {
    const { api } = fakeApi();
    useUiStore.setState({ route: { name: 'search', query: 'meconnaissance', kinds: ['news'] }, history: [] });
    const found: SearchService[] = [];
    function Probe(): null {
      const service = useSearchService();
      useEffect(() => {
        found.push(service);
      }, [service]);
      return null;
    }
    await renderScreen(
      <>
        <Probe />
        <SearchField settings={settings} />
        <Routed />
      </>,
      { api, db },
    );
    await screen.findByText(nothingFound('meconnaissance'));
    // The index is built and has indexed everything (a later flush would rightly run the query again).
    await found[0]?.whenIdle();
    const searched = vi.spyOn(SearchService.prototype, 'search');
    // The runs of this query itself: what other queries (the screen's, another test's) do is not counted.
    const ranked = vi.spyOn(ShardedIndex.prototype, 'search');
    const runs = (): number => ranked.mock.calls.filter(([query]) => query === 'cooperativ').length;
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'cooperativ' } });
    // Run once, while the text sits in the box, with the results screen's filters.
    await expect.poll(runs).toBe(1);
    expect(searched.mock.calls.at(-1)?.[1]).toEqual({
      kinds: ['news'],
      languages: [],
      preferredLanguages: ['es', 'en'],
    });
    act(() => screen.getByRole('button', { name: 'Search' }).click());
    // Sent from the results screen, the query keeps its filters; its answer is the one already there.
    expect(useUiStore.getState().route).toEqual({ name: 'search', query: 'cooperativ', kinds: ['news'] });
    await screen.findByText('1 result');
    expect(runs()).toBe(1);
    searched.mockRestore();
    ranked.mockRestore();
  });

  it('keeps the filters in the route: back brings them back with their results', async () => {
    const { api } = fakeApi();
    await renderScreen(searchFor('cooperativ'), { api, db });
    await screen.findByText('3 results');
    act(() => screen.getByRole('checkbox', { name: 'News' }).click());
    await screen.findByText('1 result');
    // A filter changes the route in place: no step in the history.
    expect(useUiStore.getState()).toMatchObject({
      route: { name: 'search', query: 'cooperativ', kinds: ['news'] },
      history: [],
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'es' } });
    await waitFor(() =>
      expect(useUiStore.getState().route).toEqual({
        name: 'search',
        query: 'cooperativ',
        kinds: ['news'],
        language: 'es',
      }),
    );
    act(() =>
      within(results()[0] ?? document.body)
        .getByRole('button')
        .click(),
    );
    expect(useUiStore.getState().route).toEqual({ name: 'news-item', newsId: NEWS_ID });
    act(() => useUiStore.getState().back());
    await screen.findByText('1 result');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'News' }).checked).toBe(true);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Language' }).value).toBe('es');
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: '' } });
    await waitFor(() =>
      expect(useUiStore.getState().route).toEqual({ name: 'search', query: 'cooperativ', kinds: ['news'] }),
    );
  });
});
