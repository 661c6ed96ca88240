import type MiniSearch from 'minisearch';
import { internalsOf, type FieldPostings, type Internals } from './minisearch-internals';

/**
 * Ranked AND queries over a MiniSearch index, without MiniSearch's per-match
 * allocations.
 *
 * MiniSearch's `search()` builds a result object (score, terms, match map) for
 * every document that matches any query term, then combines, filters and
 * sorts all of them: about 1 µs per match, so a frequent word (25 000 posts
 * of 100 000) costs 30–50 ms. This evaluates the same query (same BM25
 * formula, parameters, field boosts, prefix weights and the `quality` factor
 * of `search()`) over MiniSearch's own posting lists into typed arrays, and
 * keeps only the best hits: matched terms are worked out for those alone.
 * MiniSearch still owns the index: adding, discarding, vacuuming, the term
 * tree for prefixes, and serialization.
 *
 * It reads MiniSearch's internal fields (see minisearch-internals.ts), and a
 * test compares every result with MiniSearch's own `search()`.
 */

/** MiniSearch's defaults, which our options keep. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;

export interface QueryTerm {
  term: string;
  prefix: boolean;
}

export interface RankedQuery {
  terms: readonly QueryTerm[];
  /** Field name → boost; fields not named are not searched. */
  boost: Readonly<Record<string, number>>;
  /** Whether a document may be a hit (filters); called for documents that match every term. */
  accept?: (id: string, stored: Record<string, unknown> | undefined) => boolean;
  /** A factor on a document's score (e.g. the reader's languages). */
  boostDocument?: (id: string, stored: Record<string, unknown> | undefined) => number;
  /** Best hits first; `take` is asked for each in order and says when to stop (dedupe, limits). */
  take: (hit: QueryHit) => 'more' | 'done';
}

export interface QueryHit {
  id: string;
  score: number;
  /** The index terms that matched in this document (prefix expansions included). */
  terms: string[];
  stored: Record<string, unknown> | undefined;
}

interface Derived {
  term: string;
  weight: number;
  postings: FieldPostings;
}

export function rankedQuery(mini: MiniSearch<never>, query: RankedQuery): void {
  const ix = internalsOf(mini);
  const specs = query.terms.map((spec) => derivedTerms(ix, spec));
  if (specs.length === 0 || specs.some((derived) => derived.length === 0)) return;
  const fields = Object.entries(query.boost)
    .map(([name, boost]) => ({ id: ix._fieldIds[name], boost }))
    .filter((field): field is { id: number; boost: number } => field.id !== undefined);

  const { scores, matched, lengths } = scratchFor(mini, ix);
  const candidates: number[] = [];
  try {
    collect(ix, specs, fields, scores, matched, lengths, candidates);
    select(ix, query, specs, fields, scores, matched, candidates);
  } finally {
    // Only candidates were written: clean those, so the next query starts from zeros.
    for (const doc of candidates) {
      scores[doc] = 0;
      matched[doc] = 0;
    }
  }
}

interface Scratch {
  scores: Float64Array;
  /** How many query terms each document matched so far (AND): the 1-based turn that last counted it. */
  matched: Uint16Array;
  /**
   * Field lengths by document number, one array per field: read for every
   * posting, so kept flat (MiniSearch keeps a Map of arrays). A document's
   * lengths never change (an update is a new document number), so only
   * numbers at or past `lengthsUpTo` are read in, when they appear.
   */
  lengths: Float32Array[];
  lengthsUpTo: number;
}

/** Per index, reused by every query (a query allocates nothing per document). */
const scratches = new WeakMap<object, Scratch>();

function scratchFor(mini: object, ix: Internals): Scratch {
  const size = ix._nextId;
  let scratch = scratches.get(mini);
  if (scratch === undefined || scratch.scores.length < size) {
    const grown = Math.max(size, Math.ceil((scratch?.scores.length ?? 0) * 1.5), 1024);
    const fieldCount = Object.keys(ix._fieldIds).length;
    const lengths = Array.from({ length: fieldCount }, (_, field) => {
      const array = new Float32Array(grown);
      if (scratch?.lengths[field] !== undefined) array.set(scratch.lengths[field]);
      return array;
    });
    scratch = {
      scores: new Float64Array(grown),
      matched: new Uint16Array(grown),
      lengths,
      lengthsUpTo: scratch?.lengthsUpTo ?? 0,
    };
    scratches.set(mini, scratch);
  }
  if (scratch.lengthsUpTo < size) {
    for (let doc = scratch.lengthsUpTo; doc < size; doc += 1) {
      const lengths = ix._fieldLength.get(doc);
      if (lengths === undefined) continue; // discarded
      for (const [field, array] of scratch.lengths.entries()) array[doc] = lengths[field] ?? 0;
    }
    scratch.lengthsUpTo = size;
  }
  return scratch;
}

/** Reads an index's field lengths in ahead of its first query (after loading it). */
export function prepareRankedQueries(mini: MiniSearch<never>): void {
  scratchFor(mini, internalsOf(mini));
}

function collect(
  ix: Internals,
  specs: readonly Derived[][],
  fields: readonly { id: number; boost: number }[],
  scores: Float64Array,
  matched: Uint16Array,
  lengths: readonly Float32Array[],
  candidates: number[],
): void {
  const count = ix._documentCount;
  const { k, b, d } = BM25;
  // The rarest term first: later terms only score documents that are still candidates.
  const order = specs.map((derived) => ({ derived, size: postingsSize(derived) })).sort((x, y) => x.size - y.size);
  for (const [position, { derived }] of order.entries()) {
    const turn = position + 1;
    for (const { weight, postings } of derived) {
      for (const field of fields) {
        const freqs = postings.get(field.id);
        if (freqs === undefined) continue;
        const idf = Math.log(1 + (count - freqs.size + 0.5) / (freqs.size + 0.5));
        const avgLength = ix._avgFieldLength[field.id] ?? 1;
        const factor = weight * field.boost * idf;
        const fieldLengths = lengths[field.id];
        if (fieldLengths === undefined) continue;
        // forEach: no entry array per posting. Discarded documents are dropped when hits are picked.
        freqs.forEach((tf, doc) => {
          const seen = matched[doc] ?? 0;
          // Must have matched every earlier term (seen === position), or this one already (=== turn).
          if (seen < position) return;
          if (seen === 0) candidates.push(doc);
          const length = fieldLengths[doc] ?? 0;
          scores[doc] =
            (scores[doc] ?? 0) + factor * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength)));
          matched[doc] = turn;
        });
      }
    }
  }
}

function select(
  ix: Internals,
  query: RankedQuery,
  specs: readonly Derived[][],
  fields: readonly { id: number; boost: number }[],
  scores: Float64Array,
  matched: Uint16Array,
  candidates: readonly number[],
): void {
  // `search()` multiplies by the number of distinct query terms matched: all of them, under AND.
  const quality = new Set(query.terms.map((spec) => spec.term)).size;
  const all = specs.length;
  const needsStored = query.accept !== undefined || query.boostDocument !== undefined;
  // Discarded documents stay in the posting lists until a vacuum; with none, no lookup is needed.
  const dirty = ix._dirtCount > 0;
  // Final scores are written back into `scores`; hits are document numbers (no object per hit).
  const hits: number[] = [];
  for (const doc of candidates) {
    if (matched[doc] !== all) continue;
    let boost = quality;
    if (needsStored) {
      const id = ix._documentIds.get(doc);
      if (id === undefined) continue;
      const stored = ix._storedFields.get(doc);
      if (query.accept !== undefined && !query.accept(id, stored)) continue;
      boost *= query.boostDocument?.(id, stored) ?? 1;
      if (boost <= 0) continue;
    } else if (dirty && !ix._documentIds.has(doc)) {
      continue; // discarded, not yet vacuumed
    }
    scores[doc] = (scores[doc] ?? 0) * boost;
    hits.push(doc);
  }

  // Best first, without sorting every hit: a bounded selection, grown if `take` wants more.
  let taken = 0;
  for (let want = 64; taken < hits.length; want *= 4) {
    const best = topByScore(hits, scores, Math.min(hits.length, want));
    for (let i = taken; i < best.length; i += 1) {
      const doc = best[i];
      if (doc === undefined) break;
      const hit = {
        id: ix._documentIds.get(doc) ?? '',
        score: scores[doc] ?? 0,
        terms: matchedTerms(specs, fields, doc),
        stored: ix._storedFields.get(doc),
      };
      if (query.take(hit) === 'done') return;
    }
    taken = best.length;
  }
}

/** The exact term (weight 1) and, for a prefix, every longer term that starts with it, weighted like MiniSearch. */
function derivedTerms(ix: Internals, spec: QueryTerm): Derived[] {
  const derived: Derived[] = [];
  const exact = ix._index.get(spec.term);
  if (exact !== undefined) derived.push({ term: spec.term, weight: 1, postings: exact });
  if (spec.prefix) {
    for (const [term, postings] of ix._index.atPrefix(spec.term)) {
      const distance = term.length - spec.term.length;
      if (distance === 0) continue;
      derived.push({ term, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), postings });
    }
  }
  return derived;
}

function postingsSize(derived: readonly Derived[]): number {
  let size = 0;
  for (const { postings } of derived) for (const freqs of postings.values()) size += freqs.size;
  return size;
}

function matchedTerms(specs: readonly Derived[][], fields: readonly { id: number }[], doc: number): string[] {
  const terms = new Set<string>();
  for (const derived of specs) {
    for (const { term, postings } of derived) {
      if (fields.some((field) => postings.get(field.id)?.has(doc) === true)) terms.add(term);
    }
  }
  return [...terms];
}

/**
 * The `n` best documents by score, best first, in O(hits · log n). Equal
 * scores go in document order, so the best n are always a prefix of the best
 * n + m (a selection grown by `take` never skips or repeats a hit).
 */
function topByScore(hits: readonly number[], scores: Float64Array, n: number): number[] {
  const better = (a: number, b: number): boolean => {
    const sa = scores[a] ?? 0;
    const sb = scores[b] ?? 0;
    return sa > sb || (sa === sb && a < b);
  };
  const byRank = (a: number, b: number): number => (better(a, b) ? -1 : better(b, a) ? 1 : 0);
  if (n >= hits.length) return [...hits].sort(byRank);
  // A heap of the best n so far, the worst of them at the top.
  const heap: number[] = [];
  const worse = (i: number, j: number): boolean => better(heap[j] ?? 0, heap[i] ?? 0);
  const swap = (i: number, j: number): void => {
    const a = heap[i] ?? 0;
    heap[i] = heap[j] ?? 0;
    heap[j] = a;
  };
  for (const doc of hits) {
    if (heap.length < n) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (better(doc, heap[0] ?? 0)) {
      heap[0] = doc;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < n && worse(left, worst)) worst = left;
        if (right < n && worse(right, worst)) worst = right;
        if (worst === i) break;
        swap(i, worst);
        i = worst;
      }
    }
  }
  return heap.sort(byRank);
}
