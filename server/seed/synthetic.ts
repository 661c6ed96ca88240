import type { PoolClient } from 'pg';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../src/shared/languages';
import type { EntityType } from '../../src/shared/wire';
import { hashPassword } from '../auth/passwords';
import type { ServerContext } from '../context';
import { insertUser } from '../sync/user-mutations';
import { DEMO_PASSWORD } from './demo-content';
import { makePdf } from './pdf';
import { CORPUS_FILES, sentencesOf } from './udhr-text';
import { seedFile, seedId } from './writer';

/**
 * A deterministic large data set for benchmarks: N posts across threads and
 * languages, N/5 documents and N/20 news items. Rows go in by batches through
 * `unnest`, so 100 000 posts take seconds, not minutes.
 */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'social solidarity economy cooperative mutual association foundation enterprise community decent work ' +
  'policy network practitioner academy training finance inclusion sustainable development knowledge'
).split(' ');

interface Row {
  type: EntityType;
  id: string;
  ownerId: string | null;
  parentId: string | null;
  data: object;
}

async function insertBatch(db: PoolClient, rows: readonly Row[], now: Date): Promise<void> {
  await db.query(
    `INSERT INTO entities (type, id, version, seq, audience, owner_id, parent_id, data, updated_at)
     SELECT t, i, 1, nextval('change_seq'), 'all', o, p, d, $6
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY AS r(t, i, o, p, d, n)
      ORDER BY n`,
    [
      rows.map((row) => row.type),
      rows.map((row) => row.id),
      rows.map((row) => row.ownerId),
      rows.map((row) => row.parentId),
      rows.map((row) => JSON.stringify(row.data)),
      now,
    ],
  );
}

export async function seedSynthetic(ctx: ServerContext, db: PoolClient, n: number): Promise<void> {
  const random = mulberry32(n);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (count: number): string => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  // Real text in the item's language (the Universal Declaration of Human Rights), so search and the
  // benchmarks see real vocabularies, not a handful of words repeated.
  const declarations = new Map<ContentLanguage, string[]>();
  const sentencesIn = (language: ContentLanguage): string[] => {
    let found = declarations.get(language);
    if (found === undefined) {
      found = sentencesOf(CORPUS_FILES[language]);
      declarations.set(language, found);
    }
    return found;
  };
  const text = (language: ContentLanguage, sentences: number): string =>
    Array.from({ length: sentences }, () => pick(sentencesIn(language))).join(language === 'ja' ? '' : ' ');
  const title = (language: ContentLanguage): string => {
    const chars = Array.from(pick(sentencesIn(language)));
    if (chars.length <= 60) return chars.join('');
    // Cut at the last word boundary within 60 characters.
    const cut = chars.slice(0, 60).join('');
    return cut.replace(/[\s,.;:]+\S*$/u, '') || cut;
  };
  const now = ctx.now();
  const at = (minutes: number): string => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: string[] = [];
  for (let u = 0; u < 20; u += 1) {
    const id = seedId(`synthetic:user:${u}`);
    userIds.push(id);
    await insertUser(
      db,
      {
        id,
        email: `user${u}@synthetic.example.org`,
        passwordHash,
        displayName: `Synthetic user ${u}`,
        roles: ['participant'],
      },
      now,
    );
  }
  const files = [];
  for (let f = 0; f < 8; f += 1) {
    files.push(await seedFile(ctx, db, makePdf(`Synthetic document ${f}`, [sentence(40)]), 'application/pdf'));
  }

  const rows: Row[] = [];
  const flush = async (force = false): Promise<void> => {
    if (rows.length >= 2000 || (force && rows.length > 0)) await insertBatch(db, rows.splice(0), now);
  };
  const categories = Array.from({ length: 5 }, (_, c) => seedId(`synthetic:category:${c}`));
  for (const [c, id] of categories.entries()) {
    rows.push({
      type: 'category',
      id,
      ownerId: null,
      parentId: null,
      data: { id, name: { en: `Category ${c}` }, position: c },
    });
  }
  const threadCount = Math.max(1, Math.ceil(n / 25));
  const threads: { id: string; language: ContentLanguage }[] = [];
  for (let t = 0; t < threadCount; t += 1) {
    const id = seedId(`synthetic:thread:${t}`);
    const language = pick(CONTENT_LANGUAGES);
    const categoryId = pick(categories);
    const authorId = pick(userIds);
    threads.push({ id, language });
    rows.push({
      type: 'thread',
      id,
      ownerId: authorId,
      parentId: categoryId,
      data: {
        id,
        categoryId,
        authorId,
        title: title(language),
        language,
        tags: [pick(WORDS)],
        locked: false,
        pinned: false,
        hidden: false,
        createdAt: at(t),
      },
    });
    await flush();
  }
  for (let p = 0; p < n; p += 1) {
    const id = seedId(`synthetic:post:${p}`);
    const thread = pick(threads);
    const authorId = pick(userIds);
    rows.push({
      type: 'post',
      id,
      ownerId: authorId,
      parentId: thread.id,
      data: {
        id,
        threadId: thread.id,
        authorId,
        body: text(thread.language, 2 + Math.floor(random() * 3)),
        language: thread.language,
        replyTo: null,
        createdAt: at(p),
        editedAt: null,
        hidden: false,
        attachments: [],
      },
    });
    await flush();
  }
  for (let d = 0; d < Math.floor(n / 5); d += 1) {
    const id = seedId(`synthetic:document:${d}`);
    const file = pick(files);
    rows.push({
      type: 'document',
      id,
      ownerId: null,
      parentId: null,
      data: {
        id,
        type: 'publication',
        title: { en: sentence(8) },
        summary: { en: sentence(30) },
        series: null,
        year: 2010 + Math.floor(random() * 15),
        countries: [],
        topics: [pick(WORDS)],
        variants: [{ language: pick(CONTENT_LANGUAGES), ...file }],
        createdAt: at(d),
      },
    });
    await flush();
  }
  for (let k = 0; k < Math.floor(n / 20); k += 1) {
    const id = seedId(`synthetic:news:${k}`);
    rows.push({
      type: 'news',
      id,
      ownerId: null,
      parentId: null,
      data: (() => {
        const language = pick(CONTENT_LANGUAGES);
        const published = at(k);
        return {
          id,
          authorId: null,
          versions: { [language]: { title: title(language), body: text(language, 5) } },
          createdAt: published,
          editedAt: null,
          publishedAt: published,
          pinnedAt: null,
        };
      })(),
    });
    await flush();
  }
  await flush(true);
}
