import MiniSearch, { type Options } from 'minisearch';
import { z } from 'zod';
import { internalsOf, type FieldPostings } from './minisearch-internals';

/**
 * How a search index is stored: MiniSearch's in-memory index written as
 * arrays, read back straight into the same `Map`s.
 *
 * MiniSearch's own JSON (`toJSON()`) writes every posting list as an object
 * keyed by document number, which `loadJSON` turns back into a `Map` key by
 * key (`Object.keys`, `parseInt`): a cold start spent 0.6–0.8 s in it for the
 * recent shard. As flat arrays of numbers the index is about a fifth smaller
 * and loads in about half the time (`npm run bench:search`, docs/benchmarks.md):
 *
 * ```
 * {"form":"collective-brain-index","version":1,
 *  "documentCount":…,"nextId":…,"dirtCount":…,"fieldIds":{…},"averageFieldLength":[…],
 *  "documents":[shortId,"id",[field lengths],{stored fields},…],   four entries per document
 *  "index":[["term",fieldId,[doc,tf,doc,tf,…],fieldId,[…]],…]}    one row per term
 * ```
 *
 * Stale postings of edited and deleted documents (dirt) are kept as they are,
 * with `dirtCount`, until the search service vacuums.
 */
export const STORED_FORM = 'collective-brain-index';
const STORED_VERSION = 1;

export interface SliceOptions {
  /** Awaited between slices: hands the thread back (to input, rendering, sync). */
  pause: () => Promise<void>;
  /** Longest stretch of work between two pauses. */
  budgetMs?: number;
  /** The text comes back in pieces of about this many characters (the rows it is stored in). */
  chunkChars: number;
}

/** A stored index that cannot be read back (cut, written by something else, or of another MiniSearch setup). */
export class StoredIndexError extends Error {
  readonly code = 'search-index-unreadable';
}

/** The stored form in one piece (tests, the benchmarks): what `serializeInSlices` writes, joined. */
export function storedForm(mini: MiniSearch<never>): string {
  return [...pieces(mini)].join('');
}

/**
 * The same text as `storedForm`, built a slice at a time with a pause between
 * slices, so saving a large index never holds the main thread for seconds (one
 * stringify of a 100 000-post index is a task of several seconds).
 *
 * The index must not change while this runs: the search service runs its
 * saves, updates and vacuums one at a time, and MiniSearch's own background
 * vacuum is off (see search-index.ts). Searching meanwhile is fine.
 */
export async function serializeInSlices(mini: MiniSearch<never>, options: SliceOptions): Promise<string[]> {
  const budget = options.budgetMs ?? 8;
  const chunks: string[] = [];
  let parts: string[] = [];
  let length = 0;
  let sliceStart = performance.now();
  let steps = 0;
  for (const piece of pieces(mini)) {
    parts.push(piece);
    length += piece.length;
    if (length >= options.chunkChars) {
      chunks.push(parts.join(''));
      parts = [];
      length = 0;
    }
    steps += 1;
    if ((steps & 127) === 0 && performance.now() - sliceStart > budget) {
      await options.pause();
      sliceStart = performance.now();
    }
  }
  if (parts.length > 0) chunks.push(parts.join(''));
  return chunks;
}

/** The stored form's text, a document or a term at a time. */
function* pieces(mini: MiniSearch<never>): Generator<string> {
  const ix = internalsOf(mini);
  // The header as JSON.stringify writes it, without its closing brace.
  yield JSON.stringify(header(mini)).slice(0, -1);
  yield ',"documents":[';
  let first = true;
  for (const [short, id] of ix._documentIds) {
    const entry = [short, id, ix._fieldLength.get(short) ?? null, ix._storedFields.get(short) ?? null];
    yield (first ? '' : ',') + JSON.stringify(entry).slice(1, -1);
    first = false;
  }
  yield '],"index":[';
  first = true;
  for (const [term, fields] of ix._index) {
    yield (first ? '' : ',') + JSON.stringify(termRow(term, fields));
    first = false;
  }
  yield ']}';
}

function header(mini: MiniSearch<never>): z.infer<typeof HeaderSchema> {
  const ix = internalsOf(mini);
  return {
    form: STORED_FORM,
    version: STORED_VERSION,
    documentCount: ix._documentCount,
    nextId: ix._nextId,
    dirtCount: ix._dirtCount,
    fieldIds: ix._fieldIds,
    averageFieldLength: ix._avgFieldLength,
  };
}

function termRow(term: string, fields: FieldPostings): unknown[] {
  const row: unknown[] = [term];
  for (const [fieldId, freqs] of fields) {
    const flat: number[] = [];
    for (const [doc, tf] of freqs) flat.push(doc, tf);
    row.push(fieldId, flat);
  }
  return row;
}

const HeaderSchema = z.object({
  form: z.literal(STORED_FORM),
  version: z.literal(STORED_VERSION),
  documentCount: z.int().min(0),
  nextId: z.int().min(0),
  dirtCount: z.int().min(0),
  fieldIds: z.record(z.string(), z.int().min(0)),
  averageFieldLength: z.array(z.number()),
});
/** The arrays are walked (and each entry checked) as they are read back. */
const StoredSchema = HeaderSchema.extend({ documents: z.array(z.unknown()), index: z.array(z.unknown()) });

/** Reads a stored index back (see the format above); `StoredIndexError` if it is not one this setup wrote. */
export function loadStored<T>(json: string, options: Options<T>): MiniSearch<T> {
  const { mini, rows } = begin(json, options);
  for (const row of rows) addRow(mini, row);
  return mini;
}

/** Same, handing the thread back between slices of terms (for shards loaded while the user already searches). */
export async function loadStoredAsync<T>(
  json: string,
  options: Options<T>,
  pause: () => Promise<void>,
  budgetMs = 8,
): Promise<MiniSearch<T>> {
  const { mini, rows } = begin(json, options);
  let sliceStart = performance.now();
  for (const [n, row] of rows.entries()) {
    addRow(mini, row);
    if ((n & 255) === 255 && performance.now() - sliceStart > budgetMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
  return mini;
}

function begin<T>(json: string, options: Options<T>): { mini: MiniSearch<T>; rows: readonly unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new StoredIndexError(`The stored search index is not JSON: ${String(error)}`);
  }
  const stored = StoredSchema.safeParse(parsed);
  if (!stored.success) {
    throw new StoredIndexError(`The stored search index is not in its form: ${stored.error.message}`);
  }
  const data = stored.data;
  const mini = new MiniSearch<T>(options);
  const ix = internalsOf(mini);
  // Written with other fields (another version of the app): its field numbers mean something else.
  if (JSON.stringify(data.fieldIds) !== JSON.stringify(ix._fieldIds)) {
    throw new StoredIndexError('The stored search index has other fields');
  }
  const target = mini as unknown as Writable;
  target._documentCount = data.documentCount;
  target._nextId = data.nextId;
  target._dirtCount = data.dirtCount;
  target._avgFieldLength = data.averageFieldLength;
  const documents = data.documents;
  if (documents.length % 4 !== 0) throw new StoredIndexError('The stored search index has a cut document list');
  for (let at = 0; at < documents.length; at += 4) {
    const [short, id, lengths, fields] = [documents[at], documents[at + 1], documents[at + 2], documents[at + 3]];
    if (typeof short !== 'number' || typeof id !== 'string') {
      throw new StoredIndexError(`The stored search index has a bad document at ${String(at / 4)}`);
    }
    target._documentIds.set(short, id);
    target._idToShortId.set(id, short);
    if (Array.isArray(lengths)) target._fieldLength.set(short, lengths as number[]);
    if (fields !== null && typeof fields === 'object') {
      target._storedFields.set(short, fields as Record<string, unknown>);
    }
  }
  return { mini, rows: data.index };
}

/** One term's row: `[term, fieldId, [doc, tf, …], …]`. */
function addRow(mini: object, row: unknown): void {
  if (!Array.isArray(row) || typeof row[0] !== 'string' || row.length % 2 !== 1) {
    throw new StoredIndexError('The stored search index has a bad term row');
  }
  const fields: FieldPostings = new Map();
  for (let k = 1; k < row.length; k += 2) {
    const fieldId: unknown = row[k];
    const flat: unknown = row[k + 1];
    if (typeof fieldId !== 'number' || !Array.isArray(flat) || flat.length % 2 !== 0) {
      throw new StoredIndexError(`The stored search index has a bad posting list for "${row[0]}"`);
    }
    const freqs = new Map<number, number>();
    for (let j = 0; j < flat.length; j += 2) {
      const doc: unknown = flat[j];
      const tf: unknown = flat[j + 1];
      if (typeof doc !== 'number' || typeof tf !== 'number') {
        throw new StoredIndexError(`The stored search index has a bad posting for "${row[0]}"`);
      }
      freqs.set(doc, tf);
    }
    fields.set(fieldId, freqs);
  }
  (mini as unknown as Writable)._index.set(row[0], fields);
}

/** What a load sets in a fresh MiniSearch (its constructor made every one of these). */
interface Writable {
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _avgFieldLength: number[];
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, Record<string, unknown>>;
  _index: { set(term: string, value: FieldPostings): void };
}
