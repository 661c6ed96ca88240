import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, makePosts, pick, seeded, sentencesOf } from '../../../bench/udhr-corpus';
import type { ContentLanguage } from '../../../src/shared/languages';
import { matchRanges, snippet } from '../../../src/shared/search/highlight';
import { indexTerms } from '../../../src/shared/search/tokenizer';

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
