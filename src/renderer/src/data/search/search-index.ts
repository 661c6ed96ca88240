import MiniSearch, { type SearchResult } from 'minisearch';
import type { ContentLanguage } from '../../../../shared/languages';
import { hasCjk, indexTerms, queryTerms } from '../../../../shared/search/tokenizer';
import {
  SEARCH_FIELDS,
  STORED_FIELDS,
  isLanguage,
  parseSearchId,
  type SearchDoc,
  type SearchKind,
  type SearchRef,
} from './search-documents';

/** Bump when the tokenizer, the fields or the doc ids change: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 2;

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
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 2000, batchWait: 10 },
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

  static fromJson(json: string): SearchIndex {
    return new SearchIndex(MiniSearch.loadJSON<SearchDoc>(json, options()));
  }

  /** Same, yielding to the event loop as it goes: for shards loaded while the user already searches. */
  static async fromJsonAsync(json: string): Promise<SearchIndex> {
    return new SearchIndex(await MiniSearch.loadJSONAsync<SearchDoc>(json, options()));
  }

  static build(docs: Iterable<SearchDoc>): SearchIndex {
    const index = SearchIndex.empty();
    for (const doc of docs) index.mini.add(doc);
    return index;
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  upsert(doc: SearchDoc): void {
    if (this.mini.has(doc.id)) this.mini.discard(doc.id);
    this.mini.add(doc);
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
  }

  toJson(): string {
    return JSON.stringify(this.mini);
  }

  /**
   * Every query term must match (AND); the last one also as a prefix, so
   * results come while typing. Documents are reported once, in their best language.
   */
  search(query: string, filters: SearchFilters = {}): RankedHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const kinds = filters.kinds !== undefined && filters.kinds.length > 0 ? new Set(filters.kinds) : null;
    const languages =
      filters.languages !== undefined && filters.languages.length > 0 ? new Set(filters.languages) : null;
    const preferred = new Set(filters.preferredLanguages ?? []);
    const prefix = filters.prefix ?? true;
    const results = this.mini.search(query, {
      combineWith: 'AND',
      prefix: (term, index, all) => prefix && index === all.length - 1 && prefixable(term),
      boost: { title: 3, body: 1, text: 0.5 },
      // Only when asked: the filter runs for every matching document.
      ...(kinds !== null || languages !== null
        ? {
            filter: (result: SearchResult) => {
              const ref = refOf(result);
              if (ref === null) return false;
              if (kinds !== null && !kinds.has(ref.kind)) return false;
              return languages === null || (ref.lang !== undefined && languages.has(ref.lang));
            },
          }
        : {}),
      ...(preferred.size > 0 && languages === null
        ? {
            boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
              const lang = stored?.['lang'];
              return typeof lang === 'string' && isLanguage(lang) && preferred.has(lang) ? 1.3 : 1;
            },
          }
        : {}),
    });
    const hits: RankedHit[] = [];
    const seen = new Set<string>();
    const limit = filters.limit ?? 50;
    for (const result of results) {
      const ref = refOf(result);
      if (ref === null) continue;
      const key = `${ref.kind}:${ref.entityId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ ...ref, id: String(result.id as unknown), score: result.score, terms: result.terms });
      if (hits.length >= limit) break;
    }
    return hits;
  }
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

function refOf(result: SearchResult): (SearchRef & { lang?: ContentLanguage }) | null {
  const ref = parseSearchId(String(result.id as unknown));
  if (ref === null) return null;
  const lang = (result as { lang?: unknown }).lang;
  return isLanguage(typeof lang === 'string' ? lang : undefined) ? { ...ref, lang: lang as ContentLanguage } : ref;
}
