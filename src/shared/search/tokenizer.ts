import { foldText } from './normalize';

/** One term found in a text, with where it sits in the ORIGINAL text (UTF-16 offsets, end exclusive). */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/**
 * Han, Hiragana and Katakana: written without spaces. Hangul is not here:
 * Korean separates words with spaces, and prefix queries cover its particles.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** True when a text holds Chinese or Japanese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Splits a text into folded terms on Unicode word boundaries (Intl.Segmenter,
 * word-like segments only). Runs of Chinese/Japanese characters become
 * overlapping character bigrams instead of the segmenter's words: the
 * segmenter's choice depends on the context (a query segmented alone may
 * split differently from the same words inside a sentence), bigrams do not,
 * so every exact query is found. A one-character run is kept as it is.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scanTokens(text, (token) => {
    tokens.push(token);
    return true;
  });
  return tokens;
}

/**
 * The same tokens, in order, handed to `visit` as they are found; it returns
 * false to stop early (a snippet needs the text only up to its window).
 */
export function scanTokens(text: string, visit: (token: Token) => boolean): void {
  const tokens = {
    stopped: false,
    push(token: Token): void {
      if (!this.stopped && !visit(token)) this.stopped = true;
    },
  };
  let run: { start: number; end: number } | null = null;
  const flushRun = (): void => {
    if (run !== null) pushCjkRun(text, run.start, run.end, tokens);
    run = null;
  };
  for (const segment of segmenter.segment(text)) {
    if (tokens.stopped) return;
    if (segment.isWordLike !== true) {
      flushRun();
      continue;
    }
    const start = segment.index;
    if (CJK.test(segment.segment)) {
      // A word mixing scripts ("Tokyo大学" rarely is one) is split at the script change.
      splitByScript(segment.segment, start, (piece, pieceStart, cjk) => {
        const pieceEnd = pieceStart + piece.length;
        if (cjk) {
          if (run !== null && run.end === pieceStart) run.end = pieceEnd;
          else {
            flushRun();
            run = { start: pieceStart, end: pieceEnd };
          }
        } else {
          flushRun();
          pushWord(piece, pieceStart, tokens);
        }
      });
      continue;
    }
    flushRun();
    pushWord(segment.segment, start, tokens);
  }
  flushRun();
}

/** Where tokens go as they are found. */
interface TokenSink {
  push(token: Token): void;
}

/** The folded terms of a text, in order, for the index (duplicates kept: they count for ranking). */
export function indexTerms(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}

/** The folded terms of a query: the same rules, duplicates removed (order kept, the last term is the prefix). */
export function queryTerms(query: string): string[] {
  return [...new Set(indexTerms(query))];
}

/** Apostrophes inside a word: French and Italian elisions (l’homme, dell'umanità) are two words. */
const APOSTROPHES = /['\u2019\u02bc]/u;

function pushWord(word: string, start: number, tokens: TokenSink): void {
  if (APOSTROPHES.test(word)) {
    let offset = start;
    for (const part of word.split(APOSTROPHES)) {
      pushTerm(part, offset, tokens);
      offset += part.length + 1;
    }
    return;
  }
  pushTerm(word, start, tokens);
}

function pushTerm(word: string, start: number, tokens: TokenSink): void {
  const term = foldText(word);
  if (term.length > 0) tokens.push({ term, start, end: start + word.length });
}

function pushCjkRun(text: string, start: number, end: number, tokens: TokenSink): void {
  // Code points, not UTF-16 units: a rare Han character outside the BMP stays whole.
  const chars = Array.from(text.slice(start, end));
  if (chars.length === 1) {
    pushWord(chars[0] ?? '', start, tokens);
    return;
  }
  let offset = start;
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const first = chars[i] ?? '';
    const pair = first + (chars[i + 1] ?? '');
    pushWord(pair, offset, tokens);
    offset += first.length;
  }
}

function splitByScript(word: string, start: number, emit: (piece: string, start: number, cjk: boolean) => void): void {
  let pieceStart = 0;
  let pieceCjk: boolean | null = null;
  let index = 0;
  for (const char of word) {
    const cjk = CJK.test(char);
    if (pieceCjk !== null && cjk !== pieceCjk) {
      emit(word.slice(pieceStart, index), start + pieceStart, pieceCjk);
      pieceStart = index;
    }
    pieceCjk = cjk;
    index += char.length;
  }
  if (pieceCjk !== null) emit(word.slice(pieceStart), start + pieceStart, pieceCjk);
}
