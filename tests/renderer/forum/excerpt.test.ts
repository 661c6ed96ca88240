import { describe, expect, it } from 'vitest';
import { cutAtWord, excerpt, plainText, quoteOf } from '../../../src/renderer/src/ui/excerpt';

describe('excerpts and quotes (issue 17, item 15)', () => {
  it('shows the text a reader sees, without markdown marks and without what the post itself quoted', () => {
    expect(
      plainText(
        '> an older quote\n\nWe tried **three** schemes, _carefully_:\n\n1. A [rotating fund](https://example.org)\n2. `code`\n\nTom &amp; Jerry',
      ),
    ).toBe('We tried three schemes, carefully: A rotating fund code Tom & Jerry');
    expect(excerpt('*solidarity* economy')).toBe('solidarity economy');
  });

  it('cuts after a whole word, never inside one', () => {
    const text = 'Social and solidarity economy organizations shape decent work';
    expect(cutAtWord(text, 30)).toBe('Social and solidarity economy…');
    expect(cutAtWord(text, 28)).toBe('Social and solidarity…');
    expect(cutAtWord(text, 100)).toBe(text);
    // The cut never leaves "solidar…".
    for (let max = 'Social…'.length; max < text.length; max += 1) {
      const cut = cutAtWord(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(/\p{L}/u.test(text.charAt(kept.length))).toBe(false);
    }
  });

  it('cuts Korean and Japanese between words too, and a single over-long word between characters', () => {
    const korean = '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다';
    const cut = cutAtWord(korean, 16, 'ko');
    expect(korean.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    const japanese = 'すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。';
    const jp = cutAtWord(japanese, 12, 'ja');
    expect(jp.length).toBeLessThanOrEqual(12);
    expect(japanese.startsWith(jp.slice(0, -1))).toBe(true);
    expect(cutAtWord('https://example.org/a-very-long-address-without-spaces', 20)).toBe('https://example.org…');
    expect(cutAtWord('😀😀😀😀😀😀😀😀😀😀😀😀', 7)).toBe('😀😀😀…');
  });

  it('quotes a short post whole, with its formatting, and a long one by its first sentences', () => {
    expect(quoteOf('We keep **paper ledgers**.\n\nEvery Friday.')).toBe(
      '> We keep **paper ledgers**.\n>\n> Every Friday.\n\n',
    );
    const long = `${'The cooperative keeps its books on paper during the week. '.repeat(5)}Then the solidarity fund meets.`;
    const quote = quoteOf(long, 200);
    expect(quote.startsWith('> The cooperative keeps its books on paper during the week.')).toBe(true);
    expect(quote).toMatch(/week\. …\n\n$/u);
    expect(quote.length).toBeLessThanOrEqual(200 + 6);
    expect(quoteOf('> what they said\nMy answer.')).toBe('> My answer.\n\n');
  });
});
