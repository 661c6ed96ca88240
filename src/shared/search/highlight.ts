import { foldText } from './normalize';
import { scanTokens } from './tokenizer';

/** A highlighted stretch of text: [start, end) in UTF-16 offsets. */
export interface MatchRange {
  start: number;
  end: number;
}

/**
 * The folded terms a highlight marks: `has` says whether a token is one, and every one contains one of the
 * strings iterated (where a text is first searched for them). A set of index terms is one; so is
 * `QueryTerms`, which marks what a query's terms match, prefix expansions included.
 */
export interface HighlightTerms {
  has(term: string): boolean;
  readonly size: number;
  [Symbol.iterator](): Iterator<string>;
}

/**
 * The terms of a query as the index matches them: each exactly, and the one searched as a prefix (the last)
 * also as the start of a longer term. A token of a result's indexed text matches it exactly when the index
 * matched that result with the token's term, so the result's matched terms need not be worked out (a
 * three-letter prefix expands to hundreds of terms, each looked up per result).
 */
export class QueryTerms implements HighlightTerms {
  private readonly exact: ReadonlySet<string>;
  private readonly prefixes: readonly string[];

  constructor(terms: readonly { term: string; prefix: boolean }[]) {
    this.exact = new Set(terms.map((spec) => spec.term));
    this.prefixes = terms.filter((spec) => spec.prefix).map((spec) => spec.term);
  }

  has(term: string): boolean {
    return this.exact.has(term) || this.prefixes.some((prefix) => term.startsWith(prefix));
  }

  get size(): number {
    return this.exact.size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.exact[Symbol.iterator]();
  }
}

/** A piece of a longer text around its first match, with the matches inside it. */
export interface Snippet {
  text: string;
  /** Relative to `text`. */
  ranges: MatchRange[];
  /** Whether text was cut before / after the snippet. */
  cutStart: boolean;
  cutEnd: boolean;
}

/**
 * Where the matched terms occur in a text. `terms` are folded index terms
 * (a set of them, or a query's `QueryTerms`); overlapping ranges (CJK
 * bigrams) are merged.
 */
export function matchRanges(text: string, terms: HighlightTerms): MatchRange[] {
  const ranges: MatchRange[] = [];
  if (terms.size === 0) return ranges;
  const holds = mayHold(terms);
  scanTokens(
    text,
    (token) => {
      if (terms.has(token.term)) addRange(ranges, token);
      return true;
    },
    (piece) => (holds(piece) ? 'scan' : 'skip'),
  );
  return ranges;
}

/** Adds a match to the ranges so far, merged with the last one where they overlap (CJK bigrams). */
function addRange(ranges: MatchRange[], match: MatchRange): void {
  const last = ranges.at(-1);
  if (last !== undefined && match.start <= last.end) last.end = Math.max(last.end, match.end);
  else ranges.push({ start: match.start, end: match.end });
}

/**
 * Whether a piece of text between spaces may hold a match, without reading its tokens: a token's folded term
 * is part of its piece's folded text, and a match contains one of the terms iterated. Most pieces of a
 * result's text hold none, and folding a piece costs less than reading its tokens (a CPU profile of the
 * bench's queries put a millisecond a query in cutting snippets).
 */
function mayHold(terms: HighlightTerms): (piece: string) => boolean {
  const needles = [...terms];
  return (piece) => {
    if (COMPOSING.test(piece)) return true;
    const folded = foldText(piece);
    return needles.some((needle) => folded.includes(needle));
  };
}

/**
 * Characters after which a piece's folded text may not contain its tokens' folded terms, so such a piece is
 * always read: folding recomposes (NFC) what decomposition split, across the places where the tokenizer cuts
 * (a katakana and a separate sound mark, a half-width sound mark, a Devanagari sign after a kana). Marks,
 * modifier letters and symbols, Hangul jamo, and half- and full-width forms.
 */
const COMPOSING = /[\p{M}\p{Lm}\p{Sk}\u1100-\u11ff\u3130-\u318f\uff00-\uffef]/u;

/**
 * Cuts a window of about `length` characters around the first match, on
 * whitespace where it can, so a result shows why it matched.
 */
export function snippet(text: string, terms: HighlightTerms, length = 200): Snippet {
  if (text.length <= length) return { text, ranges: matchRanges(text, terms), cutStart: false, cutEnd: false };
  // Only the text from (about) the first match to the end of the window is read.
  const from = firstPossibleMatch(text, terms);
  let first: MatchRange | undefined;
  const all: MatchRange[] = [];
  const holds = mayHold(terms);
  scanTokens(
    from > 0 ? text.slice(from) : text,
    (found) => {
      const token = from > 0 ? { term: found.term, start: found.start + from, end: found.end + from } : found;
      if (first !== undefined && token.start >= first.start + length) return false;
      if (!terms.has(token.term)) return true;
      addRange(all, token);
      first ??= all[0];
      return true;
    },
    // Past the window, nothing more is read; before it, only the pieces that may hold a match.
    (piece, start) =>
      first !== undefined && start + from >= first.start + length ? 'stop' : holds(piece) ? 'scan' : 'skip',
  );
  let start = first === undefined ? 0 : Math.max(0, first.start - Math.floor(length / 3));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && first !== undefined && space < first.start) start = space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  // Do not cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  const ranges = all
    .filter((range) => range.end > start && range.start < end)
    .map((range) => ({ start: Math.max(range.start, start) - start, end: Math.min(range.end, end) - start }));
  return { text: text.slice(start, end), ranges, cutStart: start > 0, cutEnd: end < text.length };
}

/**
 * Where to start reading for the first match: no term can match before it.
 * Every whole-word match is also a substring of the folded text, so the first
 * substring hit is a lower bound, moved back to the start of its word. When
 * folding changed the text's length (Arabic tashkeel, ligatures), offsets do
 * not line up and the text is read from the start.
 */
function firstPossibleMatch(text: string, terms: HighlightTerms): number {
  const folded = foldText(text);
  if (folded.length !== text.length) return 0;
  let at = -1;
  for (const term of terms) {
    const found = folded.indexOf(term);
    if (found !== -1 && (at === -1 || found < at)) at = found;
  }
  while (at > 0 && !WORD_BREAK.test(text.charAt(at - 1))) at -= 1;
  return Math.max(at, 0);
}

/** Characters a word never spans. */
const WORD_BREAK = /[\s\p{P}]/u;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
