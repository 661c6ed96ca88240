import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf } from '../../../bench/udhr-corpus';
import type { ContentLanguage } from '../../../src/shared/languages';
import {
  QueryTerms,
  matchRanges,
  snippet,
  type HighlightTerms,
  type MatchRange,
} from '../../../src/shared/search/highlight';
import { indexTerms, segmentTokens } from '../../../src/shared/search/tokenizer';
import { declarationCodes } from '../../../server/seed/udhr-text';

const marked = (text: string, ranges: readonly { start: number; end: number }[]): string[] =>
  ranges.map((range) => text.slice(range.start, range.end));

describe('highlight', () => {
  it('marks folded matches at their place in the original text', () => {
    const text = 'Visite de la Façade, à São Paulo';
    expect(marked(text, matchRanges(text, new Set(['facade', 'sao'])))).toEqual(['Façade', 'São']);
  });

  it('marks Arabic words with their tashkeel, and merges Japanese bigrams into one mark', () => {
    const ar = 'حقوق الإنسانُ';
    expect(marked(ar, matchRanges(ar, new Set(['الانسان'])))).toEqual(['الإنسانُ']);
    const ja = '人権の無視及び軽侮';
    expect(marked(ja, matchRanges(ja, new Set(['無視', '視及'])))).toEqual(['無視及']);
  });

  it('cuts a snippet around the first match with offsets relative to it', () => {
    const text = `${'lorem ipsum '.repeat(40)}the cooperative economy ${'dolor sit '.repeat(40)}`;
    const cut = snippet(text, new Set(['cooperative']), 120);
    expect(cut.cutStart).toBe(true);
    expect(cut.cutEnd).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(121);
    expect(marked(cut.text, cut.ranges)).toEqual(['cooperative']);
  });

  it('marks every match inside the snippet, reading the text only up to the end of its window', () => {
    const text = `${'lorem ipsum '.repeat(30)}coop economy coop ${'dolor '.repeat(10)}coop ${'sit amet '.repeat(60)}coop`;
    const cut = snippet(text, new Set(['coop', 'economy']), 150);
    const offset = text.indexOf(cut.text);
    const expected = matchRanges(text, new Set(['coop', 'economy']))
      .filter((range) => range.start >= offset && range.end <= offset + cut.text.length)
      .map((range) => text.slice(range.start, range.end));
    expect(marked(cut.text, cut.ranges)).toEqual(expected);
    expect(expected).toEqual(['coop', 'economy', 'coop', 'coop']);
    expect(cut.cutEnd).toBe(true);
  });

  it('shows the first match and marks every match in the window, in every language (real text)', () => {
    const sentences = Object.fromEntries(
      Object.entries(CORPUS_FILES).map(([lang, code]) => [lang, sentencesOf(code)]),
    ) as Record<ContentLanguage, string[]>;
    const random = seeded(4);
    let checked = 0;
    for (const post of makePosts(600, sentences, 8)) {
      const words = indexTerms(post.body);
      // A word from late in the text, and one from anywhere (frequent words match early too).
      const terms = new Set([words[words.length - 1 - Math.floor(random() * 5)] ?? '', pick(words, random)]);
      const cut = snippet(post.body, terms, 120);
      const offset = cut.cutStart ? post.body.indexOf(cut.text) : 0;
      const all = matchRanges(post.body, terms);
      const first = all[0];
      if (first === undefined) continue;
      // The first match is in the window…
      expect(first.start >= offset && first.end <= offset + cut.text.length, post.id).toBe(true);
      // …and every match inside the window is marked, where it is.
      const inWindow = all
        .filter((range) => range.start >= offset && range.end <= offset + cut.text.length)
        .map((range) => ({ start: range.start - offset, end: range.end - offset }));
      expect(cut.ranges.filter((range) => inWindow.some((r) => r.start === range.start))).toEqual(inWindow);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(500);
  });
});

/** The marks of a plain reading: every token of the text, through the segmenter, no piece skipped. */
function referenceRanges(text: string, terms: HighlightTerms): MatchRange[] {
  const ranges: MatchRange[] = [];
  segmentTokens(text, (token) => {
    if (!terms.has(token.term)) return true;
    const last = ranges.at(-1);
    if (last !== undefined && token.start <= last.end) last.end = Math.max(last.end, token.end);
    else ranges.push({ start: token.start, end: token.end });
    return true;
  });
  return ranges;
}

/** Terms from the text's own tokens: some exactly, and the start of one as the query's prefix. */
function termsFrom(text: string, random: (n: number) => number): HighlightTerms[] {
  const tokens: string[] = [];
  segmentTokens(text, (token) => tokens.push(token.term) > 0);
  if (tokens.length === 0) return [];
  const pick = (): string => tokens[random(tokens.length)] ?? '';
  const word = pick();
  const start = Array.from(word)
    .slice(0, 1 + random(3))
    .join('');
  return [
    new Set([pick(), pick()]),
    new QueryTerms([
      { term: pick(), prefix: false },
      { term: start, prefix: true },
    ]),
    new QueryTerms([{ term: start, prefix: true }]),
  ];
}

describe('highlight reads only the pieces of text that may hold a match', () => {
  let state = 7;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };

  it('marks what a reading of every token marks, in every language of the udhr package', () => {
    let marks = 0;
    for (const code of declarationCodes()) {
      const text = sentencesOf(code).join(' ').slice(0, 4000);
      for (const terms of termsFrom(text, random)) {
        const expected = referenceRanges(text, terms);
        expect(matchRanges(text, terms), code).toEqual(expected);
        // The snippet marks the same matches inside its window.
        const cut = snippet(text, terms, 200);
        const offset = text.indexOf(cut.text);
        const inside = expected.filter((range) => range.end > offset && range.start < offset + cut.text.length);
        expect(cut.ranges.length, code).toBe(inside.length);
        marks += expected.length;
      }
    }
    expect(marks).toBeGreaterThan(10_000);
  });

  it('marks what a reading of every token marks, on random mixtures of scripts, marks, joiners and spaces', () => {
    // Code points, on purpose: joiners, modifiers and marks come apart and meet other characters.
    const alphabet = [
      'abcXYZéÉçñßøİıΣσςάΆ΅·;:.,\'’‘"“”-_–—/()!?¿¡«»…@#0123456789',
      'абвЖЯёЁ ա բ ა ბ عربيةأإآةىـًٌَُِّْ٠١٢،؛؟ۚ۞',
      '인권한국어ㄱㅏ각세계 人権宣言世界中国大学東京々〆〇ひらがなゝゞカタカナーヽヾｶﾞｲﾄﾞｰ、。・「」（）！？：；，．',
      'हिन्दीभाषा עבריתשׁ״׳',
      '\u0301\u0308\u0327\u3099\u309a\ufe0f\ufe0e\u200d\u200c\u00ad\u2060\ufeff\u061c\u200e\u200f',
      '😀👍🏽👨‍👩‍👧🇫🇷©®™°€£¥¤§¶',
      ' ',
      ' ',
      '\u00a0',
      '\u202f',
      '\u3000',
      '\n',
    ].flatMap((piece) => Array.from(piece));
    for (let round = 0; round < 5000; round += 1) {
      let text = '';
      for (let i = 0, length = 1 + random(40); i < length; i += 1) text += alphabet[random(alphabet.length)] ?? '';
      for (const terms of termsFrom(text, random)) {
        expect(matchRanges(text, terms), JSON.stringify(text)).toEqual(referenceRanges(text, terms));
      }
    }
  });
});
