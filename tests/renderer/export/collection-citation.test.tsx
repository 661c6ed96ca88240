/**
 * An Academy edition cited as a whole, on its own screen: every document and link among its sessions'
 * materials, once each, in the chosen style.
 */
import { act, screen, within } from '@testing-library/react';
import { beforeEach, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { CollectionScreen } from '../../../src/renderer/src/features/academy/CollectionScreen';
import { SEOUL, SEOUL_READER, seed } from '../library/fixtures';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

it('cites an edition as the bibliography of its documents and links', async () => {
  const { api } = fakeApi();
  await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, { api, db });
  await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
  act(() => screen.getByRole('button', { name: 'Cite' }).click());
  const panel = screen.getByRole('region', { name: 'Cite this edition' });
  await within(panel).findByText(/^\d+ references: every document and link among its session materials\.$/u);
  const preview = await within(panel).findByText((_text, element) => element?.tagName === 'PRE');
  const apa = preview.textContent;
  expect(apa).toContain(SEOUL_READER.title.en);
  expect(apa).toContain('https://sehub.net/');
  act(() => within(panel).getByRole('radio', { name: 'BibTeX (.bib)' }).click());
  await within(panel).findByText((_text, element) => element?.tagName === 'PRE' && element.textContent.startsWith('@'));
  const bibtex = panel.querySelector('pre')?.textContent ?? '';
  expect(bibtex.match(/^@\w+\{/gmu)?.length).toBe(apa.split('\n').length);
  expect(bibtex).toContain('url = {https://sehub.net/}');
});
