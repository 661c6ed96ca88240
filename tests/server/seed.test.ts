import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed } from '../../server/seed';
import { makePdf } from '../../server/seed/pdf';
import {
  PullPageSchema,
  type Change,
  type Collection,
  type Document,
  type PullPage,
  type News,
  type Thread,
} from '../../src/shared/wire';
import { DEMO, startTestCluster, type TestCluster, type TestServer } from './harness';

let cluster: TestCluster;
let server: TestServer;
let changes: Change[];
let token: string;

async function pullEverything(target: TestServer, auth: string): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = '';
  for (;;) {
    const response = await target.api.request<PullPage>('GET', `/api/sync/pull?limit=1000&cursor=${cursor}`, {
      token: auth,
    });
    const page = PullPageSchema.parse(response.body);
    all.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return all;
  }
}

function dataOf(type: Change['type']): unknown[] {
  return changes.filter((change) => change.type === type).map((change) => change.data);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  server = await cluster.server({ seed: 'demo' });
  token = await server.api.login(DEMO.participant);
  changes = await pullEverything(server, token);
});
afterAll(async () => {
  await cluster.stop();
});

describe('demo seed', () => {
  it('create one account per role with the documented password', async () => {
    for (const [role, email] of Object.entries(DEMO)) {
      const login = await server.api.request<{ user: { roles: string[] } }>('POST', '/api/auth/login', {
        body: { email, password: 'collective-brain' },
      });
      expect(login.status).toBe(200);
      expect(login.body.user.roles).toEqual([role]);
    }
  });

  it('hold the Academy editions with their cities and years', () => {
    const editions = (dataOf('collection') as Collection[]).flatMap((collection) =>
      collection.edition === null ? [] : [collection.edition],
    );
    expect(editions.map((edition) => `${edition.number} ${edition.city} ${edition.year}`)).toEqual(
      expect.arrayContaining(['1 Turin 2010', '2 Montreal 2011', '8 Seoul 2017', '11 Madrid 2019', '12 Tunisia 2020']),
    );
    expect(editions).toHaveLength(12);
    expect(dataOf('session').length).toBeGreaterThanOrEqual(30);
  });

  it('hold the publications with their titles, years and languages, and the case studies', () => {
    const documents = dataOf('document') as Document[];
    const issueNote = documents.find((doc) => (doc.title.en ?? '').includes('Issue Note Series No. 6'));
    expect(issueNote?.year).toBe(2017);
    expect(issueNote?.variants.map((variant) => variant.language).sort()).toEqual([
      'ar',
      'el',
      'en',
      'es',
      'fr',
      'ja',
      'ko',
      'tr',
    ]);
    const wastePickers = documents.find((doc) => (doc.title.en ?? '').includes('Waste pickers'));
    expect(wastePickers).toMatchObject({ year: 2019, series: 'Cooperatives and the World of Work' });
    const caseStudies = documents.filter((doc) => doc.type === 'case-study').flatMap((doc) => doc.countries);
    expect(caseStudies.sort()).toEqual([
      'Brazil',
      'Costa Rica',
      'Europe',
      'Nicaragua',
      'Philippines',
      'Republic of Korea',
      'South Africa',
    ]);
    expect(
      documents
        .filter((doc) => doc.type === 'academy-reader')
        .map((doc) => doc.year)
        .sort(),
    ).toEqual([2011, 2014]);
  });

  it('serve real PDF files for every document variant', async () => {
    const documents = dataOf('document') as Document[];
    const variants = documents.flatMap((doc) => doc.variants);
    expect(variants.length).toBeGreaterThan(25);
    for (const variant of variants.slice(0, 8)) {
      const response = await fetch(`${server.url}/api/files/${variant.sha256}`, {
        headers: { 'x-protocol': '1', authorization: `Bearer ${token}` },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(bytes.length).toBe(variant.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(variant.sha256);
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      expect(bytes.toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/u);
    }
  });

  it('hold forum threads in English, French, Spanish, Portuguese, Arabic and Korean, and news', () => {
    const threads = dataOf('thread') as Thread[];
    expect(new Set(threads.map((thread) => thread.language))).toEqual(new Set(['en', 'fr', 'es', 'pt', 'ar', 'ko']));
    expect(dataOf('post').length).toBeGreaterThanOrEqual(threads.length * 2 - 1);
    expect(dataOf('category')).toHaveLength(4);
    // News items, some written in several languages.
    const news = dataOf('news') as News[];
    expect(news.length).toBeGreaterThanOrEqual(4);
    expect(news.some((item) => Object.keys(item.versions).length > 1)).toBe(true);
    expect(news.filter((item) => item.pinnedAt !== null)).toHaveLength(1);
  });

  it('is idempotent', async () => {
    const before = await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM entities');
    // Running it again through the server's own seeding is a no-op.
    const again = await cluster.server({ seed: 'demo' });
    const other = await again.sql<{ n: number }>('SELECT count(*)::int AS n FROM entities');
    expect(other[0]?.n).toBe(before[0]?.n);
    expect(typeof runSeed).toBe('function');
  });
});

describe('synthetic seed', () => {
  it('make the same data set every time, with N posts, N/5 documents and N/20 news', async () => {
    const [a, b] = await Promise.all([
      cluster.server({ seed: 'synthetic:400' }),
      cluster.server({ seed: 'synthetic:400' }),
    ]);
    const count = (target: TestServer) =>
      target.sql<{ type: string; n: number }>(
        'SELECT type, count(*)::int AS n FROM entities GROUP BY type ORDER BY type',
      );
    const counts = Object.fromEntries((await count(a)).map((row) => [row.type, row.n]));
    expect(counts).toMatchObject({ post: 400, document: 80, news: 20 });
    const digest = async (target: TestServer) =>
      (
        await target.sql<{ d: string }>(
          "SELECT md5(string_agg(id::text || data::text, ',' ORDER BY seq)) AS d FROM entities WHERE type <> 'user'",
        )
      )[0]?.d;
    expect(await digest(a)).toBe(await digest(b));
    const pulled = await pullEverything(a, await a.api.login('user0@synthetic.example.org'));
    expect(pulled.length).toBe(Object.values(counts).reduce((sum, n) => sum + n, 0));
  });
});

describe('makePdf', () => {
  it('write a cross-reference table whose offsets point at the objects', () => {
    const pdf = makePdf('Économie sociale et solidaire – “test”', ['Línea (uno)', 'مرحبا']).toString('latin1');
    const xref = Number(/startxref\n(\d+)/u.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gmu)].map((match) => Number(match[1]));
    offsets.forEach((offset, index) => expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true));
  });
});
