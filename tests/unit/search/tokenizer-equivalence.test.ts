import { describe, expect, it } from 'vitest';
import { scanTokens, segmentTokens, type Token } from '../../../src/shared/search/tokenizer';
import { declarationCodes, sentencesOf } from '../../../server/seed/udhr-text';

/** The tokens a reading gives, up to `limit` (where the visitor says stop). */
function tokensOf(scan: typeof scanTokens, text: string, limit = Infinity): Token[] {
  const tokens: Token[] = [];
  scan(text, (token) => {
    tokens.push(token);
    return tokens.length < limit;
  });
  return tokens;
}

/**
 * Characters the word-boundary rules treat in every way: scripts, marks, joiners, digits, symbols, spaces.
 * Not Thai, Lao, Khmer or Burmese: ICU splits those by dictionary, and in random mixtures its dictionary
 * reaches across spaces into the next piece (a Hebrew letter after Thai and Arabic took the two spaces
 * after it into its word). Real text in those languages is in the declarations of the first test.
 */
const ALPHABET = [
  'abcXYZéÉçñßøİıΣσςάΆ΅·;:.,\'’‘"“”-_–—/()[]{}!?¿¡«»…@#$%&*+=<>^`|~0123456789',
  'абвЖЯёЁ ա բ ა ბ عربيةأإآةىـًٌَُِّْ٠١٢،؛؟ۚ۞',
  '인권한국어ㄱㅏ각세계 人権宣言世界中国大学東京々〆〇ひらがなゝゞカタカナーヽヾｶﾞｲﾄﾞｰ、。・「」（）！？：；，．',
  'हिन्दीभाषा עבריתשׁ״׳',
  '\u0301\u0308\u0327\u3099\u309a\ufe0f\ufe0e\u200d\u200c\u00ad\u2060\ufeff\u061c\u200e\u200f',
  '😀👍🏽👨‍👩‍👧🇫🇷©®™°€£¥¤§¶',
  ' ',
  '\u2002',
  '\u2009',
  '\t',
  '\n',
  '\u00a0',
  '\u202f',
  '\u3000',
  '\u2028',
  '\u200b',
  '\u{20000}',
  '\u{1d400}',
  '\u2160',
];

describe('scanTokens (pieces between spaces, the segmenter only where needed)', () => {
  it('gives exactly the segmenter’s tokens on the declaration in every language of the udhr package', () => {
    const codes = declarationCodes();
    expect(codes.length).toBeGreaterThan(400);
    let compared = 0;
    for (const code of codes) {
      const text = sentencesOf(code).join(' ').slice(0, 4000);
      if (text === '') continue;
      expect(tokensOf(scanTokens, text), code).toEqual(tokensOf(segmentTokens, text));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('gives exactly the segmenter’s tokens on random mixtures of scripts, marks, joiners, symbols and spaces', () => {
    // Seeded: the same strings on every run.
    let state = 20261123;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    // Code points, on purpose: joiners, modifiers and marks come apart and meet other characters.
    const alphabet = ALPHABET.flatMap((piece) => Array.from(piece));
    for (let round = 0; round < 20_000; round += 1) {
      const length = 1 + random(24);
      let text = '';
      for (let i = 0; i < length; i += 1) text += alphabet[random(alphabet.length)] ?? '';
      expect(tokensOf(scanTokens, text), JSON.stringify(text)).toEqual(tokensOf(segmentTokens, text));
    }
  });

  it('stops where the visitor says, as the segmenter does', () => {
    const text = 'La façade de São Paulo, 東京大学 und Tokyo大学: l’homme';
    for (let stopAfter = 1; stopAfter <= 8; stopAfter += 1) {
      expect(tokensOf(scanTokens, text, stopAfter)).toEqual(tokensOf(segmentTokens, text, stopAfter));
    }
  });
});
