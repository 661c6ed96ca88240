import MiniSearch from 'minisearch';
import { hasCjk, indexTerms, queryTerms } from '../../../../shared/search/tokenizer';
import { internalsOf } from './minisearch-internals';
import { forgetKeptLists, prepareRankedQueries, rankedQuery, type ClassScheme, type QueryTerm } from './ranked-query';
import {
  appendStored,
  loadStored,
  serializeInSlices,
  storedForm,
  type Appended,
  type DocumentSelection,
  type SliceOptions,
} from './stored-form';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import {
  SEARCH_FIELDS,
  SEARCH_KINDS,
  STORED_FIELDS,
  isLanguage,
  isIndexedByLanguage,
  parseSearchId,
  type SearchDoc,
  type SearchKind,
  type SearchRef,
} from './search-documents';

/**
 * Bump when the tokenizer, the fields, the doc ids or the stored form change: a stored index of another format
 * is rebuilt. 3: the stored form of stored-form.ts (was MiniSearch's own JSON). 4: shards by recency over every
 * kind (the first shard held every thread, news item and document: 57 000 of 147 000 documents, 16 of the
 * stored index's 58 MB, in the client bench's data). 5: a news item is indexed once per language version
 * (`news:<id>:<lang>`, as documents are).
 */
export const INDEX_FORMAT = 5;

export interface SearchFilters {
  kinds?: readonly SearchKind[];
  languages?: readonly ContentLanguage[];
  /** Ranked a little higher when no language filter is set (the reader's content languages). */
  preferredLanguages?: readonly ContentLanguage[];
  limit?: number;
  /** Whether the last term also matches as a prefix (on by default: results while typing). */
  prefix?: boolean;
}

export interface RankedHit extends SearchRef {
  id: string;
  score: number;
  /** Folded index terms that matched (prefix expansions included), for highlighting. */
  terms: string[];
}

/** When and how the index is vacuumed (MiniSearch's own defaults for its auto vacuum, smaller batches). */
const VACUUM = { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 2000, batchWait: 10 };

/** Shortest last term that also matches as a prefix (Latin, Greek, Arabic, Hangul…). */
export const MIN_PREFIX = 3;

const identity = (term: string): string => term;

function options(): ConstructorParameters<typeof MiniSearch<SearchDoc>>[0] {
  return {
    idField: 'id',
    fields: [...SEARCH_FIELDS],
    storeFields: [...STORED_FIELDS],
    // Our tokenizer already folds; MiniSearch must not lowercase or split again.
    tokenize: indexTerms,
    processTerm: identity,
    searchOptions: { tokenize: queryTerms, processTerm: identity },
    // Vacuuming is run by the search service, in turn with updates and saves (`vacuum()`): a background
    // vacuum would change the index while a save reads it in slices.
    autoVacuum: false,
  };
}

/**
 * The offline search index: MiniSearch over our own tokenizer, with
 * upsert/remove by id, ranked and filtered queries, and JSON (de)serialization.
 */
export class SearchIndex {
  private constructor(private readonly mini: MiniSearch<SearchDoc>) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch<SearchDoc>(options()));
  }

  /** An index from its stored form (stored-form.ts); throws `StoredIndexError` if it is not one. */
  static fromJson(json: string): SearchIndex {
    return SearchIndex.ready(loadStored<SearchDoc>(json, options()));
  }

  static build(docs: Iterable<SearchDoc>): SearchIndex {
    const index = SearchIndex.empty();
    for (const doc of docs) index.mini.add(doc);
    prepareRankedQueries(index.mini, [KIND_LANGUAGE]);
    return index;
  }

  /** A loaded index, ready for its first query. */
  private static ready(mini: MiniSearch<SearchDoc>): SearchIndex {
    prepareRankedQueries(mini, [KIND_LANGUAGE]);
    return new SearchIndex(mini);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  /** Readies the index for its first query (field lengths read, documents classified) after adding documents. */
  prepare(): void {
    prepareRankedQueries(this.mini, [KIND_LANGUAGE]);
  }

  /** A document's number in the index (MiniSearch's short id; an update gets a new one), if it is there. */
  numberOf(id: string): number | undefined {
    return internalsOf(this.mini)._idToShortId.get(id);
  }

  /** Adds or replaces a document; returns its new number. */
  upsert(doc: SearchDoc): number {
    if (this.mini.has(doc.id)) this.mini.discard(doc.id);
    this.mini.add(doc);
    return internalsOf(this.mini)._nextId - 1;
  }

  /**
   * Merges a stored form into this index (stored-form.ts `appendStored`), in slices of about `budgetMs`
   * with a pause between them; its documents are numbered `from` to `to`.
   */
  async append(
    json: string,
    options: { skip: (id: string) => boolean; pause: () => Promise<void>; budgetMs: number },
  ): Promise<Appended> {
    const appended = await appendStored(this.mini, json, options);
    forgetKeptLists(this.mini);
    this.prepare();
    return appended;
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
  }

  /** The stored form in one piece (stored-form.ts), of the documents `select` accepts (all, as they are, without). */
  toJson(select?: DocumentSelection): string {
    return storedForm(this.mini, select);
  }

  /** The same text as `toJson()`, in chunks, built in slices with a pause between them. */
  serialize(options: SliceOptions, select?: DocumentSelection): Promise<string[]> {
    return serializeInSlices(this.mini, options, select);
  }

  /** Whether edits and deletes left enough stale entries to be worth a vacuum. */
  get needsVacuum(): boolean {
    return this.mini.dirtCount >= VACUUM.minDirtCount && this.mini.dirtFactor >= VACUUM.minDirtFactor;
  }

  /** Drops the stale entries of edited and deleted documents, in batches with pauses. */
  async vacuum(): Promise<void> {
    await this.mini.vacuum({ batchSize: VACUUM.batchSize, batchWait: VACUUM.batchWait });
  }

  /**
   * Every query term must match (AND); the last one also as a prefix, so
   * results come while typing. Documents are reported once, in their best language.
   */
  search(query: string, filters: SearchFilters = {}): RankedHit[] {
    const terms = querySpecs(query, filters.prefix ?? true);
    if (terms.length === 0) return [];
    const kinds = filters.kinds !== undefined && filters.kinds.length > 0 ? new Set(filters.kinds) : null;
    const languages =
      filters.languages !== undefined && filters.languages.length > 0 ? new Set(filters.languages) : null;
    const preferred = new Set(filters.preferredLanguages ?? []);
    const limit = filters.limit ?? 50;
    const hits: RankedHit[] = [];
    const seen = new Set<string>();
    const filtered = kinds !== null || languages !== null || preferred.size > 0;
    rankedQuery(this.mini, {
      terms,
      boost: BOOST,
      ...(filtered
        ? {
            classes: {
              scheme: KIND_LANGUAGE,
              factors: classFactors(kinds, languages, languages === null ? preferred : new Set()),
            },
          }
        : {}),
      // Documents are reported once, in their best language.
      take: (hit) => {
        const ref = refOf(hit.id, hit.stored);
        if (ref === null) return 'more';
        const key = `${ref.kind}:${ref.entityId}`;
        if (seen.has(key)) return 'more';
        seen.add(key);
        // The matched terms are worked out if the hit is shown (several shards each offer their best).
        hits.push({
          ...ref,
          id: hit.id,
          score: hit.score,
          get terms() {
            return hit.terms;
          },
        });
        return hits.length >= limit ? 'done' : 'more';
      },
    });
    return hits;
  }

  /** The same query through MiniSearch's own `search()`: the reference the ranked query is tested against. */
  referenceSearch(query: string, filters: SearchFilters = {}): { id: string; score: number; terms: string[] }[] {
    const prefix = filters.prefix ?? true;
    const preferred = new Set(filters.preferredLanguages ?? []);
    return this.mini
      .search(query, {
        combineWith: 'AND',
        prefix: (term, index, all) => prefix && index === all.length - 1 && prefixable(term),
        boost: BOOST,
        ...(preferred.size > 0
          ? {
              boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
                const lang = stored?.['lang'];
                return typeof lang === 'string' && isLanguage(lang) && preferred.has(lang) ? PREFERRED_BOOST : 1;
              },
            }
          : {}),
      })
      .map((result) => ({ id: String(result.id as unknown), score: result.score, terms: result.terms }));
  }
}

/** Field boosts: a title word counts most, PDF text least. */
const BOOST = { title: 3, body: 1, text: 0.5 };
/** A result in one of the reader's content languages ranks a little higher. */
const PREFERRED_BOOST = 1.3;

/**
 * A query's folded terms as the index searches them: each exactly, and the last one, when it is long enough,
 * also as a prefix (see `prefixable`). `QueryTerms` highlights what they match.
 */
export function querySpecs(query: string, prefix = true): QueryTerm[] {
  const terms = queryTerms(query);
  return terms.map((term, index) => ({ term, prefix: prefix && index === terms.length - 1 && prefixable(term) }));
}

const HANGUL = /\p{Script=Hangul}/u;

/**
 * Two Latin letters would expand to a large part of the vocabulary, so a
 * prefix needs three; a Hangul syllable carries more, two are enough; a
 * Chinese/Japanese character is a word (or half a bigram) already.
 */
function prefixable(term: string): boolean {
  return term.length >= MIN_PREFIX || hasCjk(term) || (term.length >= 2 && HANGUL.test(term));
}

const LANGUAGE_SLOTS = CONTENT_LANGUAGES.length + 1;
const LANGUAGE_SLOT = new Map<unknown, number>(CONTENT_LANGUAGES.map((lang, n) => [lang, n + 1]));
const KIND_OF_PREFIX = new Map<string, number>(SEARCH_KINDS.map((kind, n) => [`${kind}:`, n]));

/**
 * The ranked query's filters and boosts work on a document's kind and language, one byte per document
 * (0: not a search document): classified once per index, where a filter used to parse every matching
 * document's id. `classFactors` gives each class its factor.
 */
const KIND_LANGUAGE: ClassScheme = {
  name: 'kind-language',
  classify: (id, stored) => {
    const colon = id.indexOf(':');
    const kind = KIND_OF_PREFIX.get(id.slice(0, colon + 1));
    // A document's or news item's id carries its language too (`document:<id>:<lang>`): parsed in full, as
    // `refOf` does.
    if (kind === undefined) return 0;
    const searchKind = SEARCH_KINDS[kind];
    if (searchKind !== undefined && isIndexedByLanguage(searchKind) && parseSearchId(id) === null) return 0;
    return 1 + kind * LANGUAGE_SLOTS + (LANGUAGE_SLOT.get(stored?.['lang']) ?? 0);
  },
};

function classFactors(
  kinds: ReadonlySet<SearchKind> | null,
  languages: ReadonlySet<ContentLanguage> | null,
  preferred: ReadonlySet<ContentLanguage>,
): Float64Array {
  const factors = new Float64Array(1 + SEARCH_KINDS.length * LANGUAGE_SLOTS); // class 0 stays 0: left out
  SEARCH_KINDS.forEach((kind, k) => {
    for (let slot = 0; slot < LANGUAGE_SLOTS; slot += 1) {
      const lang = slot === 0 ? undefined : CONTENT_LANGUAGES[slot - 1];
      if (kinds !== null && !kinds.has(kind)) continue;
      if (languages !== null && (lang === undefined || !languages.has(lang))) continue;
      factors[1 + k * LANGUAGE_SLOTS + slot] = lang !== undefined && preferred.has(lang) ? PREFERRED_BOOST : 1;
    }
  });
  return factors;
}

function refOf(
  id: string,
  stored: Record<string, unknown> | undefined,
): (SearchRef & { lang?: ContentLanguage }) | null {
  const ref = parseSearchId(id);
  if (ref === null) return null;
  const lang = stored?.['lang'];
  return typeof lang === 'string' && isLanguage(lang) ? { ...ref, lang } : ref;
}
