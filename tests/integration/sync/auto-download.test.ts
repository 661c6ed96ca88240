import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { planEditionDownloads } from '../../../src/renderer/src/data/auto-download';
import { openDb } from '../../../src/renderer/src/data/db';

const USER = '11111111-1111-4111-8111-111111111111';
const TURIN = '22222222-2222-4222-8222-222222222222';
const SEOUL = '33333333-3333-4333-8333-333333333333';
const sha = (n: number): string => n.toString(16).padStart(64, '0');

describe('the "my editions" download policy', () => {
  it('plans the best language of each document of the editions the user attended, once, skipping what is stored', async () => {
    const db = openDb('auto-download', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.users.put({
      id: USER,
      displayName: 'Ana',
      roles: ['participant'],
      editions: [TURIN],
      contentLanguages: ['fr'],
      version: 1,
    });
    const session = (id: string, collectionId: string) => ({
      id,
      collectionId,
      title: { en: 'Opening' },
      startsAt: null,
      position: 0,
      version: 1,
    });
    await db.sessions.bulkPut([
      session('a0000000-0000-4000-8000-000000000001', TURIN),
      session('a0000000-0000-4000-8000-000000000002', SEOUL),
    ]);
    const material = (id: string, sessionId: string, documentId: string, position: number) => ({
      id,
      sessionId,
      documentId,
      position,
      title: null,
      kind: 'document' as const,
      version: 1,
    });
    await db.materials.bulkPut([
      material(
        'b0000000-0000-4000-8000-000000000001',
        'a0000000-0000-4000-8000-000000000001',
        'c0000000-0000-4000-8000-000000000001',
        0,
      ),
      material(
        'b0000000-0000-4000-8000-000000000002',
        'a0000000-0000-4000-8000-000000000001',
        'c0000000-0000-4000-8000-000000000002',
        1,
      ),
      material(
        'b0000000-0000-4000-8000-000000000003',
        'a0000000-0000-4000-8000-000000000001',
        'c0000000-0000-4000-8000-000000000001',
        2,
      ),
      material(
        'b0000000-0000-4000-8000-000000000004',
        'a0000000-0000-4000-8000-000000000002',
        'c0000000-0000-4000-8000-000000000003',
        0,
      ),
    ]);
    const document = (
      id: string,
      variants: { language: 'en' | 'fr' | 'es'; sha256: string; size: number; mime: string }[],
    ) => ({
      id,
      type: 'academy-reader' as const,
      title: { en: 'Reader' },
      summary: null,
      series: null,
      year: 2011,
      countries: [],
      topics: [],
      variants,
      createdAt: '2011-01-01T00:00:00.000Z',
      languages: variants.map((v) => v.language),
      version: 1,
    });
    await db.documents.bulkPut([
      document('c0000000-0000-4000-8000-000000000001', [
        { language: 'en', sha256: sha(1), size: 100, mime: 'application/pdf' },
        { language: 'fr', sha256: sha(2), size: 120, mime: 'application/pdf' },
      ]),
      document('c0000000-0000-4000-8000-000000000002', [
        { language: 'es', sha256: sha(3), size: 90, mime: 'application/pdf' },
      ]),
      document('c0000000-0000-4000-8000-000000000003', [
        { language: 'en', sha256: sha(4), size: 50, mime: 'application/pdf' },
      ]),
    ]);
    await db.files.put({ sha256: sha(3), status: 'done', receivedBytes: 90, totalBytes: 90, updatedAt: '' });

    const plan = await planEditionDownloads(db, USER, ['fr']);
    // French where it exists, the Seoul edition (not attended) left out, the stored one skipped, no repeats.
    expect(plan).toEqual([{ sha256: sha(2), size: 120, mime: 'application/pdf', groups: [`edition:${TURIN}`] }]);
    db.close();
  });
});
