#!/usr/bin/env node
/**
 * Which translations are missing, per UI language, against English: the keys
 * other branches added to en/*.json after a language was translated.
 *
 *   node scripts/i18n-missing.mjs            # a readable list; exit 1 when anything is missing
 *   node scripts/i18n-missing.mjs ja el      # only these languages
 *   node scripts/i18n-missing.mjs --json     # {language: {namespace: {key: English text}}}, to hand to a translator
 *   node scripts/i18n-missing.mjs --since=<rev>  # also English texts reworded since a commit (keys kept, meaning changed)
 *
 * A plural family is expanded to the CLDR categories of each language
 * (Intl.PluralRules, as i18next and tests/unit/i18n-parity.test.ts use them):
 * Japanese needs only `_other`, Italian `_one/_many/_other`, Arabic six forms.
 * Keys a language has but English no longer has are listed as stale, and
 * empty texts as empty.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES = join(import.meta.dirname, '..', 'src', 'renderer', 'src', 'locales');
const ENGLISH = 'en';
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/u;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.filter((arg) => !arg.startsWith('--'));
const since = args.find((arg) => arg.startsWith('--since='))?.slice('--since='.length);

/** key path → text, nested objects joined with dots (as i18next addresses them). */
function flatten(resource, prefix = '', into = new Map()) {
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

/** English as it was at a commit (empty when the namespace did not exist then). */
function englishAt(revision, namespace) {
  try {
    const text = execFileSync('git', ['show', `${revision}:src/renderer/src/locales/${ENGLISH}/${namespace}.json`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return flatten(JSON.parse(text));
  } catch {
    return new Map();
  }
}

function load(language, namespace) {
  const file = join(LOCALES, language, `${namespace}.json`);
  return existsSync(file) ? flatten(JSON.parse(readFileSync(file, 'utf8'))) : new Map();
}

/** The keys a language must have, each with the English text a translator starts from. */
function expectedKeys(english, language) {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Map();
  for (const [key, text] of english) {
    const plural = PLURAL_SUFFIX.exec(key);
    if (plural === null) {
      expected.set(key, text);
      continue;
    }
    // English has _one and _other: every other category is written from the `other` text.
    const base = key.slice(0, plural.index);
    if (plural[1] !== 'other') continue;
    for (const category of categories) {
      expected.set(`${base}_${category}`, category === 'one' ? (english.get(`${base}_one`) ?? text) : text);
    }
  }
  return expected;
}

const namespaces = readdirSync(join(LOCALES, ENGLISH))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();
const languages = readdirSync(LOCALES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== ENGLISH)
  .map((entry) => entry.name)
  .filter((language) => only.length === 0 || only.includes(language))
  .sort();

const report = {};
const perLanguage = new Map();
let problems = 0;
for (const language of languages) {
  perLanguage.set(language, 0);
  for (const namespace of namespaces) {
    const english = load(ENGLISH, namespace);
    const translated = load(language, namespace);
    const expected = expectedKeys(english, language);
    const missing = [...expected].filter(([key]) => !translated.has(key));
    const stale = [...translated.keys()].filter((key) => !expected.has(key));
    const empty = [...translated].filter(([key, text]) => expected.has(key) && text.trim() === '');
    // A key whose English text changed since the revision: its translations say the old thing.
    const before = since === undefined ? new Map() : englishAt(since, namespace);
    const reworded = [...expected].filter(([key, text]) => {
      const base = key.replace(PLURAL_SUFFIX, '');
      const old = before.get(key) ?? before.get(`${base}_other`);
      return translated.has(key) && old !== undefined && old !== (english.get(key) ?? text);
    });
    const count = missing.length + stale.length + empty.length + reworded.length;
    problems += count;
    perLanguage.set(language, (perLanguage.get(language) ?? 0) + count);
    if (asJson) {
      if (missing.length > 0 || empty.length > 0 || reworded.length > 0) {
        report[language] ??= {};
        report[language][namespace] = Object.fromEntries(
          [...missing, ...empty, ...reworded].map(([key]) => [key, expected.get(key)]),
        );
      }
      continue;
    }
    for (const [key, text] of missing) console.log(`${language}\t${namespace}:${key}\tmissing\t${text}`);
    for (const [key] of empty) console.log(`${language}\t${namespace}:${key}\tempty\t${expected.get(key)}`);
    for (const [key, text] of reworded)
      console.log(`${language}\t${namespace}:${key}\treworded since the revision (check)\t${text}`);
    for (const key of stale) console.log(`${language}\t${namespace}:${key}\tstale (not in English)`);
  }
}

if (asJson) console.log(JSON.stringify(report, null, 2));
else if (problems === 0) console.log(`All ${languages.length} languages have every key of English.`);
else {
  const counts = [...perLanguage].map(([language, count]) => `${language} ${count}`).join(', ');
  console.error(`${problems} to do (${counts}).`);
}
process.exitCode = problems === 0 ? 0 : 1;
