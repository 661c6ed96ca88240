import type { ContentLanguage } from '../src/shared/languages';

export { CORPUS_FILES, sentencesOf } from '../server/seed/udhr-text';

/** A small, fast, seeded generator (mulberry32): the same posts on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

export interface BenchPost {
  id: string;
  language: ContentLanguage;
  body: string;
}

/** `count` posts, languages in turn, each 2–4 sentences drawn from its language's declaration. */
export function makePosts(count: number, sentences: Record<ContentLanguage, string[]>, seed = 42): BenchPost[] {
  const random = seeded(seed);
  const languages = Object.keys(sentences) as ContentLanguage[];
  const posts: BenchPost[] = [];
  for (let n = 0; n < count; n += 1) {
    const language = languages[n % languages.length] ?? 'en';
    const pool = sentences[language];
    const length = 2 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let i = 0; i < length; i += 1) parts.push(pick(pool, random));
    posts.push({ id: `post:${String(n)}`, language, body: parts.join(language === 'ja' ? '' : ' ') });
  }
  return posts;
}
