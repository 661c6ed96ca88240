/**
 * Folding rules shared by indexing and querying, so that both sides agree
 * on what a term is. Pure: no DOM, no Node (src/shared boundary).
 */

/**
 * Combining marks removed after NFKD: Latin/Greek/Cyrillic diacritics (façade =
 * facade, São = Sao, ά = α, İ = i) and Arabic tashkeel/harakat (U+064B–U+065F),
 * the superscript alef and the tatweel. Other scripts' marks (Japanese dakuten
 * U+3099, Indic vowel signs) are kept: removing them would change the word.
 */
// eslint-disable-next-line no-misleading-character-class -- the class lists combining marks on purpose, to remove them
const FOLDED_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670\u0640]/gu;

/** Arabic letters that readers and keyboards use interchangeably. */
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', // أ → ا (NFKD already splits it; kept for safety)
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ (alef wasla) → ا
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064a', // ى → ي
  '\u03c2': '\u03c3', // Greek final sigma ς → σ, so a typed σ matches either form
};
const ARABIC_PATTERN = /[\u0623\u0625\u0622\u0671\u0629\u0649\u03c2]/gu;

/**
 * Folds a piece of text into its search form: compatibility decomposition,
 * diacritics and tashkeel dropped, lower case, Arabic letter variants unified,
 * then recomposed (NFC), so Hangul syllables and kana with dakuten come back whole.
 */
export function foldText(text: string): string {
  return text.length <= MAX_CACHED_LENGTH ? foldWord(text) : foldUncached(text);
}

/**
 * Words repeat (Zipf): folding each distinct word once makes indexing about
 * twice as fast. The cache is bounded, and simply emptied when full.
 */
const cache = new Map<string, string>();
const MAX_CACHED_LENGTH = 40;
const MAX_CACHE_ENTRIES = 100_000;

function foldWord(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const folded = foldUncached(word);
  if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
  cache.set(word, folded);
  return folded;
}

function foldUncached(text: string): string {
  return text
    .normalize('NFKD')
    .replace(FOLDED_MARKS, '')
    .toLowerCase()
    .replace(ARABIC_PATTERN, (letter) => ARABIC_LETTERS[letter] ?? letter)
    .normalize('NFC');
}
