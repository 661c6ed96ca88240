import MiniSearch, { type Options } from 'minisearch';
import { z } from 'zod';
import { internalsOf, type FieldPostings, type Internals } from './minisearch-internals';

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
 *
 * The search keeps one index in memory and stores it in shards (sharded-index.ts): a shard is written as
 * the stored form of some of the index's documents (`select`: renumbered from 0, without dirt), and read back
 * by merging it into the index (`appendStored`), so a cold start loads the recent shard first and queries
 * still run over one index once every shard is in.
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

/**
 * Which documents a stored form holds: those whose document number (MiniSearch's short id) it accepts, of
 * the live ones. Without it, the whole index as it is, dirt included.
 */
export type DocumentSelection = (short: number) => boolean;

/** The stored form in one piece (tests, the benchmarks): what `serializeInSlices` writes, joined. */
export function storedForm(mini: MiniSearch<never>, select?: DocumentSelection): string {
  return [...pieces(mini, select)].join('');
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
export async function serializeInSlices(
  mini: MiniSearch<never>,
  options: SliceOptions,
  select?: DocumentSelection,
): Promise<string[]> {
  const budget = options.budgetMs ?? 8;
  const chunks: string[] = [];
  let parts: string[] = [];
  let length = 0;
  let sliceStart = performance.now();
  let steps = 0;
  for (const piece of pieces(mini, select)) {
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
function* pieces(mini: MiniSearch<never>, select?: DocumentSelection): Generator<string> {
  const ix = internalsOf(mini);
  // A selection is renumbered from 0 (`renumber[short]`, -1 when left out).
  const renumber = select === undefined ? null : new Int32Array(ix._nextId).fill(-1);
  let count = 0;
  const totals = ix._avgFieldLength.map(() => 0);
  if (renumber !== null) {
    for (const short of ix._documentIds.keys()) {
      if (!(select?.(short) ?? false)) continue;
      renumber[short] = count++;
      const lengths = ix._fieldLength.get(short) ?? [];
      lengths.forEach((length, field) => (totals[field] = (totals[field] ?? 0) + length));
    }
  }
  // The header as JSON.stringify writes it, without its closing brace.
  const head =
    renumber === null
      ? header(ix)
      : {
          ...header(ix),
          documentCount: count,
          nextId: count,
          dirtCount: 0,
          averageFieldLength: totals.map((total) => (count === 0 ? 0 : total / count)),
        };
  yield JSON.stringify(head).slice(0, -1);
  yield ',"documents":[';
  let first = true;
  for (const [short, id] of ix._documentIds) {
    const number = renumber === null ? short : (renumber[short] ?? -1);
    // Left out: an empty piece all the same, so that a sliced save can pause among them.
    if (number < 0) {
      yield '';
      continue;
    }
    const entry = [number, id, ix._fieldLength.get(short) ?? null, ix._storedFields.get(short) ?? null];
    yield (first ? '' : ',') + JSON.stringify(entry).slice(1, -1);
    first = false;
  }
  yield '],"index":[';
  first = true;
  for (const [term, fields] of ix._index) {
    const row = termRow(term, fields, renumber);
    if (row === null) {
      yield '';
      continue;
    }
    yield (first ? '' : ',') + JSON.stringify(row);
    first = false;
  }
  yield ']}';
}

function header(ix: Internals): z.infer<typeof HeaderSchema> {
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

/** A term's row, its documents renumbered (those left out dropped); null when none is left. */
function termRow(term: string, fields: FieldPostings, renumber: Int32Array | null): unknown[] | null {
  const row: unknown[] = [term];
  for (const [fieldId, freqs] of fields) {
    const flat: number[] = [];
    if (renumber === null) for (const [doc, tf] of freqs) flat.push(doc, tf);
    else {
      for (const [doc, tf] of freqs) {
        const number = renumber[doc] ?? -1;
        if (number >= 0) flat.push(number, tf);
      }
      if (flat.length === 0) continue;
    }
    row.push(fieldId, flat);
  }
  return renumber !== null && row.length === 1 ? null : row;
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

function begin<T>(json: string, options: Options<T>): { mini: MiniSearch<T>; rows: readonly unknown[] } {
  const mini = new MiniSearch<T>(options);
  const data = parseStored(json, mini);
  const target = mini as unknown as Writable;
  target._documentCount = data.documentCount;
  target._nextId = data.nextId;
  target._dirtCount = data.dirtCount;
  target._avgFieldLength = data.averageFieldLength;
  for (const { short, id, lengths, fields } of documentsOf(data)) setDocument(target, short, id, lengths, fields);
  return { mini, rows: data.index };
}

/** The stored form's text parsed and its header checked against the index it is read into. */
function parseStored(json: string, into: MiniSearch<never>): z.infer<typeof StoredSchema> {
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
  // Written with other fields (another version of the app): its field numbers mean something else.
  if (JSON.stringify(stored.data.fieldIds) !== JSON.stringify(internalsOf(into)._fieldIds)) {
    throw new StoredIndexError('The stored search index has other fields');
  }
  return stored.data;
}

interface StoredDocument {
  short: number;
  id: string;
  lengths: unknown;
  fields: unknown;
}

/** The document entries, every one checked before any is used (four entries per document). */
function documentsOf(data: z.infer<typeof StoredSchema>): StoredDocument[] {
  const { documents } = data;
  if (documents.length % 4 !== 0) throw new StoredIndexError('The stored search index has a cut document list');
  const all: StoredDocument[] = [];
  for (let at = 0; at < documents.length; at += 4) {
    const [short, id, lengths, fields] = [documents[at], documents[at + 1], documents[at + 2], documents[at + 3]];
    if (
      !Number.isInteger(short) ||
      (short as number) < 0 ||
      (short as number) >= data.nextId ||
      typeof id !== 'string'
    ) {
      throw new StoredIndexError(`The stored search index has a bad document at ${String(at / 4)}`);
    }
    all.push({ short: short as number, id, lengths, fields });
  }
  return all;
}

function setDocument(target: Writable, short: number, id: string, lengths: unknown, fields: unknown): void {
  target._documentIds.set(short, id);
  target._idToShortId.set(id, short);
  if (Array.isArray(lengths)) target._fieldLength.set(short, lengths as number[]);
  if (fields !== null && typeof fields === 'object') target._storedFields.set(short, fields as Record<string, unknown>);
}

/** What merging a stored form into an index added: the documents numbered `from` to `to` (excluded). */
export interface Appended {
  from: number;
  to: number;
  /** Documents of the stored form that were left out (`skip`, or already in the index). */
  skipped: number;
}

/**
 * Merges a stored form into an index that may already hold documents: its documents get the next numbers,
 * its postings join the index's lists, the averages and counts follow. Documents that `skip` names, or that
 * the index already has, are left out, and so are stale postings (dirt). The header and the documents are
 * checked before anything changes; a bad term row met later throws `StoredIndexError` with the documents
 * and the rows before it merged (the caller discards the index: the search service rebuilds it).
 * Hands the thread back between slices of terms when given `pause`.
 */
export async function appendStored(
  mini: MiniSearch<never>,
  json: string,
  options: { skip?: (id: string) => boolean; pause?: () => Promise<void>; budgetMs?: number } = {},
): Promise<Appended> {
  const data = parseStored(json, mini);
  const documents = documentsOf(data);
  const target = mini as unknown as Writable;
  const renumber = new Int32Array(data.nextId).fill(-1);
  const from = target._nextId;
  const before = target._documentCount;
  const totals = target._avgFieldLength.map((average) => average * before);
  let skipped = 0;
  // Into an empty index, a shard as a save writes it keeps its numbers (0, 1, 2…): its rows are read as a
  // fresh index's are, without looking each term up first (a cold start's first shard).
  const fresh = target._nextId === 0 && target._index.size === 0;
  let identity = fresh;
  for (const { short, id, lengths, fields } of documents) {
    if (options.skip?.(id) === true || target._idToShortId.has(id)) {
      skipped += 1;
      identity = false;
      continue;
    }
    const number = target._nextId++;
    renumber[short] = number;
    if (short !== number) identity = false;
    setDocument(target, number, id, lengths, fields);
    if (Array.isArray(lengths)) {
      lengths.forEach((length: unknown, field) => {
        if (typeof length === 'number') totals[field] = (totals[field] ?? 0) + length;
      });
    }
  }
  const added = target._nextId - from;
  target._documentCount = before + added;
  target._avgFieldLength = totals.map((total) => (target._documentCount === 0 ? 0 : total / target._documentCount));
  const budget = options.budgetMs ?? 8;
  let sliceStart = performance.now();
  identity &&= target._nextId === data.nextId;
  for (const [n, row] of data.index.entries()) {
    mergeRow(target, row, identity ? null : renumber);
    if (options.pause !== undefined && (n & 255) === 255 && performance.now() - sliceStart > budget) {
      await options.pause();
      sliceStart = performance.now();
    }
  }
  return { from, to: target._nextId, skipped };
}

function addRow(mini: object, row: unknown): void {
  mergeRow(mini as unknown as Writable, row, null);
}

/**
 * One term's row, `[term, fieldId, [doc, tf, …], …]`, into the index: as it is (`renumber` null: a fresh
 * index takes the stored numbers), or renumbered into the term's lists, postings of documents left out dropped.
 */
function mergeRow(target: Writable, row: unknown, renumber: Int32Array | null): void {
  if (!Array.isArray(row) || typeof row[0] !== 'string' || row.length % 2 !== 1) {
    throw new StoredIndexError('The stored search index has a bad term row');
  }
  const term = row[0];
  const existing = renumber === null ? undefined : target._index.get(term);
  const fields: FieldPostings = existing ?? new Map<number, Map<number, number>>();
  for (let k = 1; k < row.length; k += 2) {
    const fieldId: unknown = row[k];
    const flat: unknown = row[k + 1];
    if (typeof fieldId !== 'number' || !Array.isArray(flat) || flat.length % 2 !== 0) {
      throw new StoredIndexError(`The stored search index has a bad posting list for "${term}"`);
    }
    const known = fields.get(fieldId);
    const freqs = known ?? new Map<number, number>();
    for (let j = 0; j < flat.length; j += 2) {
      const doc: unknown = flat[j];
      const tf: unknown = flat[j + 1];
      if (typeof doc !== 'number' || typeof tf !== 'number') {
        throw new StoredIndexError(`The stored search index has a bad posting for "${term}"`);
      }
      const number = renumber === null ? doc : (renumber[doc] ?? -1);
      if (number >= 0) freqs.set(number, tf);
    }
    if (known === undefined && (renumber === null || freqs.size > 0)) fields.set(fieldId, freqs);
  }
  if (existing === undefined && (renumber === null || fields.size > 0)) target._index.set(term, fields);
}

/** What a load sets in a MiniSearch (its constructor made every one of these). */
interface Writable {
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _avgFieldLength: number[];
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, Record<string, unknown>>;
  _index: {
    readonly size: number;
    get(term: string): FieldPostings | undefined;
    set(term: string, value: FieldPostings): void;
  };
}
