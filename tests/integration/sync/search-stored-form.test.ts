import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf } from '../../../bench/udhr-corpus';
import type { ContentLanguage } from '../../../src/shared/languages';
import MiniSearch from 'minisearch';
import { SearchIndex } from '../../../src/renderer/src/data/search/search-index';
import { StoredIndexError, loadStored } from '../../../src/renderer/src/data/search/stored-form';

const sentences = Object.fromEntries(
  Object.entries(CORPUS_FILES).map(([lang, code]) => [lang, sentencesOf(code)]),
) as Record<ContentLanguage, string[]>;

/** A stored index's content, its term rows in term order. */
function content(json: string): unknown {
  const { index, ...rest } = JSON.parse(json) as { index: [string, ...unknown[]][] };
  return { ...rest, index: [...index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
}

describe('the stored search index', () => {
  it('is written in slices exactly as in one piece, yielding the thread between slices, and loads back', async () => {
    const posts = makePosts(2000, sentences, 5);
    const index = SearchIndex.build(
      posts.map((post) => ({ id: post.id, lang: post.language, title: '', body: post.body, text: '' })),
    );
    // Edits and deletes: stale entries (dirt) are part of what is saved.
    const random = seeded(9);
    for (const post of posts.slice(0, 100)) {
      index.upsert({
        id: post.id,
        lang: post.language,
        title: 'Édition',
        body: pick(sentences[post.language], random),
        text: '',
      });
    }
    for (const post of posts.slice(100, 150)) index.remove(post.id);

    let pauses = 0;
    const chunks = await index.serialize({
      budgetMs: 0, // pause at every opportunity
      chunkChars: 50_000,
      pause: () => {
        pauses += 1;
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    const expected = index.toJson();
    expect(chunks.join('')).toBe(expected);
    expect(chunks.length).toBeGreaterThan(5); // in rows of about chunkChars
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 50_000 && chunk.length < 60_000)).toBe(true);
    expect(pauses).toBeGreaterThan(10);

    // And it loads back into an index that answers the same.
    const loaded = SearchIndex.fromJson(chunks.join(''));
    expect(loaded.size).toBe(index.size);
    for (const query of ['edition', 'droits', 'der', 'الإنسان', '인권']) {
      // The same hits and scores; matched terms may come in another order.
      const sorted = (hits: ReturnType<SearchIndex['search']>) =>
        hits.map((hit) => ({ ...hit, terms: [...hit.terms].sort() }));
      expect(sorted(loaded.search(query, { limit: 100 }))).toEqual(sorted(index.search(query, { limit: 100 })));
    }
    expect(loaded.search('edition', { limit: 100 })).toHaveLength(100);
    // Written back, it holds the same: nothing was lost on the way, dirt included (the term tree may list
    // its terms in another order, as it does after MiniSearch's own loadJSON).
    expect(content(loaded.toJson())).toEqual(content(expected));
    // Merged in slices into an empty index, handing the thread back (as a cold start loads a shard): the same
    // documents and postings, renumbered from 0 and without the stale entries, as a selection of every live
    // document writes them.
    let loadPauses = 0;
    const merged = SearchIndex.empty();
    const appended = await merged.append(chunks.join(''), {
      skip: () => false,
      pause: () => {
        loadPauses += 1;
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
      budgetMs: 0, // pause at every opportunity
    });
    expect(appended).toEqual({ from: 0, to: index.size, skipped: 0 });
    expect(loadPauses).toBeGreaterThan(3);
    expect(content(merged.toJson())).toEqual(content(index.toJson(() => true)));
    const clean = SearchIndex.fromJson(index.toJson(() => true));
    for (const query of ['edition', 'droits', 'der', 'الإنسان', '인권']) {
      expect(merged.search(query, { limit: 100 })).toEqual(clean.search(query, { limit: 100 }));
    }
  });

  it('refuses what it did not write, with a named error: cut, another form, bad rows, other fields', () => {
    const index = SearchIndex.build(
      makePosts(50, sentences, 7).map((post) => ({
        id: post.id,
        lang: post.language,
        title: '',
        body: post.body,
        text: '',
      })),
    );
    const own = new MiniSearch({ fields: ['title', 'body', 'text'] });
    own.addAll([{ id: 'post:1', title: '', body: 'Whereas disregard and contempt', text: '' }]);
    const json = index.toJson();
    const parsed = JSON.parse(json) as Record<string, unknown> & { index: unknown[]; documents: unknown[] };
    const variants = {
      cut: json.slice(0, json.length - 10),
      'MiniSearch’s own JSON': JSON.stringify(own),
      'another version': JSON.stringify({ ...parsed, version: 2 }),
      'a bad term row': JSON.stringify({ ...parsed, index: [...parsed.index, ['word', 1, [3]]] }),
      'a bad posting': JSON.stringify({ ...parsed, index: [...parsed.index, ['word', 1, ['3', 1]]] }),
      'a cut document list': JSON.stringify({ ...parsed, documents: parsed.documents.slice(0, -1) }),
      'other fields': JSON.stringify({ ...parsed, fieldIds: { body: 0, title: 1, text: 2 } }),
    };
    for (const [name, text] of Object.entries(variants)) {
      expect(() => SearchIndex.fromJson(text), name).toThrow(StoredIndexError);
    }
    expect(() => loadStored('{', { fields: ['body'] })).toThrow(
      expect.objectContaining({ code: 'search-index-unreadable' }),
    );
  });

  it('keeps vacuuming out of the background: stale entries stay until the service vacuums', async () => {
    const posts = makePosts(600, sentences, 6);
    const index = SearchIndex.build(
      posts.map((post) => ({ id: post.id, lang: post.language, title: '', body: post.body, text: '' })),
    );
    for (const post of posts.slice(0, 300)) index.remove(post.id);
    const before = index.toJson();
    expect(index.needsVacuum).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // MiniSearch's auto vacuum would have run by now
    expect(index.toJson()).toBe(before);
    await index.vacuum();
    expect(index.needsVacuum).toBe(false);
    expect(index.toJson().length).toBeLessThan(before.length);
  });
});
