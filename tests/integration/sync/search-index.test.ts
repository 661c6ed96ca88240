import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { SearchService } from '../../../src/renderer/src/data/search/search-service';
import { INDEX_FORMAT } from '../../../src/renderer/src/data/search/search-index';
import { pdfTextOf } from '../../../src/renderer/src/data/search/pdf-text';
import { META_KEY, loadMeta, loadShard } from '../../../src/renderer/src/data/search/persistence';
import { makePdf } from '../../../server/seed/pdf';
import type { ContentLanguage } from '../../../src/shared/languages';
import {
  DOCUMENT_ID,
  DOCUMENT_ROW,
  NEWS_ID,
  PDF_SHA,
  THREAD,
  THREAD_ROW,
  UDHR_OPENINGS,
  post,
  seedSearchContent,
  sid,
} from './search-fixtures';

const open: { db: CollectiveBrainDb; service: SearchService }[] = [];
const opened = (db: CollectiveBrainDb, service: SearchService): void => {
  open.push({ db, service });
};
afterEach(async () => {
  for (const { db, service } of open.splice(0)) {
    await service.close();
    db.close();
  }
});

/** The document ids in a stored shard (stored-form.ts: four entries per document, the id second). */
function storedIds(json: string): string[] {
  const documents = (JSON.parse(json) as { documents?: unknown[] }).documents ?? [];
  return documents.filter((_, n) => n % 4 === 1).map(String);
}

function fresh(factory = new IDBFactory(), name = 'search'): CollectiveBrainDb {
  return openDb(name, { indexedDB: factory, IDBKeyRange });
}

async function serviceFor(
  db: CollectiveBrainDb,
  extractPdfText?: (sha: string) => Promise<string | null>,
): Promise<SearchService> {
  const service = new SearchService(db, { saveDelayMs: 10_000, ...(extractPdfText ? { extractPdfText } : {}) });
  open.push({ db, service });
  await service.open();
  await service.whenIdle();
  return service;
}

/**
 * A first start builds and saves the index of the seeded content (after `prepare`), and closes; the second
 * start's database and search service are returned, the service not yet watching or open.
 */
async function secondStart(
  name: string,
  prepare?: (db: CollectiveBrainDb) => Promise<unknown>,
): Promise<{ db: CollectiveBrainDb; service: SearchService }> {
  const factory = new IDBFactory();
  const first = fresh(factory, name);
  await seedSearchContent(first);
  await prepare?.(first);
  const s1 = await serviceFor(first);
  await s1.saveNow();
  await s1.close();
  first.close();
  const db = fresh(factory, name);
  const service = new SearchService(db, { saveDelayMs: 10_000 });
  opened(db, service);
  return { db, service };
}

const postId = (lang: ContentLanguage): string =>
  sid(1000 + (Object.keys(UDHR_OPENINGS) as ContentLanguage[]).indexOf(lang));

describe('offline search over the cached content', () => {
  const cases: { lang: ContentLanguage; exact: string; folded: string }[] = [
    { lang: 'en', exact: 'contempt', folded: 'CONTEMPT' },
    { lang: 'fr', exact: 'méconnaissance', folded: 'meconnaissance' },
    { lang: 'es', exact: 'desconocimiento', folded: 'DESCONOCIMIENTO' },
    { lang: 'pt', exact: 'barbárie', folded: 'barbarie' },
    { lang: 'it', exact: 'umanità', folded: 'umanita' },
    { lang: 'ar', exact: 'الإنسان', folded: 'الانسان' },
    { lang: 'ko', exact: '양심을', folded: '양심을'.normalize('NFD') },
    { lang: 'ja', exact: '良心', folded: '野蛮行為' },
    { lang: 'el', exact: 'παραγνώριση', folded: 'παραγνωριση' },
    { lang: 'tr', exact: 'İnsan', folded: 'insan' },
  ];

  it('finds exact and folded terms in each script, ranked, with the match highlighted', async () => {
    const db = fresh();
    await seedSearchContent(db);
    const service = await serviceFor(db);
    for (const { lang, exact, folded } of cases) {
      for (const query of [exact, folded]) {
        const hits = await service.search(query);
        const hit = hits.find((h) => h.kind === 'post' && h.entityId === postId(lang));
        expect(hit, `${lang}: ${query}`).toBeDefined();
        expect(hit?.language).toBe(lang);
        expect(hit?.threadId).toBe(THREAD);
        const marks = (hit?.snippet?.ranges ?? []).map((r) => hit?.snippet?.text.slice(r.start, r.end));
        expect(marks.length, `${lang}: ${query} highlighted`).toBeGreaterThan(0);
      }
    }
    // The mark is the text as written, not its folded form.
    const [ar] = await service.search('الانسان', { kinds: ['post'] });
    expect(ar?.snippet?.ranges.map((r) => ar.snippet?.text.slice(r.start, r.end))).toContain('الإنسان');
  });

  it('answers prefix queries, AND across terms, and filters by type and language', async () => {
    const db = fresh();
    await seedSearchContent(db);
    const service = await serviceFor(db);
    // Prefix of the last term, while typing.
    expect((await service.search('descon')).map((h) => h.entityId)).toContain(postId('es'));
    expect((await service.search('인권')).map((h) => h.entityId)).toContain(postId('ko'));
    // Every term must match.
    expect(await service.search('contempt barbarie')).toEqual([]);
    // A title outranks a passing mention, and types are filters.
    // "cooperativ" reaches cooperatives (en), coopératives (fr) and cooperativas (es).
    const coop = await service.search('cooperativ');
    expect(coop.map((h) => h.kind).sort()).toEqual(['document', 'news', 'thread']);
    expect((await service.search('cooperativ', { kinds: ['news'] })).map((h) => h.entityId)).toEqual([NEWS_ID]);
    // A document is indexed per language; the language filter picks the variant.
    const fr = await service.search('coopératives', { kinds: ['document'], languages: ['fr'] });
    expect(fr.map((h) => [h.entityId, h.language, h.title.text])).toEqual([
      [DOCUMENT_ID, 'fr', 'L’économie sociale et l’avenir du travail'],
    ]);
    expect(await service.search('barbarie', { languages: ['ja'] })).toEqual([]);
  });

  it('indexes the text of a downloaded PDF once, extracted with pdf.js', async () => {
    const db = fresh();
    await seedSearchContent(db);
    let extractions = 0;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bytes = new Uint8Array(makePdf('The social economy', ['Solidarity finance reaches remote villages.']));
    const extract = async (sha256: string): Promise<string | null> => {
      if (sha256 !== PDF_SHA) return null;
      extractions += 1;
      const pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
      try {
        return await pdfTextOf(pdf);
      } finally {
        await pdf.destroy();
      }
    };
    const service = await serviceFor(db, extract);
    expect(await service.search('villages')).toEqual([]);
    // The download finishes: the files row turns 'done'.
    await db.files.put({ sha256: PDF_SHA, status: 'done', receivedBytes: 1000, totalBytes: 1000, updatedAt: '' });
    await service.whenIdle();
    const [hit] = await service.search('villages');
    expect(hit?.entityId).toBe(DOCUMENT_ID);
    expect(hit?.snippet?.ranges.map((r) => hit.snippet?.text.slice(r.start, r.end))).toEqual(['villages']);
    expect(extractions).toBe(1);
    // Stored: a rebuild does not extract again.
    await service.rebuild();
    await service.whenIdle();
    expect((await service.search('villages')).length).toBe(1);
    expect(extractions).toBe(1);
    // The file is removed: its text leaves the index.
    await db.files.delete(PDF_SHA);
    await service.whenIdle();
    expect(await service.search('villages')).toEqual([]);
    expect((await service.search('cooperatives', { kinds: ['document'] })).length).toBe(1);
  });

  it('follows local writes: create, edit, delete, hide', async () => {
    const db = fresh();
    await seedSearchContent(db);
    const service = await serviceFor(db);
    const written = post(50, 'pt', 'A cooperativa de Maputo abriu uma padaria.');
    await db.posts.put(written);
    await service.whenIdle();
    expect((await service.search('padaria')).map((h) => h.entityId)).toEqual([written.id]);
    await db.posts.update(written.id, { body: 'A cooperativa de Maputo abriu uma escola.' });
    await service.whenIdle();
    expect(await service.search('padaria')).toEqual([]);
    expect((await service.search('escola')).map((h) => h.entityId)).toEqual([written.id]);
    await db.posts.update(written.id, { hidden: true });
    await service.whenIdle();
    expect(await service.search('escola')).toEqual([]);
    await db.posts.delete(postId('en'));
    await service.whenIdle();
    expect(await service.search('contempt')).toEqual([]);
    // A document's languages change: the dropped one leaves the index.
    await db.documents.put({ ...DOCUMENT_ROW, title: { en: 'The social economy' }, summary: null });
    await service.whenIdle();
    expect(await service.search('avenir')).toEqual([]);
    // A rolled-back write leaves no trace.
    await expect(
      db.transaction('rw', db.posts, async () => {
        await db.posts.put(post(51, 'en', 'Phantom cooperative'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await service.whenIdle();
    expect(await service.search('phantom')).toEqual([]);
  });
});

describe('the results', () => {
  it('show a post under the current title of its thread, after a change and after a restart', async () => {
    const factory = new IDBFactory();
    const db = fresh(factory, 'titles');
    await seedSearchContent(db);
    const service = await serviceFor(db);
    const titleOf = async (): Promise<string | undefined> => (await service.search('contempt'))[0]?.title.text;
    expect(await titleOf()).toBe(THREAD_ROW.title);
    await db.threads.update(THREAD, { title: 'Renamed while searching' });
    // At once (before the index has caught up) and after.
    expect(await titleOf()).toBe('Renamed while searching');
    await service.whenIdle();
    expect(await titleOf()).toBe('Renamed while searching');
    await service.saveNow();
    await service.close();
    db.close();

    const again = fresh(factory, 'titles');
    const restarted = await serviceFor(again);
    expect((await restarted.search('contempt'))[0]?.title.text).toBe('Renamed while searching');
  });
});

describe('queries run ahead, as they are typed', () => {
  /** Queries the service has run (each runs once per answer: the service marks it for the benchmarks). */
  const runs = (): number => performance.getEntriesByName('cb:search-query').length;

  it('answer the same query with the same filters when it is sent, until something changes', async () => {
    const db = fresh();
    await seedSearchContent(db);
    const service = await serviceFor(db);
    const filters = { kinds: [], languages: [], preferredLanguages: ['fr' as const] };
    const before = runs();
    service.searchAhead('contempt', filters);
    await expect.poll(runs).toBe(before + 1);
    const sent = await service.search(' contempt ', filters);
    // Nothing ran again: the answer is the one the typed text got.
    expect(runs()).toBe(before + 1);
    expect(sent.map((hit) => hit.entityId)).toEqual([postId('en')]);
    expect(await service.search('contempt', filters)).toBe(sent);
    // Other filters are another query.
    expect(await service.search('contempt', { ...filters, kinds: ['thread'] })).toEqual([]);
    expect(runs()).toBe(before + 2);

    // A row changed: the next ask reads it again, before the index has caught up and after.
    const body = 'Whereas disregard and contempt for human rights, as amended on this computer';
    await db.posts.update(postId('en'), { body });
    const edited = await service.search('contempt', filters);
    expect(edited).not.toBe(sent);
    expect(edited[0]?.snippet?.text).toBe(body);
    await service.whenIdle();
    expect((await service.search('amended', filters)).map((hit) => hit.entityId)).toEqual([postId('en')]);

    // An index built again (a split, or a refresh) is another index: the query runs in it.
    const current = await service.search('amended', filters);
    expect(await service.search('amended', filters)).toBe(current);
    await service.rebuild();
    const rebuilt = await service.search('amended', filters);
    expect(rebuilt).not.toBe(current);
    expect(rebuilt.map((hit) => hit.entityId)).toEqual([postId('en')]);
  });

  it('run one at a time, and only the latest text typed meanwhile', async () => {
    const db = fresh();
    await seedSearchContent(db);
    const service = await serviceFor(db);
    const before = runs();
    for (const typed of ['c', 'co', 'con', 'cont', 'conte']) service.searchAhead(typed, {});
    await expect.poll(runs).toBe(before + 1);
    await service.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Nothing but the last text typed ran (the first waits a task, so the whole word was there by then).
    expect(runs()).toBe(before + 1);
    expect((await service.search('conte', {})).map((hit) => hit.entityId)).toEqual([postId('en')]);
    expect(runs()).toBe(before + 1);
    // Nothing is run ahead before the index is opened (typing must not load it early), or for blank text.
    const idle = new SearchService(fresh(new IDBFactory(), 'not-open'));
    idle.searchAhead('contempt', {});
    service.searchAhead('   ', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs()).toBe(before + 1);
    await idle.close();
  });
});

describe('the persisted index', () => {
  it('loads after a restart without rebuilding, and rebuilds when missing, corrupt or of another format', async () => {
    const factory = new IDBFactory();
    const first = fresh(factory, 'persisted');
    await seedSearchContent(first);
    const s1 = new SearchService(first, { saveDelayMs: 10_000 });
    expect((await s1.open()).source).toBe('rebuilt');
    await s1.saveNow();
    await s1.close();
    first.close();

    // "Restart": a new database connection and a new service.
    const second = fresh(factory, 'persisted');
    const s2 = new SearchService(second, { saveDelayMs: 10_000 });
    open.push({ db: second, service: s2 });
    const report = await s2.open();
    expect(report.source).toBe('stored');
    expect(report.documents).toBeGreaterThan(10);
    expect((await s2.search('méconnaissance')).length).toBe(1);

    // Written while no index was listening (a crash before the save): found after the background refresh.
    await s2.close();
    await second.syncMeta.put({ key: 'cursor', value: 'moved' });
    await second.posts.put(post(60, 'it', 'La cooperativa di Bologna'));
    const s3 = new SearchService(second, { saveDelayMs: 10_000 });
    open.push({ db: second, service: s3 });
    expect((await s3.open()).source).toBe('stored-then-refreshed');
    await s3.whenIdle();
    expect((await s3.search('bologna')).length).toBe(1);
    await s3.saveNow();

    // A damaged chunk: rebuilt from the tables.
    await second.searchIndex.update('index:shard:0:0', { value: '{"broken' });
    const s4 = new SearchService(second, { saveDelayMs: 10_000 });
    open.push({ db: second, service: s4 });
    expect(await s4.open()).toMatchObject({ source: 'rebuilt', reason: 'corrupt' });
    expect((await s4.search('bologna')).length).toBe(1);
    await s4.saveNow();

    // Another format version: rebuilt.
    const meta = await second.searchIndex.get('index:meta');
    await second.searchIndex.put({
      key: 'index:meta',
      value: (meta?.value ?? '').replace(`"format":${String(INDEX_FORMAT)}`, '"format":1'),
      updatedAt: '',
    });
    const s5 = new SearchService(second, { saveDelayMs: 10_000 });
    open.push({ db: second, service: s5 });
    expect(await s5.open()).toMatchObject({ source: 'rebuilt', reason: 'old-format' });
  });

  it('loads the recent shard first; older shards follow, and edits made meanwhile win', async () => {
    const factory = new IDBFactory();
    const shards = { recent: 3, archive: 4 };
    const first = fresh(factory, 'sharded');
    await seedSearchContent(first); // 14 documents: 3 recent, then archive shards of 4, 4 and 3
    const s1 = new SearchService(first, { saveDelayMs: 10_000, shards });
    await s1.open();
    await s1.saveNow();
    await s1.close();
    first.close();

    const second = fresh(factory, 'sharded');
    const s2 = new SearchService(second, { saveDelayMs: 10_000, shards });
    open.push({ db: second, service: s2 });
    const report = await s2.open();
    expect(report.source).toBe('stored');
    // The oldest post (en, day 2) sits in the last archive shard: edited before that shard arrives.
    await second.posts.update(postId('en'), { body: 'Rewritten while the archive was loading' });
    await s2.whenIdle();
    expect(s2.complete).toBe(true);
    expect(await s2.search('contempt')).toEqual([]);
    expect((await s2.search('rewritten')).map((h) => h.entityId)).toEqual([postId('en')]);
    for (const { lang, exact } of [
      { lang: 'ja', exact: '良心' },
      { lang: 'tr', exact: 'insan' },
    ] as const) {
      expect(
        (await s2.search(exact)).map((h) => h.entityId),
        lang,
      ).toContain(postId(lang));
    }
    // Only the changed shard is written again.
    const before = await second.searchIndex.where('key').startsWith('index:shard:').toArray();
    await s2.saveNow();
    const after = await second.searchIndex.where('key').startsWith('index:shard:').toArray();
    const changed = after.filter((row) => before.find((old) => old.key === row.key)?.updatedAt !== row.updatedAt);
    expect(changed.map((row) => row.key.split(':')[2])).toEqual([changed[0]?.key.split(':')[2]]);
  });

  it('splits the index again when new posts have doubled the recent shard, so a cold start stays quick', async () => {
    const shards = { recent: 3, archive: 4 };
    const db = fresh(new IDBFactory(), 'split');
    // 14 documents: news (Feb 1), the thread (active Jan 28), posts of Jan 10 back to Jan 1, the document
    // in two languages (Jan 1): 3 recent, then archive shards of 4, 4 and 3.
    await seedSearchContent(db);
    const service = new SearchService(db, { saveDelayMs: 10_000, shards });
    open.push({ db, service });
    await service.open();
    const shardsNow = async (): Promise<string[][]> => {
      await service.saveNow();
      const meta = await loadMeta(db);
      if (meta.status !== 'ok') throw new Error(meta.status);
      return Promise.all(meta.meta.shards.map(async (_, n) => storedIds((await loadShard(db, meta.meta, n)) ?? '{}')));
    };
    const sizes = async (): Promise<number[]> => (await shardsNow()).map((ids) => ids.length);
    expect(await sizes()).toEqual([3, 4, 4, 3]);
    // Three new posts: the recent shard holds 6, twice its share: not yet.
    await db.posts.bulkPut([1, 2, 3].map((n) => post(20 + n, 'fr', `Nouvelle coopérative ${String(n)}`)));
    await service.whenIdle();
    expect(await sizes()).toEqual([6, 4, 4, 3]);
    // One more: split again, newest first (the news item, the thread, the post of Jan 25).
    await db.posts.put(post(24, 'fr', 'Nouvelle coopérative 4'));
    await service.whenIdle();
    const split = await shardsNow();
    expect(split.map((ids) => ids.length)).toEqual([3, 4, 4, 4, 3]);
    expect([...(split[0] ?? [])].sort()).toEqual(
      [`news:${NEWS_ID}:es`, `post:${sid(1024)}`, `thread:${THREAD}`].sort(),
    );
    expect((await service.search('nouvelle', { limit: 10 })).length).toBe(4);
    expect((await service.search('contempt')).map((hit) => hit.entityId)).toEqual([postId('en')]);
  });

  it('indexes a first sync into shards by recency: the newest posts in the shard a cold start loads', async () => {
    const shards = { recent: 3, archive: 4 };
    const db = fresh(new IDBFactory(), 'first-sync');
    const service = new SearchService(db, { saveDelayMs: 10_000, shards });
    open.push({ db, service });
    await service.open(); // an empty cache: nothing to build yet
    await seedSearchContent(db); // then a first sync writes ten posts, a thread, news and a document
    await service.whenIdle();
    await service.saveNow();
    const meta = await loadMeta(db);
    if (meta.status !== 'ok') throw new Error(meta.status);
    const ids = storedIds((await loadShard(db, meta.meta, 0)) ?? '{}');
    // The newest of every kind: the news item (Feb 1), the thread (active Jan 28) and post 9 (Jan 10).
    expect([...ids].sort()).toEqual([`news:${NEWS_ID}:es`, `post:${sid(1009)}`, `thread:${THREAD}`].sort());
    // The oldest: post 0 and the document's two languages (Jan 1).
    const last = storedIds((await loadShard(db, meta.meta, 3)) ?? '{}');
    expect([...last].sort()).toEqual([`document:${DOCUMENT_ID}:en`, `document:${DOCUMENT_ID}:fr`, `post:${sid(1000)}`]);
    expect(meta.meta.shards).toHaveLength(4);
    expect((await service.search('contempt')).map((hit) => hit.entityId)).toEqual([postId('en')]);
  });

  it('waits while sync pulls, then indexes a backlog bigger than one slice completely', async () => {
    const db = fresh();
    await seedSearchContent(db);
    let quiet = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const service = new SearchService(db, { saveDelayMs: 10_000, whenQuiet: () => (quiet ? Promise.resolve() : gate) });
    opened(db, service);
    quiet = true;
    await service.open();
    await service.whenIdle();
    quiet = false;

    // 450 posts in one transaction, as one sync page would bring them: more than two slices.
    const backlog = Array.from({ length: 450 }, (_, n) => post(2000 + n, 'en', `Backlog cooperative ${n} zebrafinch`));
    await db.posts.bulkPut(backlog);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.rank('zebrafinch', { limit: 1000 })).toEqual([]); // sync has the thread to itself

    quiet = true;
    release();
    await service.whenIdle();
    expect(service.rank('zebrafinch', { limit: 1000 })).toHaveLength(450);
  });

  it('vacuums what edits and deletes left behind, in turn with updates and saves', async () => {
    const db = fresh();
    await seedSearchContent(db);
    await db.posts.bulkPut(
      Array.from({ length: 400 }, (_, n) => post(100 + n, 'en', `Cooperative bakery number ${String(n)}`)),
    );
    const service = await serviceFor(db);
    await db.posts.bulkDelete(Array.from({ length: 300 }, (_, n) => sid(1100 + n)));
    await service.whenIdle();
    expect((await service.search('bakery', { limit: 1000 })).length).toBe(100);
    await service.saveNow();
    const meta = await loadMeta(db);
    if (meta.status !== 'ok') throw new Error(meta.status);
    const shard = JSON.parse((await loadShard(db, meta.meta, 0)) ?? '{}') as { dirtCount?: number };
    // MiniSearch counts a deleted document as dirt until a vacuum drops its entries.
    expect(shard.dirtCount).toBe(0);
  });

  it('does not start a save while sync pulls: it saves once the run is over', async () => {
    const db = fresh();
    await seedSearchContent(db);
    let quiet = true;
    let release: () => void = () => undefined;
    const service = new SearchService(db, {
      saveDelayMs: 20,
      whenQuiet: () => (quiet ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve))),
    });
    opened(db, service);
    await service.open();
    await service.whenIdle();
    await expect.poll(() => db.searchIndex.get(META_KEY)).toBeDefined(); // the first save
    const savedAt = (await db.searchIndex.get(META_KEY))?.updatedAt;

    await db.posts.put(post(700, 'en', 'A stork on the cooperative roof'));
    await service.whenIdle(); // indexed at once…
    quiet = false; // …then a pull run starts before the save is due
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await db.searchIndex.get(META_KEY))?.updatedAt).toBe(savedAt);

    quiet = true;
    release();
    await expect.poll(async () => (await db.searchIndex.get(META_KEY))?.updatedAt).not.toBe(savedAt);
  });

  it('keeps the index of every open window current, not only the window that wrote', async () => {
    const factory = new IDBFactory();
    const syncing = fresh(factory, 'two-windows');
    await seedSearchContent(syncing);
    const reading = fresh(factory, 'two-windows'); // a second window on the same database
    const inSyncing = await serviceFor(syncing);
    const inReading = await serviceFor(reading);
    expect(inReading.rank('kingfisher')).toEqual([]);

    // The syncing window applies a page; the other window writes nothing itself.
    await syncing.posts.bulkPut([post(500, 'en', 'A kingfisher over the cooperative pond')]);
    await syncing.posts.delete(postId('fr'));
    await inSyncing.whenIdle();
    await expect.poll(() => inReading.rank('kingfisher').map((hit) => hit.entityId)).toEqual([sid(1500)]);
    await inReading.whenIdle();
    expect(inReading.rank('méconnaissance')).toEqual([]);
  });

  it('records what sync writes before the index is loaded, and indexes it then without a rebuild', async () => {
    const { db: second, service: s2 } = await secondStart('deferred', (first) =>
      first.syncMeta.put({ key: 'cursor', value: 'feed.10' }),
    );
    // The next start: the window records changes at once, and loads the index when it is idle.
    s2.watch();
    await second.transaction('rw', [second.posts, second.syncMeta], async () => {
      await second.posts.put(post(600, 'en', 'A heron fishing by the cooperative mill'));
      await second.syncMeta.put({ key: 'cursor', value: 'feed.11' });
    });
    const report = await s2.open();
    expect(report.source).toBe('stored'); // not rebuilt: the stored index plus what was recorded
    await s2.whenIdle();
    expect(s2.rank('heron').map((hit) => hit.entityId)).toEqual([sid(1600)]);
  });

  it('reads the stored index ahead of open() when asked, and opens from what it read', async () => {
    const { db: second, service: s2 } = await secondStart('prefetched');
    s2.watch();
    await s2.prefetch();
    // Gone from the table once read: open() parses the text read ahead, it does not read it again.
    const rows = await second.searchIndex.where('key').startsWith('index:').toArray();
    await second.searchIndex.bulkDelete(rows.map((row) => row.key));
    await second.posts.put(post(601, 'fr', 'Une mutuelle de pêcheurs à Agadir'));
    expect((await s2.open()).source).toBe('stored');
    await s2.whenIdle();
    expect(s2.rank('peche').map((hit) => hit.entityId)).toEqual([sid(1601)]);
    expect((await s2.search('méconnaissance')).length).toBe(1);
    // Asked again once open, it reads nothing.
    await s2.prefetch();
    expect(await second.searchIndex.where('key').startsWith('index:').count()).toBe(0);
  });
});
