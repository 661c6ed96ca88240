import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { publishStaged } from '../../../src/renderer/src/features/academy/publish';
import { stageFile } from '../../../src/renderer/src/features/academy/staging';
import { DocumentScreen } from '../../../src/renderer/src/features/library/DocumentScreen';
import { formatBytes } from '../../../src/renderer/src/ui/format';
import { FUTURE_OF_WORK, SEOUL_READER, seed } from './fixtures';
import { fakeApi, renderScreen, sessionWith, settings, testDb } from './harness';

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

function variantRow(language: string): HTMLElement {
  const row = screen.getByText(language, { selector: '.variant-language' }).closest('li');
  if (row === null) throw new Error(`no row for ${language}`);
  return row;
}

describe('document screen', () => {
  it('shows the summary in the user’s best language, says which, and lists every language version with its size', async () => {
    const { api } = fakeApi();
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.es });
    expect(screen.getByText(FUTURE_OF_WORK.summary?.es ?? '')).toBeDefined();
    expect(screen.getByText('Shown in Spanish. Also available in English and Italian.')).toBeDefined();
    expect(screen.getByText('ILO Future of Work Research Paper Series', { selector: 'dd' })).toBeDefined();
    expect(screen.getByText('2017', { selector: 'dd' })).toBeDefined();
    expect(screen.getByRole('heading', { name: '3 language versions' })).toBeDefined();
    for (const [language, variant] of [
      ['English', FUTURE_OF_WORK.variants[0]],
      ['Italian', FUTURE_OF_WORK.variants[1]],
      ['Spanish', FUTURE_OF_WORK.variants[2]],
    ] as const) {
      const row = variantRow(language);
      expect(row.textContent).toContain(formatBytes(variant?.size ?? 0, 'en'));
      expect(row.textContent).toContain('Not on this computer');
    }
  });

  it('follows the content languages of the signed-in profile over this computer’s settings', async () => {
    const { api } = fakeApi();
    const session = sessionWith(['participant']);
    const profile = { ...session, user: { ...session.user, contentLanguages: ['en'] } } as typeof session;
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, {
      api,
      db,
      session: profile,
    });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.en });
    expect(screen.getByText(/^Shown in English\./u)).toBeDefined();
  });

  it('falls back to another language when none of the user’s has a summary, and says so', async () => {
    const { api } = fakeApi();
    await renderScreen(<DocumentScreen documentId={SEOUL_READER.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: SEOUL_READER.title.en });
    expect(screen.getByText(SEOUL_READER.summary?.fr ?? '')).toBeDefined();
    expect(screen.getByText('Shown in French.')).toBeDefined();
  });

  it('makes one version available offline, pinned in the document’s group, and follows its state', async () => {
    const { api, calls, emit } = fakeApi({ 'files.download': () => [] });
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.es });
    const italian = FUTURE_OF_WORK.variants[1];
    if (italian === undefined) throw new Error('fixture');
    act(() => within(variantRow('Italian')).getByRole('button', { name: 'Make available offline (Italian)' }).click());
    await waitFor(() => expect(calls.some((call) => call.channel === 'files.download')).toBe(true));
    expect(calls.find((call) => call.channel === 'files.download')?.input).toEqual({
      items: [
        {
          sha256: italian.sha256,
          size: italian.size,
          mime: italian.mime,
          pinned: true,
          groups: [`document:${FUTURE_OF_WORK.id}`],
        },
      ],
    });

    act(() =>
      emit('files.changed', {
        sha256: italian.sha256,
        status: 'downloading',
        receivedBytes: 500_000,
        totalBytes: italian.size,
      }),
    );
    const progress = await within(variantRow('Italian')).findByRole('progressbar');
    expect(progress.getAttribute('value')).toBe('500000');
    expect(within(variantRow('Italian')).getByRole('button', { name: 'Cancel download (Italian)' })).toBeDefined();

    act(() =>
      emit('files.changed', {
        sha256: italian.sha256,
        status: 'done',
        receivedBytes: italian.size,
        totalBytes: italian.size,
      }),
    );
    await within(variantRow('Italian')).findByText('Available offline');
    act(() => within(variantRow('Italian')).getByRole('button', { name: 'Remove (Italian)' }).click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'files.remove')?.input).toEqual({ sha256: italian.sha256 }),
    );
  });

  it('cites the document: APA by default, copied to the clipboard, or saved as a BibTeX file', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const saveId = '7d0b9a52-1d1e-4c1e-8f5a-0000000000f1';
    const { api, calls } = fakeApi({
      'exports.saveBegin': () => ({ kind: 'chosen', saveId, chunkBytes: 524_288, path: '/home/amina/Economía.bib' }),
      'exports.saveChunk': () => ({ writtenBytes: 1 }),
      'exports.saveCommit': () => ({ path: '/home/amina/Economía.bib' }),
    });
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.es });
    const cite = screen.getByRole('button', { name: 'Cite' });
    act(() => cite.click());
    expect(cite.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Cite this document' });
    const apa =
      'International Labour Organization. (2017). Economía social y solidaria y el futuro del trabajo (ILO Future of Work Research Paper Series).';
    await within(panel).findByText(apa);
    expect(within(panel).getByRole('radio', { name: 'APA (7th edition)' })).toHaveProperty('checked', true);
    act(() => within(panel).getByRole('button', { name: 'Copy' }).click());
    await within(panel).findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(apa);

    act(() => within(panel).getByRole('radio', { name: 'Chicago (author-date)' }).click());
    await within(panel).findByText(/^International Labour Organization\. 2017\. Economía social/u);

    act(() => within(panel).getByRole('button', { name: 'Save as BibTeX (.bib)' }).click());
    await within(panel).findByText('/home/amina/Economía.bib');
    const begin = calls.find((call) => call.channel === 'exports.saveBegin');
    expect(begin?.input).toMatchObject({
      fileName: 'Economía social y solidaria y el futuro del trabajo.bib',
      filter: { name: 'BibTeX bibliography', extensions: ['bib'] },
    });
    const chunk = calls.find((call) => call.channel === 'exports.saveChunk')?.input as { data: string };
    const bibtex = new TextDecoder().decode(Uint8Array.from(atob(chunk.data), (char) => char.charCodeAt(0)));
    expect(bibtex).toMatch(/^@techreport\{International2017Economia,/u);
    expect(bibtex).toContain('title = {Economía social y solidaria y el futuro del trabajo}');
    expect(calls.some((call) => call.channel === 'exports.saveCommit')).toBe(true);

    // Escape closes the panel and gives the focus back to its button.
    act(() => {
      within(panel)
        .getByRole('radio', { name: 'BibTeX (.bib)' })
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(screen.queryByRole('region', { name: 'Cite this document' })).toBeNull();
    expect(document.activeElement).toBe(cite);
  });

  it('opens the viewer on a version not downloaded yet: says so and offers the download', async () => {
    const { api, calls } = fakeApi({ 'files.url': () => null, 'files.download': () => [] });
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.es });
    act(() => within(variantRow('English')).getByRole('button', { name: 'Open (English)' }).click());
    await screen.findByText('This version is not on this computer yet.');
    act(() => screen.getByRole('button', { name: 'Make it available offline' }).click());
    await waitFor(() => expect(calls.some((call) => call.channel === 'files.download')).toBe(true));
  });

  it('opens the file in the viewer as soon as it arrives, showing the download meanwhile (issue 17, item 8)', async () => {
    const sha256 = FUTURE_OF_WORK.variants[0]?.sha256 ?? '';
    let stored = false;
    const { api, calls, emit } = fakeApi({
      'files.url': () => (stored ? `/files/${sha256}` : null),
      'files.download': () => [],
    });
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: FUTURE_OF_WORK.title.es });
    act(() => within(variantRow('English')).getByRole('button', { name: 'Open (English)' }).click());
    await screen.findByText('This version is not on this computer yet.');
    act(() => screen.getByRole('button', { name: 'Make it available offline' }).click());
    act(() => emit('files.changed', { sha256, status: 'downloading', receivedBytes: 300, totalBytes: 1200 }));
    await screen.findByText('Downloading this version…');
    expect(screen.getAllByText(`${formatBytes(300, 'en')} of ${formatBytes(1200, 'en')}`).length).toBeGreaterThan(0);
    const urlCalls = (): number => calls.filter((call) => call.channel === 'files.url').length;
    const before = urlCalls();
    stored = true;
    act(() => emit('files.changed', { sha256, status: 'done', receivedBytes: 1200, totalBytes: 1200 }));
    // The viewer asks for the file again by itself: no "not on this computer" once it is here.
    await waitFor(() => expect(urlCalls()).toBe(before + 1));
    await waitFor(() => expect(screen.queryByText('This version is not on this computer yet.')).toBeNull());
    expect(screen.queryByText('Downloading this version…')).toBeNull();
    // What the download said follows it: no "is being made available" once it is here.
    expect(screen.getByText('The English version is now available offline.')).toBeDefined();
  });

  it('says when it is offline that a download is queued', async () => {
    const { api } = fakeApi({ 'files.download': () => [] }, { reachable: false });
    await renderScreen(<DocumentScreen documentId={FUTURE_OF_WORK.id} settings={settings} />, { api, db });
    await screen.findByText(/You are offline\. Documents already on this computer/u);
    act(() => within(variantRow('English')).getByRole('button', { name: 'Make available offline (English)' }).click());
    await screen.findByText(/the English version is queued/u);
  });

  it('has an empty state for an unknown document', async () => {
    const { api } = fakeApi();
    await renderScreen(<DocumentScreen documentId="00000000-0000-4000-8000-999999999999" settings={settings} />, {
      api,
      db,
    });
    await screen.findByText('This document is not on this computer');
    expect(screen.getByRole('heading', { level: 1, name: 'Document' })).toBeDefined();
  });

  it('shows a document published from this computer before the server has it, with its size, ready to open', async () => {
    const sha256 = 'd'.repeat(64);
    const documentId = crypto.randomUUID();
    const material = stageFile(
      { sha256, name: 'Solidarity finance.pdf', size: 123_456, mime: 'application/pdf' },
      { ui: 'en', content: 'es' },
      { materialId: crypto.randomUUID(), documentId },
    );
    await publishStaged(
      db,
      {
        collectionId: crypto.randomUUID(),
        sessionId: crypto.randomUUID(),
        isNew: true,
        language: 'en',
        title: 'Financing SSE',
        startsAt: '',
        materials: [material],
      },
      { session: undefined, materials: [], nextPosition: 0 },
    );
    const { api, calls } = fakeApi({ 'files.download': () => [] });
    await renderScreen(<DocumentScreen documentId={documentId} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'Solidarity finance' });
    expect(variantRow('Spanish').textContent).toContain(formatBytes(123_456, 'en'));
    expect(document.body.textContent).not.toMatch(/NaN|undefined/u);
    // Its file is already in the store: asking for it again is answered from there, with the real size and type.
    act(() => within(variantRow('Spanish')).getByRole('button', { name: 'Make available offline (Spanish)' }).click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'files.download')?.input).toEqual({
        items: [{ sha256, size: 123_456, mime: 'application/pdf', pinned: true, groups: [`document:${documentId}`] }],
      }),
    );
  });
});
