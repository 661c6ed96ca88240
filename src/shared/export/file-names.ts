/**
 * File names made from what people wrote (thread titles, names): readable in
 * any script, and safe wherever the archive is unpacked (Windows, macOS, Linux).
 */

/**
 * Path separators, characters Windows refuses, controls, bidi controls and zero-width spaces. Joiners
 * (ZWJ, ZWNJ) stay: they are part of the spelling of Persian, Indic and emoji text.
 */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/iu;

/**
 * A file name (without extension) from user text: unsafe characters become
 * spaces, runs of spaces collapse, no leading or trailing dot or space, at most
 * `max` characters (whole graphemes: never half an emoji or a letter without its accent).
 */
export function fileNameOf(text: string, fallback: string, max = 80): string {
  const cleaned = text.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
  let name = Array.from(graphemes.segment(cleaned), (part) => part.segment)
    .slice(0, max)
    .join('');
  name = name.replace(/^[.\s]+|[.\s]+$/gu, '');
  if (name === '' || WINDOWS_RESERVED.test(name)) return fallback;
  return name;
}

/** `2025-05-03` for an ISO timestamp (its UTC day, so a name does not depend on where it was made). */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * Hands out paths inside an archive that never collide, even on a file system
 * that ignores case: a second "Notes.md" becomes "Notes (2).md".
 */
export class PathAllocator {
  private readonly used = new Set<string>();

  take(folder: string, base: string, extension: string): string {
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? base : `${base} (${String(n)})`;
      const path = `${folder === '' ? '' : `${folder}/`}${name}.${extension}`;
      const key = path.toLowerCase();
      if (!this.used.has(key)) {
        this.used.add(key);
        return path;
      }
    }
  }
}
