import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { LibraryScreen } from '../../../src/renderer/src/features/library/LibraryScreen';
import { formatBytes } from '../../../src/renderer/src/ui/format';
import { COSTA_RICA_CASE, FUTURE_OF_WORK, SEOUL_READER, SEVEN_COUNTRIES, seed } from './fixtures';
import { fakeApi, renderScreen, settings, testDb } from './harness';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

function facet(name: string): HTMLElement {
  return screen.getByRole('group', { name });
}

function checkbox(group: string, label: RegExp): HTMLInputElement {
  return within(facet(group)).getByRole<HTMLInputElement>('checkbox', { name: label });
}

/** The count shown next to a facet value. */
function countOf(group: string, label: RegExp): string {
  const item = checkbox(group, label).closest('li');
  return item?.querySelector('.facet-count')?.textContent ?? '';
}

/** Waits until the result count says this. */
async function results(text: string): Promise<void> {
  await waitFor(() => expect(document.querySelector('.result-count')?.textContent).toBe(text));
}

function resultTitles(): string[] {
  return screen
    .queryAllByRole('heading', { level: 2 })
    .flatMap((heading) => (heading.classList.contains('document-card-title') ? [heading.textContent] : []));
}

describe('library screen', () => {
  it('shows every document with facet counts, and facets filter and recount', async () => {
    const { api } = fakeApi();
    await renderScreen(<LibraryScreen settings={settings} />, { api, db });
    await results('4 documents');
    expect(screen.getByRole('heading', { level: 1, name: 'Library' })).toBeDefined();

    // Available language: counted over the variants of each document.
    expect(countOf('Available language', /^English/)).toBe('3');
    expect(countOf('Available language', /^Spanish/)).toBe('2');
    expect(countOf('Available language', /^Italian/)).toBe('1');
    expect(countOf('Available language', /^French/)).toBe('1');
    expect(countOf('Year', /^2019/)).toBe('2');
    expect(countOf('Type', /^Case study/)).toBe('1');

    act(() => checkbox('Available language', /^Italian/).click());
    await results('1 document');
    expect(resultTitles()).toEqual([FUTURE_OF_WORK.title.es]);

    // Two values of one facet are alternatives; other facets are recounted for the choice.
    act(() => checkbox('Available language', /^French/).click());
    await results('2 documents');
    expect(countOf('Year', /^2019/)).toBe('1');
    expect(countOf('Year', /^2017/)).toBe('1');
    // A facet's own counts ignore its own choice, so alternatives stay visible.
    expect(countOf('Available language', /^English/)).toBe('3');

    act(() => screen.getByRole('button', { name: 'Clear all filters' }).click());
    await results('4 documents');
    act(() => checkbox('Year', /^2019/).click());
    act(() => checkbox('Type', /^Report/).click());
    await results('1 document');
    expect(resultTitles()).toEqual([SEVEN_COUNTRIES.title.en]);
  });

  it('filters by Academy edition through the sessions’ materials', async () => {
    const { api } = fakeApi();
    await renderScreen(<LibraryScreen settings={settings} />, { api, db });
    await results('4 documents');
    expect(countOf('Academy edition', /Seoul/)).toBe('2');
    act(() => checkbox('Academy edition', /Seoul/).click());
    await results('2 documents');
    expect(resultTitles().sort()).toEqual([SEOUL_READER.title.en, SEVEN_COUNTRIES.title.en].sort());
  });

  it('searches titles and summaries without regard to case or accents', async () => {
    const { api } = fakeApi();
    await renderScreen(<LibraryScreen settings={settings} />, { api, db });
    await results('4 documents');
    const search = screen.getByRole('searchbox', { name: 'Search in the library' });
    fireEvent.change(search, { target: { value: 'economia' } });
    await results('2 documents');
    expect(resultTitles().sort()).toEqual([COSTA_RICA_CASE.title.es, FUTURE_OF_WORK.title.es].sort());

    fireEvent.change(search, { target: { value: 'ÉCONOMIE' } });
    await results('1 document');
    expect(resultTitles()).toEqual([SEOUL_READER.title.en]);
    // Counts follow the search too.
    expect(countOf('Available language', /^French/)).toBe('1');
    expect(within(facet('Available language')).queryByRole('checkbox', { name: /^Spanish/ })).toBeNull();
  });

  it('sorts by year, most recent first', async () => {
    const { api } = fakeApi();
    await renderScreen(<LibraryScreen settings={settings} />, { api, db });
    await results('4 documents');
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'year' } });
    await waitFor(() => expect(resultTitles()[3]).toBe(FUTURE_OF_WORK.title.es));
    expect(resultTitles()[2]).toBe(COSTA_RICA_CASE.title.es);
  });

  it('makes the results available offline after showing their total size, in the best language of each', async () => {
    const { api, calls } = fakeApi({ 'files.download': () => [] });
    await renderScreen(<LibraryScreen settings={settings} />, { api, db });
    await results('4 documents');
    act(() => checkbox('Year', /^2019/).click());
    await results('2 documents');
    act(() => screen.getByRole('button', { name: 'Make these available offline…' }).click());
    const confirm = screen.getByRole('group', { name: 'Confirm the download' });
    const total = formatBytes(2_097_152 + 3_145_728, 'en');
    expect(confirm.textContent).toContain(`Download 2 documents (${total})`);
    expect(calls.some((call) => call.channel === 'files.download')).toBe(false);

    act(() => within(confirm).getByRole('button', { name: 'Download' }).click());
    await screen.findByText(/2 documents are being made available offline/u);
    const download = calls.find((call) => call.channel === 'files.download');
    expect(download?.input).toEqual({
      items: [SEVEN_COUNTRIES, SEOUL_READER].map((document) => ({
        sha256: document.variants[0]?.sha256,
        size: document.variants[0]?.size,
        mime: 'application/pdf',
        pinned: true,
        groups: ['search:year=2019'],
      })),
    });
  });

  it('shows an empty state when nothing has been synced', async () => {
    const { api } = fakeApi();
    await renderScreen(<LibraryScreen settings={settings} />, { api, db: testDb() });
    await screen.findByText('The library is empty for now');
  });
});
