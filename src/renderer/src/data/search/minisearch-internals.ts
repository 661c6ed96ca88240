import type MiniSearch from 'minisearch';

/**
 * The parts of a MiniSearch index that the ranked query and the stored form
 * (stored-form.ts) read directly. MiniSearch has no public API for either (a
 * query that does not score every match, a save that yields, a load that does
 * not go through objects keyed by document number), so `minisearch` is pinned
 * to an exact version, the shape is checked at run time (a changed MiniSearch
 * fails loudly, never silently wrong), and tests compare the queries with
 * MiniSearch's own `search()` and an index loaded back with the one saved.
 */

/** field id → short doc id → term frequency, for one term. */
export type FieldPostings = Map<number, Map<number, number>>;

export interface Internals {
  _index: {
    get(term: string): FieldPostings | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
    [Symbol.iterator](): Iterator<[string, FieldPostings]>;
  };
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
}

export class IndexInternalsError extends Error {
  readonly code = 'search-index-internals';
}

export function internalsOf(mini: MiniSearch<never>): Internals {
  const raw = mini as unknown as Partial<Record<keyof Internals, unknown>>;
  const index = raw._index as { get?: unknown; atPrefix?: unknown; [Symbol.iterator]?: unknown } | undefined;
  if (
    typeof index?.get !== 'function' ||
    typeof index.atPrefix !== 'function' ||
    typeof index[Symbol.iterator] !== 'function' ||
    !(raw._documentIds instanceof Map) ||
    !(raw._idToShortId instanceof Map) ||
    !(raw._fieldLength instanceof Map) ||
    !(raw._storedFields instanceof Map) ||
    !Array.isArray(raw._avgFieldLength) ||
    typeof raw._fieldIds !== 'object' ||
    typeof raw._documentCount !== 'number' ||
    typeof raw._nextId !== 'number' ||
    typeof raw._dirtCount !== 'number'
  ) {
    throw new IndexInternalsError('MiniSearch changed its internal layout: the search index cannot be read.');
  }
  return raw as Internals;
}
