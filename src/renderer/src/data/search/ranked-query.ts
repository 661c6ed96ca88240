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
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/**
 * What one posting adds to its document's score before the term's factor (weight × boost × idf): MiniSearch's
 * BM25+ term frequency part, for a term seen `tf` times in a field of `length` terms.
 */
function termPart(tf: number, length: number, avgLength: number): number {
  const { k, b, d } = BM25;
  return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength));
}

const PREFIX_WEIGHT = 0.375;

export interface QueryTerm {
  term: string;
  prefix: boolean;
}

export interface RankedQuery {
  terms: readonly QueryTerm[];
  /** Field name → boost; fields not named are not searched. */
  boost: Readonly<Record<string, number>>;
  /**
   * Filters and per-document boosts, as classes: `classify` puts a document in a small class (1–255; 0
   * for none), once per document and index, and `factors[class]` multiplies its score (0 leaves it out).
   * A query then reads one byte per matching document, not its stored fields: a frequent word or a short
   * prefix matches tens of thousands of them.
   */
  classes?: DocumentClasses;
  /** Best hits first; `take` is asked for each in order and says when to stop (dedupe, limits). */
  take: (hit: QueryHit) => 'more' | 'done';
}

/** A way to put documents in classes: each document is classified once per index (its class is cached). */
export interface ClassScheme {
  /** Documents classified under one name keep their class. */
  name: string;
  classify: (id: string, stored: Record<string, unknown> | undefined) => number;
}

export interface DocumentClasses {
  scheme: ClassScheme;
  /** Each class's factor on the score (0: left out). */
  factors: ArrayLike<number>;
}

export interface QueryHit {
  id: string;
  score: number;
  /**
   * The index terms that matched in this document (prefix expansions included). Worked out when first
   * read (a prefix may expand to hundreds of terms), so read it for the hits that are shown only, and
   * before the index changes.
   */
  readonly terms: string[];
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

  const scratch = scratchFor(mini, ix);
  const { scores, matched, lengths, candidates, hits, flats } = scratch;
  const classOf = query.classes === undefined ? undefined : classesFor(scratch, ix, query.classes.scheme);
  let count = 0;
  try {
    count = collect(ix, specs, fields, scores, matched, lengths, candidates, hits, flats);
    select(ix, query, specs, fields, scores, matched, candidates.subarray(0, count), hits, classOf);
  } finally {
    // Only candidates were written: clean those, so the next query starts from zeros.
    for (let i = 0; i < count; i += 1) {
      const doc = candidates[i] ?? 0;
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
   * The documents a query scores, and those it keeps: a frequent word or a short prefix reaches tens of
   * thousands, and arrays of that size made anew at each query kept the garbage collector busy.
   */
  candidates: Int32Array;
  /** The hits a query keeps; before that, the documents still in the running after each term. */
  hits: Int32Array;
  /**
   * Field lengths by document number, one array per field: read for every
   * posting, so kept flat (MiniSearch keeps a Map of arrays). A document's
   * lengths never change (an update is a new document number), so only
   * numbers at or past `lengthsUpTo` are read in, when they appear.
   */
  lengths: Float32Array[];
  lengthsUpTo: number;
  /** Each classification's class by document number (see `DocumentClasses`), read in like the lengths. */
  classes: Map<string, { of: Uint8Array; upTo: number }>;
  /** Posting lists read flat (see `flatOf`). */
  flats: KeptFlats;
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
    const classes = new Map<string, { of: Uint8Array; upTo: number }>();
    for (const [name, { of, upTo }] of scratch?.classes ?? []) {
      const array = new Uint8Array(grown);
      array.set(of);
      classes.set(name, { of: array, upTo });
    }
    scratch = {
      scores: new Float64Array(grown),
      matched: new Uint16Array(grown),
      candidates: new Int32Array(grown),
      hits: new Int32Array(grown),
      lengths,
      lengthsUpTo: scratch?.lengthsUpTo ?? 0,
      classes,
      flats: scratch?.flats ?? keptFlats(),
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

/** The class of every document of the index under `scheme` (documents added since are classified now). */
function classesFor(scratch: Scratch, ix: Internals, scheme: ClassScheme): Uint8Array {
  let entry = scratch.classes.get(scheme.name);
  if (entry === undefined) {
    entry = { of: new Uint8Array(scratch.scores.length), upTo: 0 };
    scratch.classes.set(scheme.name, entry);
  }
  const size = ix._nextId;
  for (let doc = entry.upTo; doc < size; doc += 1) {
    const id = ix._documentIds.get(doc);
    // Discarded documents stay 0 (left out); a class outside 1–255 is a bug in `classify`.
    if (id !== undefined) entry.of[doc] = scheme.classify(id, ix._storedFields.get(doc));
  }
  entry.upTo = Math.max(entry.upTo, size);
  return entry.of;
}

/**
 * Drops the posting lists an index keeps flat. Needed after its lists grew in place without a change of the
 * stamp: a stored shard merged in (search-index.ts `append`), where a query between two slices of the merge
 * read lists that later slices added to, under the merge's final counts.
 */
export function forgetKeptLists(mini: object): void {
  const scratch = scratches.get(mini);
  if (scratch !== undefined) scratch.flats = keptFlats();
}

/** Reads an index's field lengths, and classifies its documents, ahead of its first query (after loading it). */
export function prepareRankedQueries(mini: MiniSearch<never>, schemes: readonly ClassScheme[] = []): void {
  const ix = internalsOf(mini);
  const scratch = scratchFor(mini, ix);
  for (const scheme of schemes) classesFor(scratch, ix, scheme);
}

function collect(
  ix: Internals,
  specs: readonly Derived[][],
  fields: readonly { id: number; boost: number }[],
  scores: Float64Array,
  matched: Uint16Array,
  lengths: readonly Float32Array[],
  candidates: Int32Array,
  alive: Int32Array,
  flats: KeptFlats,
): number {
  const count = ix._documentCount;
  /** Candidates so far: each document is one at most once (at its first match), so they fit. */
  let found = 0;
  // The rarest term first: later terms only score documents that are still candidates.
  const order = specs.map((derived) => ({ derived, size: postingsSize(derived) })).sort((x, y) => x.size - y.size);
  for (const [position, { derived }] of order.entries()) {
    const turn = position + 1;
    // After the first term, the documents still in the running (they matched every earlier term).
    let left = 0;
    if (position > 0) {
      for (let i = 0; i < found; i += 1) {
        const doc = candidates[i] ?? 0;
        if (matched[doc] === position) alive[left++] = doc;
      }
      if (left === 0) break; // AND: nothing can match any more
    }
    for (const { weight, postings } of derived) {
      for (const field of fields) {
        const freqs = postings.get(field.id);
        if (freqs === undefined) continue;
        const idf = Math.log(1 + (count - freqs.size + 0.5) / (freqs.size + 0.5));
        const avgLength = ix._avgFieldLength[field.id] ?? 1;
        const factor = weight * field.boost * idf;
        const fieldLengths = lengths[field.id];
        if (fieldLengths === undefined) continue;
        if (position > 0 && left * PROBE_RATIO < freqs.size) {
          // Few documents left, a long list: look each one up instead of reading the whole list (a phrase of
          // many Japanese bigrams, or a rare word next to a frequent one). Same sums, in the same order.
          for (let i = 0; i < left; i += 1) {
            const doc = alive[i] ?? 0;
            const tf = freqs.get(doc);
            if (tf === undefined) continue;
            scores[doc] = (scores[doc] ?? 0) + factor * termPart(tf, fieldLengths[doc] ?? 0, avgLength);
            matched[doc] = turn;
          }
          continue;
        }
        // Discarded documents are dropped when hits are picked.
        const { docs, parts, length } = flatOf(ix, flats, freqs, fieldLengths, avgLength);
        for (let i = 0; i < length; i += 1) {
          const doc = docs[i] ?? 0;
          const seen = matched[doc] ?? 0;
          // Must have matched every earlier term (seen === position), or this one already (=== turn).
          if (seen < position) continue;
          if (seen === 0) candidates[found++] = doc;
          scores[doc] = (scores[doc] ?? 0) + factor * (parts[i] ?? 0);
          matched[doc] = turn;
        }
      }
    }
  }
  return found;
}

/**
 * A posting list as two flat arrays, read in a plain loop: a `Map`'s `forEach` costs a call per posting, and a
 * three-letter prefix reaches tens of thousands of postings.
 *
 * Long lists (`KEEP_FLAT_FROM` postings or more) are kept flat until the index changes, up to
 * `KEPT_FLAT_BUDGET` postings per index. Short ones are copied into the index's scratch arrays at each use and
 * kept nowhere: a prefix expands to hundreds of rare words, and keeping a copy of each left hundreds of small
 * objects behind at each query, with no bound but the index's size.
 *
 * The stamp (next document number, document count, dirt) changes with every change MiniSearch makes to a
 * posting list, but one: removing the postings of discarded documents (a vacuum, or its own `search()`
 * dropping them as it meets them). A copy made before that still lists those documents, which are dropped
 * like any discarded document (`select` checks while there is dirt), and a vacuum ends by lowering the dirt.
 */
interface FlatPostings {
  docs: Int32Array;
  /** Each posting's `termPart`: what it adds to its document's score, before the term's factor. */
  parts: Float64Array;
  /** Postings in the arrays (the scratch copy of a short list is longer than the list). */
  length: number;
  nextId: number;
  count: number;
  dirt: number;
  /** The field's average length the parts were worked out with (it changes with the document count). */
  avgLength: number;
}

/** Lists kept flat between queries, per index, and how many postings they hold. */
interface KeptFlats {
  lists: WeakMap<Map<number, number>, FlatPostings>;
  postings: number;
  /** Where a short list is copied at each use. */
  short: FlatPostings;
}

const KEEP_FLAT_FROM = 256;
/** 12 bytes a posting: 24 MB at most. Past it, every kept list is dropped and kept again as queries read it. */
const KEPT_FLAT_BUDGET = 2_000_000;

function flatOf(
  ix: Internals,
  kept: KeptFlats,
  freqs: Map<number, number>,
  fieldLengths: Float32Array,
  avgLength: number,
): FlatPostings {
  if (freqs.size < KEEP_FLAT_FROM) {
    const { short } = kept;
    let i = 0;
    freqs.forEach((tf, doc) => {
      short.docs[i] = doc;
      short.parts[i] = termPart(tf, fieldLengths[doc] ?? 0, avgLength);
      i += 1;
    });
    short.length = i;
    return short;
  }
  const flat = kept.lists.get(freqs);
  if (
    flat !== undefined &&
    flat.nextId === ix._nextId &&
    flat.count === ix._documentCount &&
    flat.dirt === ix._dirtCount &&
    flat.avgLength === avgLength
  ) {
    return flat;
  }
  const docs = new Int32Array(freqs.size);
  const parts = new Float64Array(freqs.size);
  let i = 0;
  freqs.forEach((tf, doc) => {
    docs[i] = doc;
    parts[i] = termPart(tf, fieldLengths[doc] ?? 0, avgLength);
    i += 1;
  });
  if (kept.postings + docs.length > KEPT_FLAT_BUDGET) {
    kept.lists = new WeakMap();
    kept.postings = 0;
  }
  const fresh = {
    docs,
    parts,
    length: docs.length,
    nextId: ix._nextId,
    count: ix._documentCount,
    dirt: ix._dirtCount,
    avgLength,
  };
  kept.lists.set(freqs, fresh);
  // A list copied again after a change is counted again: the budget bounds what was kept since the last reset.
  kept.postings += docs.length;
  return fresh;
}

function keptFlats(): KeptFlats {
  const short = {
    docs: new Int32Array(KEEP_FLAT_FROM),
    parts: new Float64Array(KEEP_FLAT_FROM),
    length: 0,
    nextId: 0,
    count: 0,
    dirt: 0,
    avgLength: 0,
  };
  return { lists: new WeakMap(), postings: 0, short };
}

function select(
  ix: Internals,
  query: RankedQuery,
  specs: readonly Derived[][],
  fields: readonly { id: number; boost: number }[],
  scores: Float64Array,
  matched: Uint16Array,
  candidates: Int32Array,
  into: Int32Array,
  classOf: Uint8Array | undefined,
): void {
  // `search()` multiplies by the number of distinct query terms matched: all of them, under AND.
  const quality = new Set(query.terms.map((spec) => spec.term)).size;
  const all = specs.length;
  const factors = query.classes?.factors;
  // Discarded documents stay in the posting lists until a vacuum; with none, no lookup is needed.
  const dirty = ix._dirtCount > 0;
  // Final scores are written back into `scores`; hits are document numbers (no object per hit). The best
  // of them are picked in the same pass; the rest are kept in case `take` wants more.
  const first = new BestOf(scores, FIRST_PICK);
  let kept = 0;
  for (let i = 0; i < candidates.length; i += 1) {
    const doc = candidates[i] ?? 0;
    if (matched[doc] !== all) continue;
    let boost = quality;
    if (classOf !== undefined && factors !== undefined) {
      const factor = factors[classOf[doc] ?? 0] ?? 0;
      if (factor <= 0) continue;
      boost *= factor;
    }
    if (dirty && !ix._documentIds.has(doc)) continue; // discarded, not yet vacuumed
    scores[doc] = (scores[doc] ?? 0) * boost;
    into[kept++] = doc;
    first.offer(doc);
  }
  const hits = into.subarray(0, kept);

  // Best first, without sorting every hit: a bounded selection, grown if `take` wants more.
  let taken = 0;
  for (let want = FIRST_PICK; taken < hits.length; want *= 4) {
    const best = want === FIRST_PICK ? first.sorted() : topByScore(hits, scores, Math.min(hits.length, want));
    for (let i = taken; i < best.length; i += 1) {
      const doc = best[i];
      if (doc === undefined) break;
      let terms: string[] | undefined;
      const hit: QueryHit = {
        id: ix._documentIds.get(doc) ?? '',
        score: scores[doc] ?? 0,
        get terms() {
          return (terms ??= matchedTerms(specs, fields, doc));
        },
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

/** A later term's list is looked up document by document when it is this many times longer than those left. */
const PROBE_RATIO = 8;

/** Hits picked in the pass that scores them; `take` rarely wants more (a document in several languages). */
const FIRST_PICK = 64;

/**
 * The `n` best documents offered, by score, in O(offers · log n): a heap of the best so far, the worst of
 * them at the top. Equal scores go in document order, so the best n are always a prefix of the best n + m
 * (a selection grown by `take` never skips or repeats a hit).
 */
class BestOf {
  private readonly heap: number[] = [];

  constructor(
    private readonly scores: Float64Array,
    private readonly n: number,
  ) {}

  offer(doc: number): void {
    const heap = this.heap;
    if (heap.length < this.n) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!this.better(heap[parent] ?? 0, heap[i] ?? 0)) break;
        this.swap(i, parent);
        i = parent;
      }
    } else if (this.n > 0 && this.better(doc, heap[0] ?? 0)) {
      heap[0] = doc;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < this.n && this.better(heap[worst] ?? 0, heap[left] ?? 0)) worst = left;
        if (right < this.n && this.better(heap[worst] ?? 0, heap[right] ?? 0)) worst = right;
        if (worst === i) break;
        this.swap(i, worst);
        i = worst;
      }
    }
  }

  /** Best first. */
  sorted(): number[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private better(a: number, b: number): boolean {
    const sa = this.scores[a] ?? 0;
    const sb = this.scores[b] ?? 0;
    return sa > sb || (sa === sb && a < b);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i] ?? 0;
    this.heap[i] = this.heap[j] ?? 0;
    this.heap[j] = a;
  }
}

/** The `n` best of `hits` by score, best first (see `BestOf`). */
function topByScore(hits: Int32Array, scores: Float64Array, n: number): number[] {
  const best = new BestOf(scores, n);
  for (let i = 0; i < hits.length; i += 1) best.offer(hits[i] ?? 0);
  return best.sorted();
}
