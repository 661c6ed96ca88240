import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UI_LANGUAGE, UI_LANGUAGES } from '../../src/shared/languages';

/**
 * Locale parity, in CI (issue 6): every UI language has every namespace and
 * exactly English's keys. A plural family (`key_one`, `key_other` …) is
 * compared by its base key, and each language must give exactly the CLDR
 * categories Intl.PluralRules lists for it (Arabic six; French, Spanish,
 * Portuguese and Italian one/many/other; Korean and Japanese other only).
 * Every {{placeholder}} of the English text must appear in the translation,
 * and its markup (<bdi>, <lang>) exactly as often, or Trans drops the text.
 */
const LOCALES = join(process.cwd(), 'src/renderer/src/locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/u;
/** Placeholders that carry the plural's number itself (`formatted` is the count through Intl). */
const NUMBER_PLACEHOLDERS = ['count', 'formatted'];

type Resource = { [key: string]: string | Resource };
/** A flat key → text map, with plural forms grouped under their base key. */
interface Flat {
  singles: Map<string, string>;
  plurals: Map<string, Map<string, string>>;
}

function load(language: string, namespace: string): Resource {
  return JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Resource;
}

function flatten(resource: Resource, prefix = '', into: Flat = { singles: new Map(), plurals: new Map() }): Flat {
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value !== 'string') {
      flatten(value, path, into);
      continue;
    }
    const plural = PLURAL_SUFFIX.exec(path);
    if (plural?.[1] === undefined) {
      into.singles.set(path, value);
      continue;
    }
    const base = path.slice(0, plural.index);
    const forms = into.plurals.get(base) ?? new Map<string, string>();
    forms.set(plural[1], value);
    into.plurals.set(base, forms);
  }
  return into;
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*([\w.-]+)[^}]*\}\}/gu)].map((match) => match[1] ?? ''));
}

/** The markup tags of a text, sorted: `<bdi>`, `</bdi>`, `<lang>` … */
function tags(text: string): string[] {
  return [...text.matchAll(/<\/?[a-z]+>/gu)].map((match) => match[0]).sort();
}

function missingPlaceholders(english: string, translated: string, ignore: readonly string[] = []): string[] {
  const present = placeholders(translated);
  return [...placeholders(english)].filter((name) => !ignore.includes(name) && !present.has(name));
}

const namespaces = readdirSync(join(LOCALES, DEFAULT_UI_LANGUAGE))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();
const translations = UI_LANGUAGES.filter((language) => language !== DEFAULT_UI_LANGUAGE);

describe('locale resources', () => {
  it('exist for exactly the UI languages, each with every namespace', () => {
    const folders = readdirSync(LOCALES).sort();
    expect(folders).toEqual([...UI_LANGUAGES].sort());
    for (const language of UI_LANGUAGES) {
      const files = readdirSync(join(LOCALES, language)).filter((file) => file.endsWith('.json'));
      expect(files.map((file) => file.slice(0, -'.json'.length)).sort(), language).toEqual(namespaces);
    }
  });

  it('use only the plural categories of English in English', () => {
    for (const namespace of namespaces) {
      for (const [base, forms] of flatten(load('en', namespace)).plurals) {
        expect([...forms.keys()].sort(), `en/${namespace}:${base}`).toEqual(['one', 'other']);
      }
    }
  });

  describe.each(translations)('%s', (language) => {
    const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();

    it.each(namespaces)('has exactly the keys of English in %s', (namespace) => {
      const english = flatten(load(DEFAULT_UI_LANGUAGE, namespace));
      const translated = flatten(load(language, namespace));
      const expected = [...english.singles.keys(), ...[...english.plurals.keys()].map((base) => `${base}_*`)].sort();
      const actual = [
        ...translated.singles.keys(),
        ...[...translated.plurals.keys()].map((base) => `${base}_*`),
      ].sort();
      expect({
        missing: expected.filter((key) => !actual.includes(key)),
        extra: actual.filter((key) => !expected.includes(key)),
      }).toEqual({ missing: [], extra: [] });
    });

    it.each(namespaces)('gives every CLDR plural form of the language in %s', (namespace) => {
      for (const [base, forms] of flatten(load(language, namespace)).plurals) {
        expect([...forms.keys()].sort(), `${language}/${namespace}:${base}`).toEqual(categories);
      }
    });

    it.each(namespaces)('keeps every placeholder and tag, and no text is empty, in %s', (namespace) => {
      const english = flatten(load(DEFAULT_UI_LANGUAGE, namespace));
      const translated = flatten(load(language, namespace));
      const problems: string[] = [];
      for (const [key, text] of english.singles) {
        const translation = translated.singles.get(key);
        if (translation === undefined) continue; // reported by the key parity test
        if (translation.trim() === '' && text.trim() !== '') problems.push(`${key}: empty`);
        for (const name of missingPlaceholders(text, translation)) problems.push(`${key}: {{${name}}} missing`);
        if (tags(text).join() !== tags(translation).join()) problems.push(`${key}: tags ${tags(translation).join()}`);
      }
      for (const [base, forms] of english.plurals) {
        const englishOther = forms.get('other') ?? '';
        for (const [category, translation] of translated.plurals.get(base) ?? []) {
          if (translation.trim() === '') problems.push(`${base}_${category}: empty`);
          // A language may spell small counts out ("موضوعان", "한 개"): the number is required in `other` only.
          const ignore = category === 'other' ? [] : NUMBER_PLACEHOLDERS;
          for (const name of missingPlaceholders(englishOther, translation, ignore)) {
            problems.push(`${base}_${category}: {{${name}}} missing`);
          }
          if (tags(englishOther).join() !== tags(translation).join()) {
            problems.push(`${base}_${category}: tags ${tags(translation).join()}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
