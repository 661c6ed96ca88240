import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApi, type Invoke, type Subscribe } from '../../../src/shared/api-builder';
import type { EventName, EventPayload, UploadState } from '../../../src/shared/contract';
import { fail, ok, type Result } from '../../../src/shared/result';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { CollectionScreen } from '../../../src/renderer/src/features/academy/CollectionScreen';
import { SEOUL, seed } from '../library/fixtures';
import { renderScreen, settings, testDb } from '../library/harness';
import { asRecord } from '../../../src/shared/records';

const SHA = 'c'.repeat(64);
const CHUNK = 1024;

interface Call {
  channel: string;
  input: unknown;
}

/**
 * Main as the editor sees it: files arrive in chunks (kept here to check they
 * reassemble), commit answers a queued upload, events can be emitted, and a
 * file named "refused.pdf" is over the limit.
 */
function fakeMain(): {
  api: ReturnType<typeof buildApi>;
  calls: Call[];
  received: () => Uint8Array;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
} {
  const calls: Call[] = [];
  const chunks: string[] = [];
  let begun: { name: string; mime: string; size: number } | undefined;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const answer = (channel: string, input: unknown): Result<unknown> => {
    switch (channel) {
      case 'files.uploadBegin':
        begun = input as { name: string; mime: string; size: number };
        if (begun.name === 'refused.pdf') return fail('too-large', 'Files are limited to 52428800 bytes.');
        return ok({ uploadId: crypto.randomUUID(), chunkBytes: CHUNK });
      case 'files.uploadChunk': {
        const { data, index } = input as { data: string; index: number };
        chunks[index] = data;
        return ok({ receivedBytes: chunks.reduce((sum, chunk) => sum + atob(chunk).length, 0) });
      }
      case 'files.uploadCommit': {
        const state: UploadState = {
          sha256: SHA,
          name: begun?.name ?? '',
          mime: begun?.mime ?? '',
          size: begun?.size ?? 0,
          status: 'queued',
          sentBytes: 0,
        };
        return ok(state);
      }
      case 'files.uploads':
      case 'files.states':
        return ok([]);
      case 'files.uploadRetry':
        return ok({ sha256: SHA, name: 'x', mime: 'application/pdf', size: 1, status: 'queued', sentBytes: 0 });
      case 'files.uploadDiscard':
        return ok({ reachedServer: false, removedOffline: true });
      case 'sync.connectivity':
        return ok({ reachable: false, checkedAt: null, lastReachableAt: null });
      default:
        return fail('signed-out', 'not signed in (test)');
    }
  };
  const invoke: Invoke = (channel, input) => {
    calls.push({ channel, input });
    return Promise.resolve(answer(channel, input));
  };
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  return {
    api: buildApi(invoke, subscribe),
    calls,
    received: () => Uint8Array.from(chunks.flatMap((chunk) => Array.from(atob(chunk), (c) => c.charCodeAt(0)))),
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

async function openEditor(main: ReturnType<typeof fakeMain>): Promise<HTMLElement> {
  await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, {
    api: main.api,
    db,
    roles: ['facilitator'],
  });
  await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
  act(() => screen.getByRole('button', { name: 'New session' }).click());
  const editor = screen.getByRole('form', { name: 'New session' });
  fireEvent.change(within(editor).getByLabelText('Session title'), { target: { value: 'Financing SSE enterprises' } });
  return editor;
}

function pick(editor: HTMLElement, files: File[]): void {
  const input = within(editor).getByLabelText<HTMLInputElement>('Attach files');
  expect(input.type).toBe('file');
  expect(input.multiple).toBe(true);
  fireEvent.change(input, { target: { files } });
}

describe('attaching a file to a session', () => {
  it('sends it in chunks, stages its document and material, shows the upload, and publishes them together', async () => {
    const main = fakeMain();
    const editor = await openEditor(main);
    const bytes = Uint8Array.from({ length: 2_500 }, (_, i) => (i * 7) % 256);
    pick(editor, [new File([bytes], 'Financing SSE — slides.pdf', { type: 'application/pdf' })]);

    const title = await within(editor).findByLabelText<HTMLInputElement>('Document title (in Spanish)');
    expect(within(editor).getByText('Financing SSE — slides.pdf')).toBeDefined();
    expect(main.calls.find((call) => call.channel === 'files.uploadBegin')?.input).toEqual({
      name: 'Financing SSE — slides.pdf',
      mime: 'application/pdf',
      size: 2_500,
    });
    const indexes = main.calls
      .filter((call) => call.channel === 'files.uploadChunk')
      .map((call) => (call.input as { index: number }).index);
    expect(indexes).toEqual([0, 1, 2]);
    expect(main.received()).toEqual(bytes);

    // Offline: kept here, uploads later.
    expect(
      within(editor).getByText('Kept on this computer; it will upload when the connection returns.'),
    ).toBeDefined();
    expect(title.value).toBe('Financing SSE — slides');
    fireEvent.change(title, { target: { value: 'Financing SSE: slides' } });

    const state: UploadState = {
      sha256: SHA,
      name: 'Financing SSE — slides.pdf',
      mime: 'application/pdf',
      size: 2_500,
      status: 'uploading',
      sentBytes: 1_250,
    };
    act(() => main.emit('files.uploadChanged', state));
    expect(within(editor).getByText('Uploading… 50%')).toBeDefined();
    expect(
      within(editor).getByRole('progressbar', { name: 'Upload of Financing SSE — slides.pdf' }).getAttribute('value'),
    ).toBe('1250');
    act(() => main.emit('files.uploadChanged', { ...state, status: 'uploaded', sentBytes: 2_500 }));
    expect(within(editor).getByText('Uploaded.')).toBeDefined();

    // The staged session survives a crash with its file.
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.fields['materials']).toContain(SHA));

    act(() => within(editor).getByRole('button', { name: 'Preview and publish…' }).click());
    const preview = await screen.findByRole('region', { name: 'Before you publish' });
    expect(within(preview).getByText('Added: \u2068Financing SSE: slides\u2069')).toBeDefined();
    act(() => within(preview).getByRole('button', { name: 'Publish' }).click());
    await screen.findByText('Queued: you are offline, the session will be published when the connection returns.');
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((item) => item.name)).toEqual(['session.create', 'document.create', 'material.create']);
    const documentId = String(asRecord(outbox[1]?.args)?.['id']);
    expect(outbox[1]?.args).toEqual({
      id: documentId,
      type: 'course-material',
      // Titled, and its content tagged, in the session's language (here the first content language).
      title: { es: 'Financing SSE: slides' },
      variants: [{ language: 'es', sha256: SHA }],
    });
    expect(outbox[2]?.args).toMatchObject({
      sessionId: asRecord(outbox[0]?.args)?.['id'],
      position: 0,
      title: null,
      content: { kind: 'document', documentId },
    });
    expect(new Set(outbox.map((item) => item.createdAt)).size).toBe(1);
    expect(await db.drafts.count()).toBe(0);
    // Shown at once in the session, before the server has it, with its file's size and type.
    const shown = await screen.findByRole('button', { name: 'Financing SSE: slides' });
    expect(await db.documents.get(documentId)).toMatchObject({
      local: 'pending',
      variants: [{ language: 'es', sha256: SHA, size: 2_500, mime: 'application/pdf' }],
      languages: ['es'],
    });
    expect(shown.closest('.material')?.querySelector('.material-meta')?.textContent).toBe('ES · 2.4 kB');
    expect(document.body.textContent).not.toContain('NaN');
    // Published: the file is used, nothing is discarded.
    expect(main.calls.some((call) => call.channel === 'files.uploadDiscard')).toBe(false);
  });

  it('lets the facilitator choose the session’s language, suggested from the draft, and files follow it unless given their own (issue 17, item 13)', async () => {
    const main = fakeMain();
    const editor = await openEditor(main);
    const language = within(editor).getByLabelText<HTMLSelectElement>('Language of this session');
    expect(language.value).toBe('es');
    fireEvent.change(within(editor).getByLabelText('Session title'), {
      target: { value: 'Le financement des entreprises de l’économie sociale et solidaire' },
    });
    const suggestion = await within(editor).findByText('This text looks like French.');
    act(() => within(suggestion).getByRole('button', { name: 'Use French' }).click());
    expect(language.value).toBe('fr');
    expect(within(editor).queryByText('This text looks like French.')).toBeNull();

    pick(editor, [new File(['a'], 'Programme.pdf', { type: 'application/pdf' })]);
    await within(editor).findByLabelText('Document title (in French)');
    pick(editor, [new File(['b'], 'Slides.pdf', { type: 'application/pdf' })]);
    await waitFor(() => expect(within(editor).getAllByLabelText('Language of this file')).toHaveLength(2));
    // The second file is in English: its own choice; the first follows the session.
    const [, second] = within(editor).getAllByLabelText<HTMLSelectElement>('Language of this file');
    fireEvent.change(second as HTMLSelectElement, { target: { value: 'en' } });
    fireEvent.change(language, { target: { value: 'pt' } });
    await within(editor).findByLabelText('Document title (in Portuguese)');
    expect(within(editor).getByLabelText('Document title (in English)')).toBeDefined();

    act(() => within(editor).getByRole('button', { name: 'Preview and publish…' }).click());
    act(() =>
      within(screen.getByRole('region', { name: 'Before you publish' }))
        .getByRole('button', { name: 'Publish' })
        .click(),
    );
    await screen.findByText(/^Queued: you are offline/u);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(asRecord(outbox[0]?.args)?.['title']).toEqual({
      pt: 'Le financement des entreprises de l’économie sociale et solidaire',
    });
    const documents = outbox.filter((item) => item.name === 'document.create').map((item) => asRecord(item.args));
    expect(documents.map((args) => [args?.['title'], args?.['variants']])).toEqual([
      [{ pt: 'Programme' }, [{ language: 'pt', sha256: expect.any(String) as unknown }]],
      [{ en: 'Slides' }, [{ language: 'en', sha256: expect.any(String) as unknown }]],
    ]);
  });

  it('shows a failed upload with its reason and a retry, and holds back publishing', async () => {
    const main = fakeMain();
    const editor = await openEditor(main);
    pick(editor, [new File(['agenda'], 'agenda.pdf', { type: 'application/pdf' })]);
    await within(editor).findByLabelText('Document title (in Spanish)');
    act(() =>
      main.emit('files.uploadChanged', {
        sha256: SHA,
        name: 'agenda.pdf',
        mime: 'application/pdf',
        size: 6,
        status: 'failed',
        sentBytes: 0,
        error: { code: 'forbidden', message: 'Only facilitators upload files.' },
      }),
    );
    expect(within(editor).getByRole('alert').textContent).toBe('Upload failed: your account may not upload files.');
    act(() => within(editor).getByRole('button', { name: 'Preview and publish…' }).click());
    await within(editor).findByText('An attached file could not be uploaded: retry it or remove it.');
    expect(screen.queryByRole('region', { name: 'Before you publish' })).toBeNull();
    expect(await db.outbox.count()).toBe(0);

    act(() => within(editor).getByRole('button', { name: 'Retry upload agenda.pdf' }).click());
    await waitFor(() =>
      expect(main.calls.find((call) => call.channel === 'files.uploadRetry')?.input).toEqual({ sha256: SHA }),
    );
  });

  it('says why a file cannot be attached, and shows file names as text, never as markup', async () => {
    const main = fakeMain();
    const editor = await openEditor(main);
    pick(editor, [
      new File(['x'], 'refused.pdf', { type: 'application/pdf' }),
      new File(['<p>hi</p>'], '<img src=x onerror=alert(1)>.html', { type: 'text/html' }),
    ]);
    expect(
      await within(editor).findByText('This file could not be attached: the file is larger than the 50 MB limit.'),
    ).toBeDefined();
    await within(editor).findByLabelText('Document title (in Spanish)');
    expect(within(editor).getByText('<img src=x onerror=alert(1)>.html')).toBeDefined();
    expect(editor.querySelector('img')).toBeNull();
    expect(main.calls.filter((call) => call.channel === 'files.uploadCommit')).toHaveLength(1);

    act(() => within(editor).getByRole('button', { name: 'Dismiss refused.pdf' }).click());
    expect(within(editor).queryByText(/could not be attached/u)).toBeNull();
  });

  it('discarding the staged session lets go of its file', async () => {
    const main = fakeMain();
    const editor = await openEditor(main);
    pick(editor, [new File(['agenda'], 'agenda.pdf', { type: 'application/pdf' })]);
    await within(editor).findByLabelText('Document title (in Spanish)');
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.fields['materials']).toContain(SHA));

    act(() => within(editor).getByRole('button', { name: 'Discard staged changes' }).click());
    await waitFor(() =>
      expect(main.calls.filter((call) => call.channel === 'files.uploadDiscard').map((call) => call.input)).toEqual([
        { sha256: SHA },
      ]),
    );
    expect(await db.drafts.count()).toBe(0);
  });

  it('keeps a file another staged session still uses, and lets go of a file removed from the session', async () => {
    const main = fakeMain();
    // Another session being prepared attached the same file.
    await db.drafts.put({
      key: 'session:other:one',
      kind: 'session',
      targetId: 'one',
      fields: { materials: JSON.stringify([{ content: { kind: 'file', sha256: SHA } }]) },
      updatedAt: new Date().toISOString(),
    });
    const editor = await openEditor(main);
    pick(editor, [new File(['agenda'], 'agenda.pdf', { type: 'application/pdf' })]);
    await within(editor).findByLabelText('Document title (in Spanish)');
    act(() => within(editor).getByRole('button', { name: 'Discard staged changes' }).click());
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(main.calls.some((call) => call.channel === 'files.uploadDiscard')).toBe(false);

    await db.drafts.clear();
    act(() => screen.getByRole('button', { name: 'New session' }).click());
    const again = screen.getByRole('form', { name: 'New session' });
    pick(again, [new File(['agenda'], 'agenda.pdf', { type: 'application/pdf' })]);
    await within(again).findByLabelText('Document title (in Spanish)');
    act(() => within(again).getByRole('button', { name: 'Remove (item 1)' }).click());
    await waitFor(() =>
      expect(main.calls.filter((call) => call.channel === 'files.uploadDiscard').map((call) => call.input)).toEqual([
        { sha256: SHA },
      ]),
    );
    expect(within(again).queryByLabelText('Document title (in Spanish)')).toBeNull();
  });
});
