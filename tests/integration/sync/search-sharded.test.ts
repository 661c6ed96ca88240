import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf } from '../../../bench/udhr-corpus';
import type { SearchDoc } from '../../../src/renderer/src/data/search/search-documents';
import { SearchIndex, type RankedHit } from '../../../src/renderer/src/data/search/search-index';
import { ShardedIndex } from '../../../src/renderer/src/data/search/sharded-index';
import { StoredIndexError } from '../../../src/renderer/src/data/search/stored-form';
import type { ContentLanguage } from '../../../src/shared/languages';
import { queryTerms } from '../../../src/shared/search/tokenizer';

/**
 * The index is stored in shards and searched as one: each stored shard is merged into the same in-memory
 * index as it loads, so once every shard is in, a query ranks exactly as over one index of every document.
 */
const sentences = Object.fromEntries(
  Object.entries(CORPUS_FILES).map(([lang, code]) => [lang, sentencesOf(code)]),
) as Record<ContentLanguage, string[]>;

const docs: SearchDoc[] = makePosts(1500, sentences, 11).map((post) => ({
  id: post.id,
  lang: post.language,
  title: '',
  body: post.body,
  text: '',
}));
const QUERIES = ['droits', 'der', 'art', 'الإنسان', '인권', '人権', 'dignidade', 'liberté égalité', 'προσ', 'insan'];
const FILTERS = [
  {},
  { preferredLanguages: ['fr', 'es'] as const },
  { kinds: ['post'] as const, languages: ['fr'] as const },
];
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Ids and scores, scores rounded: a merged index sums its field lengths in another order than one built whole. */
function ranked(hits: readonly RankedHit[]): [string, number][] {
  return hits.map((hit) => [hit.id, Number(hit.score.toFixed(9))]);
}

/** Every shard's stored form, as a save writes it. */
async function storedShards(index: ShardedIndex): Promise<string[]> {
  const texts: string[] = [];
  for (let shard = 0; shard < index.shardCount; shard += 1) {
    texts.push((await index.serialize(shard, { pause, chunkChars: 10_000 })).join(''));
  }
  return texts;
}

async function loaded(texts: readonly string[], onPause: () => void = () => undefined): Promise<ShardedIndex> {
  const index = ShardedIndex.loading(texts.length);
  for (const [shard, text] of texts.entries()) {
    await index.loadShard(
      shard,
      text,
      () => {
        onPause();
        return pause();
      },
      0, // pause at every opportunity
    );
  }
  return index;
}

describe('the sharded search index', () => {
  it('once every stored shard is merged in, ranks exactly as one index built from every document', async () => {
    const whole = SearchIndex.build(docs);
    const built = await ShardedIndex.build(docs.slice(0, 300), docs.slice(300), 500, pause);
    expect(built.shardCount).toBe(4);
    const index = await loaded(await storedShards(built));
    expect(index.complete).toBe(true);
    expect(index.size).toBe(docs.length);
    expect(index.recentSize()).toBe(300);
    for (const query of QUERIES) {
      for (const filters of FILTERS) {
        const expected = ranked(whole.search(query, { limit: 50, ...filters }));
        expect(ranked(index.search(query, { limit: 50, ...filters })), `${query} ${JSON.stringify(filters)}`).toEqual(
          expected,
        );
        expect(ranked(built.search(query, { limit: 50, ...filters }))).toEqual(expected);
      }
    }
  });

  it('writes each shard with its own documents only, renumbered and without stale entries', async () => {
    const built = await ShardedIndex.build(docs.slice(0, 300), docs.slice(300, 1300), 500, pause);
    // Edits stay in their shard, new documents go to the recent one, deletes leave theirs.
    const random = seeded(3);
    const edited = docs[400];
    if (edited === undefined) throw new Error('no doc');
    const edit = { ...edited, body: pick(sentences.fr, random) };
    const added = { ...edited, id: 'post:new', body: 'Une coopérative nouvelle' };
    built.upsert(edit);
    built.upsert(added);
    built.remove('post:10');
    built.remove('post:1000');
    // What is left, as one index built whole (no stale entries either).
    const left = [
      ...docs.slice(0, 1300).filter((doc) => !['post:10', 'post:1000', 'post:400'].includes(doc.id)),
      edit,
      added,
    ];
    const [recent = '', first = '', second = ''] = await storedShards(built);
    const ids = (text: string): string[] =>
      (JSON.parse(text) as { documents: unknown[] }).documents.filter((_, n) => n % 4 === 1).map(String);
    expect(ids(recent)).toHaveLength(300);
    expect(ids(recent)).toContain('post:new');
    expect(ids(recent)).not.toContain('post:10');
    expect(ids(first)).toContain('post:400');
    expect(ids(first)).toHaveLength(500);
    expect(ids(second)).toHaveLength(499);
    for (const text of [recent, first, second]) {
      const stored = JSON.parse(text) as { documents: unknown[]; nextId: number; dirtCount: number };
      expect(stored.dirtCount).toBe(0);
      expect(stored.nextId).toBe(stored.documents.length / 4);
      expect(stored.documents.filter((_, n) => n % 4 === 0)).toEqual(
        Array.from({ length: stored.nextId }, (_, n) => n),
      );
    }
    // Loaded back, it answers as one index of what is left.
    const index = await loaded([recent, first, second]);
    const whole = SearchIndex.build(left);
    for (const query of [...QUERIES, 'cooperative']) {
      expect(ranked(index.search(query, { limit: 50 })), query).toEqual(ranked(whole.search(query, { limit: 50 })));
    }
  });

  it('answers between the slices of a merge, and over every posting once the merge is done', async () => {
    const many: SearchDoc[] = makePosts(4000, sentences, 12).map((post) => ({
      id: post.id,
      lang: post.language,
      title: '',
      body: post.body,
      text: '',
    }));
    const built = await ShardedIndex.build(many.slice(0, 1000), many.slice(1000), 1500, pause);
    const texts = await storedShards(built);
    // Words in 400 posts or more: their lists are kept flat between queries from 256 postings (ranked-query.ts).
    const postsWith = new Map<string, number>();
    for (const doc of many)
      for (const term of new Set(queryTerms(doc.body))) postsWith.set(term, (postsWith.get(term) ?? 0) + 1);
    const frequent = [...postsWith].filter(([, count]) => count >= 400).map(([term]) => term);
    expect(frequent.length).toBeGreaterThanOrEqual(10);
    const index = ShardedIndex.loading(texts.length);
    let asked = 0;
    for (const [shard, text] of texts.entries()) {
      await index.loadShard(
        shard,
        text,
        () => {
          // A query mid-merge reads (and keeps flat) posting lists that later slices still add to.
          for (const query of frequent) index.search(query, { limit: 20 });
          asked += 1;
          return pause();
        },
        0, // pause at every opportunity
      );
    }
    expect(asked).toBeGreaterThan(3);
    const whole = SearchIndex.build(many);
    for (const query of frequent) {
      expect(ranked(index.search(query, { limit: 50 })), query).toEqual(ranked(whole.search(query, { limit: 50 })));
    }
  });

  it('leaves out of a shard as it loads what changed since the cold start, and writes that shard again', async () => {
    const built = await ShardedIndex.build(docs.slice(0, 300), docs.slice(300, 900), 600, pause);
    const texts = await storedShards(built);
    const index = ShardedIndex.loading(2);
    await index.loadShard(0, texts[0] ?? '', pause, 8);
    index.markClean(0);
    // Before the archive arrives: one of its posts is edited, another deleted.
    index.upsert({ ...(docs[500] as SearchDoc), body: 'Réécrit pendant le chargement' });
    index.remove('post:600');
    expect(index.isDirty(0)).toBe(true);
    await index.loadShard(1, texts[1] ?? '', pause, 8);
    expect(index.complete).toBe(true);
    expect(index.isDirty(1)).toBe(true);
    expect(index.size).toBe(899);
    expect(index.search('reecrit').map((hit) => hit.id)).toEqual(['post:500']);
    expect(index.search(docs[600]?.body.split(' ')[0] ?? '', { limit: 1000 }).map((hit) => hit.id)).not.toContain(
      'post:600',
    );
    // The edited post now lives in the recent shard; the archive is written without it.
    const [recent = '', archive = ''] = await storedShards(index);
    expect(recent).toContain('"post:500"');
    expect(archive).not.toContain('"post:500"');
    expect(archive).not.toContain('"post:600"');
  });

  it('refuses a shard it did not write, before changing anything', async () => {
    const built = await ShardedIndex.build(docs.slice(0, 100), docs.slice(100, 200), 100, pause);
    const [recent = '', archive = ''] = await storedShards(built);
    const index = ShardedIndex.loading(2);
    await index.loadShard(0, recent, pause, 8);
    const parsed = JSON.parse(archive) as { documents: unknown[] };
    const cut = JSON.stringify({ ...parsed, documents: [...parsed.documents.slice(0, -4), 'x', 'post:1', null, null] });
    await expect(index.loadShard(1, cut, pause, 8)).rejects.toBeInstanceOf(StoredIndexError);
    expect(index.size).toBe(100);
    expect(index.isLoaded(1)).toBe(false);
  });
});
