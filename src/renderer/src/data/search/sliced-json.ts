import type MiniSearch from 'minisearch';
import { internalsOf } from './minisearch-internals';

export interface SliceOptions {
  /** Awaited between slices: hands the thread back (to input, rendering, sync). */
  pause: () => Promise<void>;
  /** Longest stretch of work between two pauses. */
  budgetMs?: number;
  /** The text comes back in pieces of about this many characters (the rows it is stored in). */
  chunkChars: number;
}

/**
 * `JSON.stringify(mini)` (MiniSearch's `toJSON()`), character for character,
 * built a slice at a time with a pause between slices, so saving a large
 * index never holds the main thread for seconds: the plain stringify of a
 * 100 000-post index is one task of several seconds.
 *
 * The index must not change while this runs: the search service runs its
 * saves, updates and vacuums one at a time, and MiniSearch's own background
 * vacuum is off (see search-index.ts). Searching meanwhile is fine.
 */
export async function serializeInSlices(mini: MiniSearch<never>, options: SliceOptions): Promise<string[]> {
  const ix = internalsOf(mini);
  const budget = options.budgetMs ?? 8;
  const chunks: string[] = [];
  let parts: string[] = [];
  let length = 0;
  const write = (text: string): void => {
    parts.push(text);
    length += text.length;
    if (length >= options.chunkChars) {
      chunks.push(parts.join(''));
      parts = [];
      length = 0;
    }
  };
  let sliceStart = performance.now();
  let steps = 0;
  const due = (): boolean => {
    steps += 1;
    return (steps & 127) === 0 && performance.now() - sliceStart > budget;
  };
  const pause = async (): Promise<void> => {
    await options.pause();
    sliceStart = performance.now();
  };

  /** A Map with integer keys as JSON.stringify writes `Object.fromEntries(map)`: keys ascending, undefined left out. */
  const writeObject = async <V>(map: Map<number, V>): Promise<void> => {
    const keys = [...map.keys()];
    if (keys.some((key, n) => n > 0 && key < (keys[n - 1] ?? 0))) keys.sort((a, b) => a - b);
    write('{');
    let first = true;
    for (const key of keys) {
      const value = map.get(key);
      if (value === undefined) continue;
      write(`${first ? '' : ','}"${String(key)}":${JSON.stringify(value)}`);
      first = false;
      if (due()) await pause();
    }
    write('}');
  };

  write(`{"documentCount":${JSON.stringify(ix._documentCount)},"nextId":${JSON.stringify(ix._nextId)},"documentIds":`);
  await writeObject(ix._documentIds);
  write(`,"fieldIds":${JSON.stringify(ix._fieldIds)},"fieldLength":`);
  await writeObject(ix._fieldLength);
  write(`,"averageFieldLength":${JSON.stringify(ix._avgFieldLength)},"storedFields":`);
  await writeObject(ix._storedFields);
  write(`,"dirtCount":${JSON.stringify(ix._dirtCount)},"index":[`);
  let first = true;
  for (const [term, fieldIndex] of ix._index) {
    const data: Record<number, Record<number, number>> = {};
    for (const [fieldId, freqs] of fieldIndex) data[fieldId] = Object.fromEntries(freqs);
    write(`${first ? '' : ','}${JSON.stringify([term, data])}`);
    first = false;
    if (due()) await pause();
  }
  write('],"serializationVersion":2}');
  if (parts.length > 0) chunks.push(parts.join(''));
  return chunks;
}
