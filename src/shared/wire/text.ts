import { z } from 'zod';

/**
 * What text may cross the wire. Two rules, for two reasons:
 *
 * - **Storable.** No U+0000 and no unpaired surrogate in any text: PostgreSQL's `jsonb` and `text` refuse
 *   both, so text the schemas accepted used to fail in the database (a 500 on every replay, which stopped
 *   the client's sync for good). Such text is refused as `invalid` instead, before anything is stored.
 * - **Honest labels.** Titles, tags and names are shown among other people's text, in lists and headings.
 *   Bidi embeddings, overrides and isolates would reorder what follows them there (a name that reads as
 *   another), and zero-width characters make two labels that look alike compare as different. They are
 *   removed from labels; the screens isolate each label's direction themselves (`dir="auto"`, `<bdi>`).
 *   Bodies (markdown) keep theirs: the renderer isolates a whole post, and a writer may need a mark there.
 */

/**
 * U+0000, or a surrogate that is not half of a pair: in a `u` regex a well-formed pair is one code point
 * (beyond U+FFFF), so the range matches only the unpaired halves.
 */
const UNSTORABLE = /[\0\uD800-\uDFFF]/u;
const UNSTORABLE_ALL = /[\0\uD800-\uDFFF]/gu;

/** True if PostgreSQL can store the text (no NUL, no unpaired surrogate). */
export function isStorableText(value: string): boolean {
  // Fast path: almost every text is plain and short of both.
  return !UNSTORABLE.test(value);
}

export const UNSTORABLE_MESSAGE = 'contains a NUL character or an unpaired surrogate';

/**
 * The same text with what cannot be stored replaced by U+FFFD: for messages that quote user input (a
 * rejection names the field it refused, and a field's name is user input too).
 */
export function toStorableText(value: string): string {
  return value.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** Bidi controls (ALM, LRM, RLM, embeddings, overrides, isolates) and zero-width characters. */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E]/gu;
/**
 * Joiners (ZWJ, ZWNJ) are part of the spelling of Persian, Indic and emoji text, so they stay between two
 * visible characters; at either end of a label, or next to a space or another joiner, they only hide.
 */
const STRAY_JOINERS = /^[\u200C\u200D]+|[\u200C\u200D]+$|[\u200C\u200D]+(?=[\s\u200C\u200D])|(?<=\s)[\u200C\u200D]+/gu;

/** A label as it is stored and shown: invisible controls removed, spaces collapsed and trimmed. */
export function cleanLabel(value: string): string {
  return value.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim().replace(STRAY_JOINERS, '');
}

/** Any text: its length bounds, and it must be storable. */
export function text(min: number, max: number): z.ZodString {
  return z.string().min(min).max(max).refine(isStorableText, UNSTORABLE_MESSAGE);
}

/**
 * A title, tag or name: cleaned as `cleanLabel` says, then bounded (a label made only of invisible
 * characters is empty, so refused) and storable.
 */
export function label(min: number, max: number) {
  return z
    .string()
    .max(max * 4)
    .transform(cleanLabel)
    .pipe(text(min, max));
}

/**
 * Where, in any JSON value, text that cannot be stored sits (keys included): `args.tags.2`, or null.
 * A mutation's arguments are checked whole with it on both sides, so a field a schema forgot to bound
 * cannot reach the database either.
 */
export function findUnstorableText(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.') || '(text)';
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, toStorableText(key)].join('.');
      const found = findUnstorableText(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * A copy of a JSON value whose every text is storable (`toStorableText`). A NUL or a broken half of a
 * character pasted into a composer was never meant; the client writes what the server will accept.
 */
export function toStorableValue<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => toStorableValue(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [toStorableText(key), toStorableValue(item)]),
    ) as T;
  }
  return value;
}
