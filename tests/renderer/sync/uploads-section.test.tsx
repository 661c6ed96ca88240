import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UploadState } from '../../../src/shared/contract';
import type { CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SyncCenterScreen } from '../../../src/renderer/src/features/sync/SyncCenterScreen';
import { fakeApi, renderScreen, settings, testDb } from '../library/harness';

const WAITING: UploadState = {
  sha256: 'a'.repeat(64),
  name: 'Programme.pdf',
  mime: 'application/pdf',
  size: 20_000,
  status: 'queued',
  sentBytes: 0,
  error: { code: 'offline', message: 'fetch failed' },
};
const GOING: UploadState = {
  sha256: 'b'.repeat(64),
  name: 'Slides — Financing SSE.pdf',
  mime: 'application/pdf',
  size: 4_000_000,
  status: 'uploading',
  sentBytes: 1_000_000,
};
const REFUSED: UploadState = {
  sha256: 'c'.repeat(64),
  name: '<b>video</b>.mp4',
  mime: 'video/mp4',
  size: 90_000_000,
  status: 'failed',
  sentBytes: 0,
  error: { code: 'too-large', message: 'The server accepts at most 52428800 bytes.' },
};
const DONE: UploadState = {
  sha256: 'd'.repeat(64),
  name: 'Agenda.pdf',
  mime: 'application/pdf',
  size: 5_000,
  status: 'uploaded',
  sentBytes: 5_000,
};

let db: CollectiveBrainDb;
beforeEach(() => {
  db = testDb();
});

function section(): HTMLElement {
  return screen.getByRole('list', { name: 'Uploads' });
}

function row(name: string): HTMLElement {
  const item = within(section()).getByText(name, { selector: '.file-name' }).closest('li');
  if (item === null) throw new Error(`no row for ${name}`);
  return item;
}

async function open(uploads: UploadState[]) {
  const main = fakeApi(
    {
      'files.uploads': () => uploads,
      'files.uploadRetry': () => ({ ...REFUSED, status: 'queued', error: undefined }),
      'files.uploadDiscard': () => ({ reachedServer: false, removedOffline: true }),
    },
    { reachable: false },
  );
  await renderScreen(<SyncCenterScreen settings={settings} />, { api: main.api, db });
  await screen.findByRole('heading', { level: 2, name: 'Uploads' });
  return main;
}

describe('the Sync center’s uploads', () => {
  it('lists what has not reached the server: waiting, going with its progress, failed with why', async () => {
    await open([WAITING, GOING, REFUSED, DONE]);
    await screen.findByRole('list', { name: 'Uploads' });
    expect(within(section()).getAllByRole('listitem')).toHaveLength(3);
    expect(within(section()).queryByText('Agenda.pdf')).toBeNull();

    expect(row('Programme.pdf').textContent).toContain('Waiting for the connection');
    const progress = within(row(GOING.name)).getByRole('progressbar', { name: `Upload of ${GOING.name}` });
    expect(progress.getAttribute('value')).toBe('1000000');
    expect(row(GOING.name).textContent).toContain('Uploading… 25%');
    // Nothing to do on a file under way.
    expect(within(row(GOING.name)).queryByRole('button')).toBeNull();

    // The name is text, never markup; the reason is the user's language, not main's message.
    expect(row(REFUSED.name).querySelector('b')).toBeNull();
    expect(row(REFUSED.name).textContent).toContain('Failed: the file is larger than the server accepts.');
    expect(row(REFUSED.name).textContent).not.toContain('52428800');
    expect(within(row(REFUSED.name)).getByRole('button', { name: `Retry ${REFUSED.name}` })).toBeDefined();
    expect(within(row(REFUSED.name)).getByRole('button', { name: `Remove ${REFUSED.name}` })).toBeDefined();
    expect(within(row('Programme.pdf')).queryByRole('button', { name: /Retry/u })).toBeNull();
  });

  it('follows the upload events: progress, done, discarded', async () => {
    const main = await open([]);
    expect(await screen.findByText('No file waiting to upload.')).toBeDefined();
    act(() => main.emit('files.uploadChanged', { ...GOING, sentBytes: 3_000_000 }));
    expect(row(GOING.name).textContent).toContain('Uploading… 75%');
    act(() => main.emit('files.uploadChanged', WAITING));
    expect(within(section()).getAllByRole('listitem')).toHaveLength(2);
    act(() => main.emit('files.uploadChanged', { ...GOING, status: 'uploaded', sentBytes: GOING.size }));
    act(() => main.emit('files.uploadDiscarded', { sha256: WAITING.sha256 }));
    expect(screen.getByText('No file waiting to upload.')).toBeDefined();
  });

  it('retries a failed upload, and removes one nothing is preparing, saying what becomes of its writes', async () => {
    const main = await open([REFUSED, WAITING]);
    await screen.findByRole('list', { name: 'Uploads' });
    act(() =>
      within(row(REFUSED.name))
        .getByRole('button', { name: `Retry ${REFUSED.name}` })
        .click(),
    );
    await waitFor(() =>
      expect(main.calls.find((call) => call.channel === 'files.uploadRetry')?.input).toEqual({
        sha256: REFUSED.sha256,
      }),
    );

    // A published session waits in the outbox with this file.
    await db.outbox.add({
      id: crypto.randomUUID(),
      name: 'document.create',
      args: {
        id: crypto.randomUUID(),
        type: 'course-material',
        title: { en: 'Video' },
        variants: [{ language: 'en', sha256: REFUSED.sha256 }],
      },
      status: 'pending',
      entityType: 'document',
      entityId: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      attempts: 0,
    });
    act(() =>
      within(row(REFUSED.name))
        .getByRole('button', { name: `Remove ${REFUSED.name}` })
        .click(),
    );
    await waitFor(() =>
      expect(main.calls.find((call) => call.channel === 'files.uploadDiscard')?.input).toEqual({
        sha256: REFUSED.sha256,
      }),
    );
    expect(
      (await screen.findByText(/will be refused by the server and come back to you as drafts/u)).getAttribute('role'),
    ).toBe('status');
  });

  it('does not remove a file a session being prepared still uses, and says where to remove it', async () => {
    const main = await open([WAITING]);
    await db.drafts.put({
      key: 'session:c:s',
      kind: 'session',
      targetId: 's',
      fields: { materials: JSON.stringify([{ content: { kind: 'file', sha256: WAITING.sha256 } }]) },
      updatedAt: new Date().toISOString(),
    });
    await screen.findByRole('list', { name: 'Uploads' });
    act(() => within(row('Programme.pdf')).getByRole('button', { name: 'Remove Programme.pdf' }).click());
    expect((await screen.findByRole('alert')).textContent).toBe(
      '“Programme.pdf” is attached to a session you are preparing: remove it from that session.',
    );
    expect(main.calls.some((call) => call.channel === 'files.uploadDiscard')).toBe(false);
  });
});
