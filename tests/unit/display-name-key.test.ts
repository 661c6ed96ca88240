import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNameKey } from '../../src/shared/wire/people';

/**
 * The one definition of what display names are compared by (the server stores it, unique): names that differ
 * only by case, width, compatibility forms or invisible characters share a key, in every script, whatever the
 * locale of the database or of the machine.
 */
describe('displayNameKey', () => {
  it.each([
    ['Turkish dotted and dotless i', ['İpek Yılmaz', 'IPEK YILMAZ', 'ipek yilmaz', 'İPEK YILMAZ', 'Ipek Yilmaz']],
    ['Turkish ı in capitals', ['Işık', 'IŞIK', 'ışık', 'işik']],
    ['German ß and ẞ', ['Jürgen Straße', 'JÜRGEN STRASSE', 'jürgen strasse', 'JÜRGEN STRAẞE']],
    ['Greek final sigma', ['Νίκος', 'ΝΊΚΟΣ', 'νίκοσ']],
    ['full-width forms', ['Ｋｅｎｊｉ Ｓａｔｏ', 'Kenji Sato', 'KENJI SATO']],
    ['compatibility ligatures and letters', ['ﬁona', 'FIONA', 'Fiona']],
    ['Kelvin sign and long s', ['\u212Aaſim', 'Kasim']],
    ['half-width katakana', ['ｹﾝｼﾞ', 'ケンジ']],
    ['invisible characters', ['Amina\u200B Diallo', '\u202EAmina Diallo', 'Amina Diallo\u2066', 'amina diallo']],
    ['spacing', ['  Amina   Diallo ', 'Amina Diallo']],
  ])('gives one key to names that differ only by %s', (_, names) => {
    const keys = new Set(names.map(displayNameKey));
    expect([...keys]).toHaveLength(1);
  });

  it.each([
    ['an accent', 'Elise', 'Élise'],
    ['another letter', 'Ana', 'Anna'],
    ['a Greek look-alike in another script (a confusable, not a case form)', 'Alpha', 'Αlpha'],
    ['another script', 'Ken', 'ケン'],
  ])('keeps names apart that differ by %s', (_, one, other) => {
    expect(displayNameKey(one)).not.toBe(displayNameKey(other));
  });

  it('is its own key: computing it again changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const key = displayNameKey(name);
        expect(displayNameKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });
});
