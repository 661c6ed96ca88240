/**
 * Gathering what to export from the cache (fake-indexeddb, the real schema): "my data" finds my posts
 * (by my id, and those not stamped yet), my translations, drafts with something in them, and the
 * sessions I staged or published from here; a thread's export has its posts in order, hostile markup
 * made harmless, and is a valid, self-contained, accessible HTML page.
 */
import { strFromU8, unzipSync } from 'fflate';
import { HtmlValidate } from 'html-validate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_JSON_NAME, MyDataExportSchema } from '../../../src/shared/export/export-format';
import { myDataArchive } from '../../../src/shared/export/my-data-archive';
import type { CachedMaterial, CachedPost, CollectiveBrainDb } from '../../../src/renderer/src/data/db';
import { exportWords } from '../../../src/renderer/src/features/export/export-words';
import { gatherMyData } from '../../../src/renderer/src/features/export/gather-my-data';
import { gatherThread, threadFile } from '../../../src/renderer/src/features/export/thread-export';
import { toDraft } from '../../../src/renderer/src/features/academy/staging';
import { createI18n } from '../../../src/renderer/src/i18n';
import { testDb } from '../library/harness';

const ME = '5b1d1e2a-8c3b-4d5e-9f00-000000000001';
const LUCIA = '5b1d1e2a-8c3b-4d5e-9f00-000000000002';
const CATEGORY = '5b1d1e2a-8c3b-4d5e-9f00-0000000000c1';
const THREAD = '5b1d1e2a-8c3b-4d5e-9f00-0000000000a1';
const HER_THREAD = '5b1d1e2a-8c3b-4d5e-9f00-0000000000a2';
const COLLECTION = '5b1d1e2a-8c3b-4d5e-9f00-0000000000e1';
const id = (n: number): string => `5b1d1e2a-8c3b-4d5e-9f00-${String(n).padStart(12, '0')}`;

/** A cached post; a row written here has no author until the server stamps it (the cache types it as always there). */
const postRow = (
  n: number,
  threadId: string,
  authorId: string | undefined,
  body: string,
  createdAt: string,
): CachedPost => ({
  id: id(n),
  threadId,
  ...(authorId === undefined ? {} : { authorId }),
  body,
  language: 'en' as const,
  replyTo: null,
  createdAt,
  editedAt: null,
  hidden: false,
  attachments: [],
  version: 1,
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

let db: CollectiveBrainDb;

beforeEach(async () => {
  db = testDb();
  await db.users.bulkPut([
    {
      id: ME,
      displayName: 'Amina Haddad',
      roles: ['participant'],
      editions: [],
      contentLanguages: ['ar', 'en'],
      version: 1,
    },
    {
      id: LUCIA,
      displayName: 'Lucía Fernández',
      roles: ['facilitator'],
      editions: [],
      contentLanguages: ['es'],
      version: 1,
    },
  ]);
  await db.categories.put({
    id: CATEGORY,
    name: { en: 'Public policy', es: 'Políticas públicas' },
    position: 0,
    version: 1,
  });
  const thread = {
    categoryId: CATEGORY,
    language: 'en' as const,
    tags: ['policy'],
    locked: false,
    pinned: false,
    hidden: false,
    version: 1,
    postCount: 0,
  };
  await db.threads.bulkPut([
    {
      ...thread,
      id: THREAD,
      authorId: LUCIA,
      title: 'Cooperatives & local government',
      createdAt: '2025-05-01T08:00:00.000Z',
      lastActivityAt: '2025-05-03T08:00:00.000Z',
    },
    {
      ...thread,
      id: HER_THREAD,
      authorId: LUCIA,
      title: 'Not mine',
      createdAt: '2025-05-01T08:00:00.000Z',
      lastActivityAt: '2025-05-01T08:00:00.000Z',
    },
  ]);
  await db.posts.bulkPut([
    postRow(100, THREAD, LUCIA, 'What worked with your municipality?', '2025-05-01T08:00:00.000Z'),
    { ...postRow(101, THREAD, ME, 'Our city bought from us first.', '2025-05-02T08:00:00.000Z'), replyTo: id(100) },
    // Written here, not sent yet: no author until the server stamps it.
    {
      ...postRow(102, THREAD, undefined, 'And a reply still in the outbox.', '2025-05-03T08:00:00.000Z'),
      version: 0,
      local: 'pending',
    },
    // A moderator's pending change to someone else's post is not mine.
    { ...postRow(103, HER_THREAD, LUCIA, 'Hers.', '2025-05-01T08:00:00.000Z'), local: 'pending' },
    {
      ...postRow(
        104,
        THREAD,
        LUCIA,
        '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) **bold**',
        '2025-05-04T08:00:00.000Z',
      ),
    },
    { ...postRow(105, THREAD, LUCIA, 'Hidden by a moderator.', '2025-05-05T08:00:00.000Z'), hidden: true },
  ]);
  await db.translations.bulkPut([
    {
      id: id(200),
      targetType: 'post',
      targetId: id(100),
      language: 'ar',
      title: null,
      body: 'ماذا نجح مع بلديتك؟',
      authorId: ME,
      createdAt: '2025-05-02T09:00:00.000Z',
      editedAt: null,
      version: 1,
    },
    {
      id: id(201),
      targetType: 'post',
      targetId: id(101),
      language: 'es',
      title: null,
      body: 'Nuestra ciudad nos compró primero.',
      authorId: LUCIA,
      createdAt: '2025-05-02T09:00:00.000Z',
      editedAt: null,
      version: 1,
    },
  ]);
  await db.collections.put({
    id: COLLECTION,
    title: { en: 'SSE Academy 2025' },
    description: null,
    edition: null,
    position: 0,
    editionYear: null,
    version: 1,
  });
  await db.drafts.bulkPut([
    {
      key: `reply:${HER_THREAD}`,
      kind: 'reply',
      targetId: HER_THREAD,
      fields: { body: 'Half a thought' },
      updatedAt: '2025-05-06T08:00:00.000Z',
    },
    {
      key: `reply:${THREAD}`,
      kind: 'reply',
      targetId: THREAD,
      fields: { body: '   ' },
      updatedAt: '2025-05-06T08:00:00.000Z',
    },
    toDraft(
      {
        collectionId: COLLECTION,
        sessionId: id(300),
        isNew: true,
        language: 'en',
        title: 'Financing the social economy',
        startsAt: '',
        materials: [
          { id: id(301), isNew: true, title: 'ILO page', content: { kind: 'link', url: 'https://www.ilo.org/sse' } },
        ],
      },
      new Date('2025-05-07T08:00:00.000Z'),
    ),
  ]);
  // A session published from here, waiting for the server.
  await db.sessions.put({
    id: id(310),
    collectionId: COLLECTION,
    title: { en: 'Opening plenary' },
    startsAt: null,
    position: 0,
    version: 0,
    local: 'pending',
  });
  const note: CachedMaterial = {
    id: id(311),
    sessionId: id(310),
    position: 0,
    title: null,
    kind: 'note',
    note: 'Welcome words',
    version: 0,
    local: 'pending',
  };
  await db.materials.put(note);
  await db.outbox.add({
    id: id(900),
    name: 'session.create',
    args: { id: id(310) },
    status: 'pending',
    entityType: 'session',
    entityId: id(310),
    createdAt: '2025-05-08T08:00:00.000Z',
    attempts: 0,
  });
});

afterEach(() => {
  db.close();
});

describe('my data', () => {
  it('holds what I wrote, from the cache alone', async () => {
    const data = await gatherMyData(db, {
      userId: ME,
      displayName: 'Amina Haddad',
      serverUrl: 'http://127.0.0.1:8787',
      languages: ['en'],
      now: new Date('2025-06-01T00:00:00.000Z'),
    });
    expect(data.posts.map((post) => [post.body, post.state, post.replyToAuthor])).toEqual([
      ['Our city bought from us first.', 'sent', 'Lucía Fernández'],
      ['And a reply still in the outbox.', 'waiting', null],
    ]);
    expect(data.threads).toEqual([
      expect.objectContaining({
        id: THREAD,
        title: 'Cooperatives & local government',
        category: 'Public policy',
        startedByMe: false,
      }),
    ]);
    expect(data.translations).toEqual([
      expect.objectContaining({
        body: 'ماذا نجح مع بلديتك؟',
        original: { title: 'Cooperatives & local government', language: 'en' },
      }),
    ]);
    // The empty draft is left out; the staged session is a session, not a draft.
    expect(data.drafts.map((draft) => draft.fields['body'])).toEqual(['Half a thought']);
    expect(data.sessions.map((session) => [session.title, session.status, session.collection])).toEqual([
      ['Financing the social economy', 'staged', 'SSE Academy 2025'],
      ['Opening plenary', 'waiting', 'SSE Academy 2025'],
    ]);
    expect(data.sessions[1]?.materials).toEqual([expect.objectContaining({ kind: 'note', note: 'Welcome words' })]);

    // And as a zip, in the UI language, whose JSON passes its schema.
    const i18n = await createI18n('ar');
    const files = unzipSync(myDataArchive(data, exportWords(i18n, 'ar')));
    const json = MyDataExportSchema.parse(JSON.parse(strFromU8(files[EXPORT_JSON_NAME] ?? new Uint8Array())));
    expect(json.posts).toHaveLength(2);
    const thread = Object.entries(files).find(([path]) => path.startsWith('threads/'));
    expect(thread?.[0]).toBe('threads/2025-05-02 Cooperatives & local government.md');
    expect(strFromU8(thread?.[1] ?? new Uint8Array())).toContain('مشاركتاك في هذا النقاش، بالترتيب.');
  });
});

describe('a thread', () => {
  const reader = { userId: ME, userName: 'Amina Haddad', canModerate: false, languages: ['en'] as const };

  it('has its posts in order as this reader sees them: hidden ones only for moderators', async () => {
    const words = exportWords(await createI18n('en'), 'en');
    const thread = await gatherThread(db, THREAD, reader, words);
    expect(thread?.posts.map((post) => post.author)).toEqual([
      'Lucía Fernández',
      'Amina Haddad',
      'Amina Haddad',
      'Lucía Fernández',
    ]);
    const moderator = await gatherThread(db, THREAD, { ...reader, canModerate: true }, words);
    expect(moderator?.posts).toHaveLength(5);
    expect(await gatherThread(db, id(999), reader, words)).toBeNull();
    const markdown = new TextDecoder().decode(
      threadFile(must(thread), 'markdown', words, { uiLanguage: 'en', dir: 'ltr', filterName: 'Markdown' }).bytes,
    );
    expect(markdown).toContain('# Cooperatives & local government');
    expect(markdown).toContain('*In reply to Lucía Fernández*');
    // Raw HTML is text in a Markdown export, as it is on screen.
    expect(markdown).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('as a web page: valid HTML, no script or remote resource, each post an article with its language', async () => {
    const i18n = await createI18n('ar');
    const words = exportWords(i18n, 'ar');
    const thread = await gatherThread(db, THREAD, reader, words);
    const file = threadFile(must(thread), 'html', words, { uiLanguage: 'ar', dir: 'rtl', filterName: 'صفحة ويب' });
    expect(file.fileName).toBe('Cooperatives & local government.html');
    const html = new TextDecoder().decode(file.bytes);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((result) => result.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);

    const page = new DOMParser().parseFromString(html, 'text/html');
    expect(page.documentElement.lang).toBe('ar');
    expect(page.documentElement.dir).toBe('rtl');
    expect(page.querySelectorAll('script, img, iframe, link, [src]')).toHaveLength(0);
    expect(
      [...page.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))),
    ).toEqual([]);
    // DOMPurify's link filtering is checked in Chromium (tests/e2e/export.web.spec.ts): happy-dom keeps what it removes.
    expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain(
      "default-src 'none'",
    );
    const articles = [...page.querySelectorAll('article.post')];
    expect(articles).toHaveLength(4);
    for (const article of articles) {
      const body = article.querySelector('.body');
      expect(body?.getAttribute('lang')).toBe('en');
      expect(body?.getAttribute('dir')).toBe('auto');
      expect(article.querySelector('h2 time')?.getAttribute('datetime')).toMatch(/^2025-05-0\dT/u);
    }
    expect(articles[3]?.querySelector('.body strong')?.textContent).toBe('bold');
  });
});
