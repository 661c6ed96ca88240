import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { AcademyScreen } from '../../../src/renderer/src/features/academy/AcademyScreen';
import { CollectionScreen } from '../../../src/renderer/src/features/academy/CollectionScreen';
import { formatBytes } from '../../../src/renderer/src/ui/format';
import { SEOUL, SEOUL_READER, SEVEN_COUNTRIES, seed } from '../library/fixtures';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';
import { asRecord } from '../../../src/shared/records';

const field = (args: unknown, name: string): unknown => asRecord(args)?.[name];

let db: CollectiveBrainDb;
beforeEach(async () => {
  db = testDb();
  await seed(db);
});

describe('academy timeline', () => {
  it('lists every edition by year with number, city, country and theme, then the other collections', async () => {
    const { api } = fakeApi();
    await renderScreen(<AcademyScreen settings={settings} />, { api, db });
    expect(await screen.findByRole('heading', { level: 1, name: 'Academy' })).toBeDefined();
    const timeline = (await screen.findByRole('heading', { name: 'Editions' })).nextElementSibling as HTMLElement;
    const editions = within(timeline)
      .getAllByRole('listitem')
      .map((item) => within(item).getByRole('button').textContent);
    expect(editions).toEqual([
      'Edition 1 · Turin, Italy · 2010',
      'Edition 2 · Montreal, Canada · 2011',
      'Edition 3 · Agadir, Morocco · 2013',
      'Edition 4 · Campinas, Brazil · 2014',
      'Edition 5 · Johannesburg, South Africa · 2015',
      'Edition 6 · Puebla, Mexico · 2017',
      'Edition 7 · San José, Costa Rica · 2018',
      'Edition 8 · Seoul, South Korea · 2019',
    ]);
    expect(within(timeline).getByText('SSE Academy Seoul')).toBeDefined();
    expect(screen.getByRole('heading', { name: 'Other collections' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Webinars on the SSE' })).toBeDefined();
  });
});

describe('an edition', () => {
  it('shows its sessions in order with their materials: documents, links (opened outside) and notes', async () => {
    const { api, calls } = fakeApi({ 'shell.openExternal': () => null });
    await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
    const sessions = screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(sessions).toEqual(['Opening: SSE and local development', 'Public policies for the SSE']);
    expect(screen.getByRole('button', { name: SEOUL_READER.title.en })).toBeDefined();
    expect(screen.getByText('chapter 2', { selector: 'strong' })).toBeDefined();
    act(() => screen.getByRole('button', { name: 'Seoul Social Economy Center' }).click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'shell.openExternal')?.input).toEqual({ url: 'https://sehub.net/' }),
    );
    // Participants do not get the editor.
    expect(screen.queryByRole('button', { name: 'New session' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit session/u })).toBeNull();
  });

  it('"Download this edition" shows the total size first, then downloads with the edition’s group and shows progress', async () => {
    const { api, calls, emit } = fakeApi({ 'files.download': () => [] });
    await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, { api, db });
    await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
    const reader = SEOUL_READER.variants[0];
    const report = SEVEN_COUNTRIES.variants[0];
    if (reader === undefined || report === undefined) throw new Error('fixture');
    const total = formatBytes(reader.size + report.size, 'en');
    expect(screen.getByText(`2 documents, ${total} in your preferred languages.`)).toBeDefined();

    act(() => screen.getByRole('button', { name: 'Download this edition…' }).click());
    const confirm = screen.getByRole('group', { name: 'Confirm the download' });
    expect(confirm.textContent).toContain(`Download 2 documents (${total}) to this computer?`);
    expect(calls.some((call) => call.channel === 'files.download')).toBe(false);

    act(() => within(confirm).getByRole('button', { name: 'Download' }).click());
    await waitFor(() => expect(calls.some((call) => call.channel === 'files.download')).toBe(true));
    const input = calls.find((call) => call.channel === 'files.download')?.input as {
      items: { sha256: string; size: number; pinned: boolean; groups: string[] }[];
    };
    expect(input.items.map((item) => item.sha256).sort()).toEqual([reader.sha256, report.sha256].sort());
    for (const item of input.items) {
      expect(item.pinned).toBe(true);
      expect(item.groups).toEqual([`edition:${SEOUL}`]);
    }

    act(() => {
      emit('files.changed', {
        sha256: reader.sha256,
        status: 'done',
        receivedBytes: reader.size,
        totalBytes: reader.size,
      });
      emit('files.changed', {
        sha256: report.sha256,
        status: 'downloading',
        receivedBytes: 1_048_576,
        totalBytes: report.size,
      });
    });
    const bar = await screen.findByRole('progressbar', { name: 'Download of this edition' });
    expect(bar.getAttribute('value')).toBe(String(reader.size + 1_048_576));
    expect(
      screen.getByText(`${formatBytes(reader.size + 1_048_576, 'en')} of ${total} downloaded (1 of 2 files).`),
    ).toBeDefined();

    act(() => screen.getByRole('button', { name: 'Remove offline copies' }).click());
    await waitFor(() =>
      expect(calls.find((call) => call.channel === 'files.remove')?.input).toEqual({ group: `edition:${SEOUL}` }),
    );
  });
});

describe('a facilitator preparing a session', () => {
  it('stages a new session as a draft and publishes it as one outbox transaction', async () => {
    const { api } = fakeApi({}, { reachable: false });
    await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, {
      api,
      db,
      roles: ['facilitator'],
    });
    await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
    act(() => screen.getByRole('button', { name: 'New session' }).click());
    const editor = screen.getByRole('form', { name: 'New session' });
    expect(within(editor).getByText('Staged — not yet published')).toBeDefined();
    fireEvent.change(within(editor).getByLabelText('Session title'), { target: { value: 'Closing: the way forward' } });
    fireEvent.change(within(editor).getByLabelText('Starts at'), { target: { value: '2019-10-18T14:00' } });

    // A document from the library, then a link, then a note.
    act(() => within(editor).getByRole('button', { name: 'Add material' }).click());
    fireEvent.change(within(editor).getByLabelText('Document from the library'), {
      target: { value: SEVEN_COUNTRIES.id },
    });
    fireEvent.change(within(editor).getByLabelText('New material'), { target: { value: 'link' } });
    act(() => within(editor).getByRole('button', { name: 'Add material' }).click());
    fireEvent.change(within(editor).getByLabelText('Link address (https://…)'), {
      target: { value: 'https://www.ilo.org/sse' },
    });
    fireEvent.change(within(editor).getByLabelText('New material'), { target: { value: 'note' } });
    act(() => within(editor).getByRole('button', { name: 'Add material' }).click());
    fireEvent.change(within(editor).getByLabelText('Note (markdown)'), {
      target: { value: 'Bring your **action plan**.' },
    });
    // The note goes first.
    act(() => within(editor).getByRole('button', { name: 'Move up (item 3)' }).click());
    act(() => within(editor).getByRole('button', { name: 'Move up (item 2)' }).click());

    const drafts = await waitFor(async () => {
      const rows = await db.drafts.toArray();
      expect(rows[0]?.fields['materials']).toContain('action plan');
      return rows;
    });
    expect(drafts).toHaveLength(1);
    const draft = drafts[0];
    expect(draft?.kind).toBe('session');
    expect(draft?.key).toBe(`session:${SEOUL}:${draft?.targetId ?? ''}`);
    expect(draft?.fields['title']).toBe('Closing: the way forward');
    expect(await db.outbox.count()).toBe(0);

    expect(within(editor).getByText(/You are offline: publishing queues the session/u)).toBeDefined();
    act(() => within(editor).getByRole('button', { name: 'Preview and publish…' }).click());
    // What readers will see, drawn as the edition draws it, and what publishing changes (issue 17, item 14).
    const preview = await screen.findByRole('region', { name: 'Before you publish' });
    expect(within(preview).getByRole('heading', { name: 'Closing: the way forward' })).toBeDefined();
    expect(within(preview).getByText('action plan', { selector: 'strong' })).toBeDefined();
    expect(within(preview).getByRole('button', { name: SEVEN_COUNTRIES.title.en })).toBeDefined();
    expect(within(preview).getByText('A new session in this edition')).toBeDefined();
    expect(await db.outbox.count()).toBe(0);
    // Back to editing keeps everything; publishing happens once, from the preview.
    act(() => within(preview).getByRole('button', { name: 'Back to editing' }).click());
    act(() => screen.getByRole('button', { name: 'Preview and publish…' }).click());
    const again = await screen.findByRole('region', { name: 'Before you publish' });
    const publish = within(again).getByRole('button', { name: 'Publish' });
    act(() => {
      publish.click();
      publish.click();
    });
    await screen.findByText('Queued: you are offline, the session will be published when the connection returns.');

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((item) => item.name)).toEqual([
      'session.create',
      'material.create',
      'material.create',
      'material.create',
    ]);
    // One enqueueWrites call: one timestamp for all, and the draft removed in the same transaction.
    expect(new Set(outbox.map((item) => item.createdAt)).size).toBe(1);
    expect(await db.drafts.count()).toBe(0);
    const sessionId = draft?.targetId ?? '';
    expect(outbox[0]?.args).toEqual({
      id: sessionId,
      collectionId: SEOUL,
      title: { es: 'Closing: the way forward' },
      startsAt: new Date('2019-10-18T14:00').toISOString(),
      position: 2,
    });
    expect(
      outbox.slice(1).map(({ args }) => [field(args, 'position'), field(args, 'content'), field(args, 'sessionId')]),
    ).toEqual([
      [0, { kind: 'note', note: 'Bring your **action plan**.' }, sessionId],
      [1, { kind: 'document', documentId: SEVEN_COUNTRIES.id }, sessionId],
      [2, { kind: 'link', url: 'https://www.ilo.org/sse' }, sessionId],
    ]);
    // Shown at once (optimistically), with its materials.
    await screen.findByRole('heading', { level: 3, name: 'Closing: the way forward' });
    expect(await screen.findByText('action plan', { selector: 'strong' })).toBeDefined();
  });

  it('reorders and removes materials of a published session: only what changed is written', async () => {
    const { api } = fakeApi();
    await renderScreen(<CollectionScreen collectionId={SEOUL} settings={settings} />, {
      api,
      db,
      roles: ['facilitator'],
    });
    await screen.findByRole('heading', { level: 1, name: 'SSE Academy 2019' });
    act(() => screen.getByRole('button', { name: 'Edit session Public policies for the SSE' }).click());
    const editor = screen.getByRole('form', { name: 'Edit session' });
    act(() => within(editor).getByRole('button', { name: 'Move up (item 2)' }).click());
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));

    act(() => within(editor).getByRole('button', { name: 'Close (keep staged)' }).click());
    expect(await screen.findByText('Staged — not yet published')).toBeDefined();
    act(() => screen.getByRole('button', { name: 'Continue editing Public policies for the SSE' }).click());
    const again = screen.getByRole('form', { name: 'Edit session' });
    act(() => within(again).getByRole('button', { name: 'Remove (item 2)' }).click());
    act(() => within(again).getByRole('button', { name: 'Preview and publish…' }).click());
    const preview = await screen.findByRole('region', { name: 'Before you publish' });
    const changes = within(preview)
      .getAllByRole('listitem')
      .map((item) => item.textContent)
      .filter((text) => text.startsWith('Removed') || text.includes('order'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^Removed: /u);
    act(() => within(preview).getByRole('button', { name: 'Publish' }).click());
    await screen.findByText('Published. The session is on its way to the server.');

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((item) => [item.name, item.args])).toEqual([
      ['material.delete', { id: '00000000-0000-4000-8000-000000000303' }],
      ['material.update', { id: '00000000-0000-4000-8000-000000000304', position: 0 }],
    ]);
    expect(outbox.map((item) => item.baseVersion)).toEqual([1, 1]);
    expect(await db.drafts.count()).toBe(0);
  });
});
