import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf } from '../../../bench/udhr-corpus';
import type { ContentLanguage } from '../../../src/shared/languages';
import { queryTerms } from '../../../src/shared/search/tokenizer';
import type { SearchDoc } from '../../../src/renderer/src/data/search/search-documents';
import { SearchIndex, querySpecs } from '../../../src/renderer/src/data/search/search-index';
import { QueryTerms, matchRanges } from '../../../src/shared/search/highlight';

/**
 * The index answers queries with its own ranked evaluation over MiniSearch's
 * posting lists (ranked-query.ts). Every answer must be MiniSearch's own: the
 * same documents, scores and matched terms, best first.
 */
const sentences = Object.fromEntries(
  Object.entries(CORPUS_FILES).map(([lang, code]) => [lang, sentencesOf(code)]),
) as Record<ContentLanguage, string[]>;

let index: SearchIndex;
let queries: string[];
const docs: SearchDoc[] = [];

beforeAll(() => {
  const random = seeded(7);
  for (const post of makePosts(3000, sentences, 11)) {
    docs.push({ id: post.id, lang: post.language, title: '', body: post.body, text: '' });
  }
  // Threads and documents: a title (boosted), a body, and PDF text for some.
  for (let n = 0; n < 300; n += 1) {
    const lang = (Object.keys(sentences) as ContentLanguage[])[n % 10] ?? 'en';
    docs.push({
      id: n % 2 === 0 ? `thread:t${String(n)}` : `document:d${String(n)}:${lang}`,
      lang,
      title: pick(sentences[lang], random).slice(0, 60),
      body: pick(sentences[lang], random),
      text: n % 3 === 0 ? `${pick(sentences[lang], random)} ${pick(sentences[lang], random)}` : '',
    });
  }
  index = SearchIndex.build(docs);

  // Per language: words as written, 3-letter prefixes, two-word queries, and a word that is not there.
  queries = [];
  for (const lang of Object.keys(sentences) as ContentLanguage[]) {
    for (let n = 0; n < 6; n += 1) {
      const words = pick(sentences[lang], random).split(/\s+/u);
      const word = pick(words, random);
      const next = pick(words, random);
      queries.push(word, `${word} ${next}`);
      const [term] = queryTerms(word);
      if (term !== undefined && term.length >= 3) queries.push(term.slice(0, 3));
    }
  }
  queries.push('de', 'the of', 'zzzzqx', 'droits homme', '인권', '人権', 'حقوق');
  // A rare word next to frequent ones, and phrases of many bigrams: later terms are looked up, not read whole.
  queries.push('méconnaissance de la', 'la de méconnaissance', 'of the and universal');
  for (let n = 0; n < 4; n += 1) queries.push(pick(sentences.ja, random).slice(0, 24), pick(sentences.ko, random));
});

/**
 * Checks the index's answer against MiniSearch's own `search()`; returns how many hits were compared. With
 * `scores: false`, the documents only: while edits and deletes wait for a vacuum, MiniSearch's scores depend
 * on where in a posting list it meets their stale entries (it lowers the term's document count as it drops
 * each one), and the ranked query counts them all, as MiniSearch does once they are vacuumed.
 */
function compareWithMiniSearch(
  on: SearchIndex,
  query: string,
  preferred: ContentLanguage[] = [],
  { scores = true } = {},
): number {
  const expected = on.referenceSearch(query, { preferredLanguages: preferred });
  const got = on.search(query, { limit: Number.POSITIVE_INFINITY, preferredLanguages: preferred });
  // Each fixture document has one language, so nothing is folded away as another language's copy.
  expect(got.map((hit) => hit.id).sort(), query).toEqual(expected.map((hit) => hit.id).sort());
  if (!scores) return got.length;
  const byId = new Map(expected.map((hit) => [hit.id, hit]));
  for (const [n, hit] of got.entries()) {
    const want = byId.get(hit.id);
    expect(want, `${query}: ${hit.id}`).toBeDefined();
    expect(hit.score).toBeCloseTo(want?.score ?? Number.NaN, 9);
    expect([...hit.terms].sort()).toEqual([...(want?.terms ?? [])].sort());
    if (n > 0) expect(hit.score).toBeLessThanOrEqual((got[n - 1]?.score ?? 0) + 1e-9);
  }
  return got.length;
}

describe('ranked queries over the index', () => {
  it('find the same documents with the same scores and matched terms as MiniSearch, best first', () => {
    let compared = 0;
    for (const query of queries) {
      for (const preferred of [[], ['fr', 'ar']] as ContentLanguage[][]) {
        compared += compareWithMiniSearch(index, query, preferred);
      }
    }
    expect(compared).toBeGreaterThan(10_000); // the queries do match: not a comparison of empty lists
  });

  it('give MiniSearch answers while the index changes: additions, edits, deletes, a vacuum', async () => {
    // Long posting lists are read as flat copies, kept until the index changes (ranked-query.ts `flatOf`).
    const changing = SearchIndex.build(docs.slice(0, 1500));
    const sample = queries.filter((_, n) => n % 4 === 0);
    const compareAll = (scores = true): number =>
      sample.reduce((sum, query) => sum + compareWithMiniSearch(changing, query, [], { scores }), 0);
    expect(compareAll()).toBeGreaterThan(500);
    for (const doc of docs.slice(1500, 2000)) changing.upsert(doc);
    compareAll();
    const random = seeded(5);
    for (const doc of docs.slice(0, 300)) changing.upsert({ ...doc, body: pick(sentences[doc.lang], random) });
    for (const doc of docs.slice(300, 400)) changing.remove(doc.id);
    compareAll(false);
    expect(changing.needsVacuum).toBe(true);
    await changing.vacuum();
    expect(changing.needsVacuum).toBe(false);
    expect(compareAll()).toBeGreaterThan(500);
  });

  it("mark in each hit's text what the query's terms match: its own matched terms, prefix expansions included", () => {
    // The search screen marks results with the query's terms (`QueryTerms`), not each hit's matched terms.
    const byId = new Map(docs.map((doc) => [doc.id, doc]));
    let marked = 0;
    for (const query of queries) {
      const highlight = new QueryTerms(querySpecs(query));
      for (const hit of index.search(query, { limit: 20 })) {
        const doc = byId.get(hit.id);
        for (const text of [doc?.title ?? '', doc?.body ?? '', doc?.text ?? '']) {
          const ranges = matchRanges(text, highlight);
          expect(ranges, `${query}: ${hit.id}`).toEqual(matchRanges(text, new Set(hit.terms)));
          marked += ranges.length;
        }
      }
    }
    expect(marked).toBeGreaterThan(1000);
  });

  it('keep the best hits for a limit, and filter by kind and language', () => {
    for (const query of ['de', 'droits', 'the', 'derechos', 'διακ']) {
      const all = index.search(query, { limit: Number.POSITIVE_INFINITY });
      const top = index.search(query, { limit: 20 });
      expect(top.map((hit) => hit.score)).toEqual(all.slice(0, 20).map((hit) => hit.score));

      const threads = index.search(query, { limit: Number.POSITIVE_INFINITY, kinds: ['thread'], languages: ['fr'] });
      expect(threads.map((hit) => hit.id).sort()).toEqual(
        all
          .filter((hit) => hit.kind === 'thread' && docs.find((doc) => doc.id === hit.id)?.lang === 'fr')
          .map((hit) => hit.id)
          .sort(),
      );
    }
  });

  it('never reports a removed document, nor the old text of an edited one', () => {
    // Edits and deletes leave discarded entries in the posting lists until they are vacuumed.
    const random = seeded(3);
    for (const doc of docs.slice(0, 200))
      index.upsert({ ...doc, body: `${doc.body} ${pick(sentences[doc.lang], random)}` });
    for (const doc of docs.slice(200, 260)) index.remove(doc.id);
    const removed = docs[210];
    const edited = docs[5];
    if (removed === undefined || edited === undefined) throw new Error('fixture');
    const word = queryTerms(removed.body).find((term) => term.length > 4) ?? '';
    expect(index.search(word, { limit: Number.POSITIVE_INFINITY }).some((hit) => hit.id === removed.id)).toBe(false);

    index.upsert({ ...edited, body: 'xylophonique' });
    expect(index.search('xylophonique').map((hit) => hit.id)).toEqual([edited.id]);
    const old = queryTerms(edited.body).find((term) => term.length > 4) ?? '';
    const stillThere = index
      .search(old, { limit: Number.POSITIVE_INFINITY })
      .some((hit) => hit.id === edited.id && !hit.terms.includes('xylophonique'));
    expect(stillThere).toBe(false);
  });

  it('filters and boosts documents added, edited and removed after the first filtered query', () => {
    // A document's kind and language are classified once per index and kept (ranked-query.ts): the
    // documents added since, and the new version of an edited one, must be classified too.
    const ids = (query: string, filters: Parameters<SearchIndex['search']>[1]) =>
      index.search(query, { limit: Number.POSITIVE_INFINITY, ...filters }).map((hit) => hit.id);
    expect(ids('droits', { languages: ['fr'] }).length).toBeGreaterThan(0);

    index.upsert({ id: 'post:late-fr', lang: 'fr', title: '', body: 'xylographie ancienne', text: '' });
    index.upsert({ id: 'post:late-en', lang: 'en', title: '', body: 'xylographie', text: '' });
    index.upsert({ id: 'thread:late-fr', lang: 'fr', title: 'xylographie', body: '', text: '' });
    expect(ids('xylographie', { languages: ['fr'] }).sort()).toEqual(['post:late-fr', 'thread:late-fr']);
    expect(ids('xylographie', { kinds: ['post'], languages: ['fr'] })).toEqual(['post:late-fr']);
    expect(ids('xylographie', { kinds: ['post'] }).sort()).toEqual(['post:late-en', 'post:late-fr']);

    // The same text in two languages: each ranks first for a reader of its language.
    index.upsert({ id: 'post:late-fr', lang: 'fr', title: '', body: 'xylographie', text: '' });
    expect(ids('xylographie', { kinds: ['post'], preferredLanguages: ['fr'] })[0]).toBe('post:late-fr');
    expect(ids('xylographie', { kinds: ['post'], preferredLanguages: ['en'] })[0]).toBe('post:late-en');

    index.upsert({ id: 'post:late-fr', lang: 'es', title: '', body: 'xylographie', text: '' });
    expect(ids('xylographie', { kinds: ['post'], languages: ['fr'] })).toEqual([]);
    expect(ids('xylographie', { languages: ['es'] })).toEqual(['post:late-fr']);

    index.remove('post:late-fr');
    expect(ids('xylographie', { languages: ['es'] })).toEqual([]);
    expect(ids('xylographie', { kinds: ['post'], preferredLanguages: ['es'] })).toEqual(['post:late-en']);
  });
});
