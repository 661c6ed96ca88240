import type { ContentLanguage } from '../../../../shared/languages';
import {
  matchRanges,
  snippet,
  type HighlightTerms,
  type MatchRange,
  type Snippet,
} from '../../../../shared/search/highlight';
import type { Table } from 'dexie';
import type { CachedDocument, CachedNews, CachedPost, CachedThread, CollectiveBrainDb } from '../db';
import { pdfTextKey } from './persistence';
import type { SearchKind } from './search-documents';
import type { RankedHit } from './search-index';

export interface HighlightedText {
  text: string;
  ranges: MatchRange[];
}

/** A result as the screen shows it: what it is, its title and a snippet with the matches marked. */
export interface SearchHit {
  id: string;
  kind: SearchKind;
  entityId: string;
  language: ContentLanguage | undefined;
  score: number;
  title: HighlightedText;
  snippet: Snippet | null;
  /** The thread a post belongs to, to open it there. */
  threadId?: string;
  date?: string;
}

/** Thread titles already known (kept current by the search service): a post's hit needs its thread's title. */
export interface ThreadTitles {
  get(threadId: string): string | undefined;
  set(threadId: string, title: string): void;
}

/**
 * Reads the ranked hits' rows in one transaction and cuts their highlighted
 * titles and snippets. With the titles of their threads at hand, posts need
 * no second read. `highlight`: what the query's terms match (`QueryTerms`);
 * without it, each hit's matched terms are worked out and marked.
 */
export async function loadHits(
  db: CollectiveBrainDb,
  ranked: readonly RankedHit[],
  titles?: ThreadTitles,
  highlight?: HighlightTerms,
): Promise<SearchHit[]> {
  const ids = (kind: SearchKind): string[] => ranked.filter((hit) => hit.kind === kind).map((hit) => hit.entityId);
  const started = globalThis.performance.now();
  // Only the tables results come from: a background save of the search index (a write to `searchIndex`)
  // must not hold results back. A document matched in its PDF's text reads that text afterwards.
  /** Document hits whose snippet comes from their PDF's text: where they are, and the text's key. */
  const fromPdf: { at: number; key: string; terms: HighlightTerms }[] = [];
  const [posts, threads, news, documents] = await readByKeys(db, [
    ['posts', ids('post')],
    ['threads', ids('thread')],
    ['news', ids('news')],
    ['documents', ids('document')],
  ] as const);
  globalThis.performance.measure('cb:search-read', { start: started }); // for the benchmarks
  const unknown = [
    ...new Set(posts.map((post) => post?.threadId ?? '').filter((id) => id !== '' && titles?.get(id) === undefined)),
  ];
  const [postThreads] = await readByKeys(db, [['threads', unknown]] as const);
  const byId = <T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> =>
    new Map(rows.filter((row): row is T => row !== undefined).map((row) => [row.id, row]));
  const postMap = byId(posts);
  const threadMap = byId([...threads, ...postThreads]);
  for (const thread of postThreads) if (thread !== undefined) titles?.set(thread.id, thread.title);
  const titleOf = (threadId: string): string => titles?.get(threadId) ?? threadMap.get(threadId)?.title ?? '';
  const newsMap = byId(news);
  const documentMap = byId(documents);
  const found: SearchHit[] = [];
  for (const hit of ranked) {
    const terms = highlight ?? new Set(hit.terms);
    const base = { id: hit.id, kind: hit.kind, entityId: hit.entityId, language: hit.lang, score: hit.score };
    switch (hit.kind) {
      case 'post': {
        const post = postMap.get(hit.entityId);
        if (post === undefined) break;
        const title = titleOf(post.threadId);
        found.push({
          ...base,
          title: highlighted(title, terms),
          snippet: snippet(post.body, terms),
          threadId: post.threadId,
          date: post.createdAt,
        });
        break;
      }
      case 'thread': {
        const thread = threadMap.get(hit.entityId);
        if (thread === undefined) break;
        found.push({
          ...base,
          title: highlighted(thread.title, terms),
          snippet: null,
          date: thread.lastActivityAt,
        });
        break;
      }
      case 'news': {
        const item = newsMap.get(hit.entityId);
        const version = hit.lang === undefined ? undefined : item?.versions[hit.lang];
        if (item === undefined || version === undefined) break;
        found.push({
          ...base,
          title: highlighted(version.title, terms),
          snippet: snippet(version.body, terms),
          date: item.publishedAt ?? item.createdAt,
        });
        break;
      }
      case 'document': {
        const document = documentMap.get(hit.entityId);
        if (document === undefined || hit.lang === undefined) break;
        const lang = hit.lang;
        const title = document.title[lang] ?? Object.values(document.title)[0] ?? '';
        const summary = document.summary?.[lang] ?? '';
        const excerpt: Snippet | null = summary === '' ? null : snippet(summary, terms);
        const variant = document.variants.find((v) => v.language === lang);
        if ((excerpt === null || excerpt.ranges.length === 0) && variant !== undefined) {
          // The match is in the PDF's text.
          fromPdf.push({ at: found.length, key: pdfTextKey(variant.sha256), terms });
        }
        found.push({ ...base, title: highlighted(title, terms), snippet: excerpt, date: document.createdAt });
        break;
      }
    }
  }
  if (fromPdf.length > 0) {
    const texts = await db.searchIndex.bulkGet(fromPdf.map((entry) => entry.key));
    fromPdf.forEach((entry, n) => {
      const text = texts[n]?.value;
      const hit = found[entry.at];
      if (text !== undefined && hit !== undefined) hit.snippet = snippet(text, entry.terms);
    });
  }
  return found;
}

/** The rows of each table the results come from, as the tables type them. */
interface RowOf {
  posts: CachedPost;
  threads: CachedThread;
  news: CachedNews;
  documents: CachedDocument;
}
type Reads = readonly (readonly [keyof RowOf, readonly string[]])[];
type RowsOf<R extends Reads> = { [N in keyof R]: (RowOf[R[N][0]] | undefined)[] };

/**
 * Reads rows by primary key, table by table, in ONE read-only IndexedDB
 * transaction, answered as the last row arrives (not when the transaction
 * commits), without Dexie's work around each read (a transaction per table,
 * its promise scheduling, its middleware). With this and the faster tokenizer
 * together, the client bench's top-20 read went from p50 3.0 ms to 1.5–2.1 ms;
 * a raw read of 20 posts takes about 1 ms (docs/benchmarks.md).
 * Rows are read as Dexie reads them: as they were stored, unvalidated.
 * Before the database is open, Dexie reads them (it waits for the opening).
 */
export async function readByKeys<const R extends Reads>(db: CollectiveBrainDb, reads: R): Promise<RowsOf<R>> {
  const wanted = reads.filter(([, keys]) => keys.length > 0);
  if (!db.isOpen() || wanted.length === 0) {
    const rows = await Promise.all(
      reads.map(([table, keys]) =>
        keys.length === 0 ? Promise.resolve([]) : (db[table] as Table<unknown, string>).bulkGet([...keys]),
      ),
    );
    return rows as RowsOf<R>;
  }
  const backend = db.backendDB();
  return new Promise((resolve, reject) => {
    const transaction = backend.transaction([...new Set(wanted.map(([table]) => table))], 'readonly');
    const rows = reads.map(([, keys]) => new Array<unknown>(keys.length));
    let left = 0;
    for (const [n, [table, keys]] of reads.entries()) {
      if (keys.length === 0) continue;
      const store = transaction.objectStore(table);
      const into = rows[n] ?? [];
      for (const [at, key] of keys.entries()) {
        left += 1;
        store.get(key).onsuccess = function (this: IDBRequest<unknown>) {
          into[at] = this.result;
          left -= 1;
          if (left === 0) resolve(rows as RowsOf<R>);
        };
      }
    }
    transaction.onabort = () => reject(transaction.error ?? new Error('search-read-aborted'));
    transaction.onerror = () => reject(transaction.error ?? new Error('search-read-failed'));
  });
}

function highlighted(text: string, terms: HighlightTerms): HighlightedText {
  return { text, ranges: matchRanges(text, terms) };
}
