/**
 * Citations of library documents and Academy collections in APA, Chicago
 * (author-date), BibTeX and RIS, through citation-js: CSL-JSON in, citeproc-js
 * with the official CSL styles for APA and Chicago, citation-js's own BibTeX
 * and RIS writers (which reference managers such as Zotero import). Pure: the
 * Chicago style and the CSL locales that citation-js lacks are handed in as
 * XML by whoever bundles them (see registerCslResources).
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { ContentLanguage } from '../languages';
import { pickLocalized } from '../localized';
import type { DocumentType } from '../wire/entities';
import type { CitationStyle } from './citation-styles';

export { CITATION_FILES, CITATION_STYLES, type CitationStyle } from './citation-styles';

/** Who is cited when a document names no author: the Collective Brain's publisher. */
export const DEFAULT_CITATION_AUTHOR = 'International Labour Organization';

const CSL_TEMPLATES = { apa: 'apa', chicago: 'chicago-author-date' } as const;

/** The CSL locale for each UI language; citation-js ships en-US, fr-FR and es-ES. */
export const CSL_LOCALES: Readonly<Record<string, string>> = {
  en: 'en-US',
  fr: 'fr-FR',
  es: 'es-ES',
  pt: 'pt-BR',
  ar: 'ar',
  ko: 'ko-KR',
};

/** A CSL-JSON item: the fields this app fills. */
export interface CslItem {
  id: string;
  type: 'book' | 'report' | 'document' | 'webpage';
  title: string;
  language?: string;
  author?: ({ literal: string } | { family: string; given?: string })[];
  issued?: { 'date-parts': [[number]] };
  'collection-title'?: string;
  genre?: string;
  keyword?: string;
  URL?: string;
  'citation-key'?: string;
}

/** What the library knows of a document, as citing needs it. */
export interface CitableDocument {
  kind: 'document';
  id: string;
  type: DocumentType;
  title: Partial<Record<ContentLanguage, string>>;
  year: number | null;
  series: string | null;
  topics: readonly string[];
  /** A person or an institution; the publisher by default. */
  author?: string;
}

/** A link among an edition's session materials. */
export interface CitableLink {
  kind: 'link';
  id: string;
  title: Partial<Record<ContentLanguage, string>> | null;
  url: string;
}

export type Citable = CitableDocument | CitableLink;

/** The ILO's publications are mostly reports in a series (which APA names for a report, not a book). */
const CSL_TYPES: Readonly<Record<DocumentType, CslItem['type']>> = {
  publication: 'report',
  'academy-reader': 'book',
  report: 'report',
  'case-study': 'report',
  'course-material': 'document',
};

/** XML that citation-js does not ship: the Chicago style, and locales by CSL name. */
export interface CslResources {
  chicago: string;
  locales: Readonly<Record<string, string>>;
}

let registered = false;

/**
 * Hands citation-js the Chicago style and the extra locales, once. BibTeX keeps
 * every script as UTF-8 (its ASCII mode drops what it cannot spell in LaTeX:
 * an Arabic or Korean title would vanish); LaTeX's special characters are
 * escaped here instead (see bibtexItem).
 */
export function registerCslResources(resources: CslResources): void {
  if (registered) return;
  const csl = plugins.config.get('@csl');
  csl.styles.add(CSL_TEMPLATES.chicago, resources.chicago);
  for (const [name, xml] of Object.entries(resources.locales)) {
    if (!csl.locales.has(name)) csl.locales.add(name, xml);
  }
  plugins.config.get('@bibtex').format.asciiOnly = false;
  registered = true;
}

/** Letters and digits only, accents dropped: a citation key LaTeX accepts. */
function keyPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s]/gu, '')
    .trim();
}

function citationKey(item: CslItem): string {
  const author = item.author?.[0];
  const name = author === undefined ? '' : 'literal' in author ? author.literal : author.family;
  const authorPart = keyPart(name).split(/\s+/u)[0] ?? '';
  const titleWord = keyPart(item.title)
    .split(/\s+/u)
    .find((word) => word.length > 3);
  const year = item.issued === undefined ? 'nd' : String(item.issued['date-parts'][0][0]);
  if (authorPart === '' && titleWord === undefined) return `cb${item.id.replace(/-/gu, '').slice(0, 8)}`;
  return `${authorPart}${year}${titleWord ?? item.id.slice(0, 8)}`;
}

/** Keys unique within one bibliography: a second `ILO2017Economia` becomes `ILO2017Economiab`. */
function withKeys(items: CslItem[]): CslItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = citationKey(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { ...item, 'citation-key': n === 0 ? base : `${base}${String.fromCharCode(97 + ((n - 1) % 26))}` };
  });
}

/** A citable thing as CSL-JSON, titled in the reader's best language (and saying which). */
export function toCsl(item: Citable, languages: readonly ContentLanguage[]): CslItem {
  if (item.kind === 'link') {
    const title = item.title === null ? undefined : pickLocalized(item.title, languages);
    return {
      id: item.id,
      type: 'webpage',
      title: title?.value ?? item.url,
      ...(title === undefined ? {} : { language: title.language }),
      URL: item.url,
    };
  }
  const title = pickLocalized(item.title, languages);
  const author = item.author?.trim() ?? '';
  return {
    id: item.id,
    type: CSL_TYPES[item.type],
    title: title?.value ?? '',
    ...(title === undefined ? {} : { language: title.language }),
    // A literal name: an institution is never split into given and family names.
    author: [{ literal: author === '' ? DEFAULT_CITATION_AUTHOR : author }],
    ...(item.year === null ? {} : { issued: { 'date-parts': [[item.year]] } }),
    ...(item.series === null || item.series.trim() === '' ? {} : { 'collection-title': item.series.trim() }),
    // citation-js splits keywords at commas (RIS writes one KW line each).
    ...(item.topics.length === 0 ? {} : { keyword: item.topics.join(',') }),
  };
}

/** LaTeX's special characters, escaped so that BibTeX reads them as text. */
function latex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/gu, (char) => {
    if (char === '\\') return '\\textbackslash{}';
    if (char === '~') return '\\textasciitilde{}';
    if (char === '^') return '\\textasciicircum{}';
    return `\\${char}`;
  });
}

function bibtexItem(item: CslItem): CslItem {
  return {
    ...item,
    title: latex(item.title),
    ...(item.author === undefined
      ? {}
      : {
          author: item.author.map((name) =>
            'literal' in name ? { literal: latex(name.literal) } : { ...name, family: latex(name.family) },
          ),
        }),
    ...(item['collection-title'] === undefined ? {} : { 'collection-title': latex(item['collection-title']) }),
    ...(item.keyword === undefined ? {} : { keyword: latex(item.keyword) }),
  };
}

/**
 * The items in one style: a bibliography (APA, Chicago) in the UI language's
 * CSL locale ("n.d.", "s. d."), or a BibTeX or RIS file.
 */
export function formatCitations(
  items: readonly CslItem[],
  style: CitationStyle,
  uiLanguage: string,
  format: 'text' | 'html' = 'text',
): string {
  if (items.length === 0) return '';
  const keyed = withKeys([...items]);
  if (style === 'bibtex') return `${new Cite(keyed.map(bibtexItem)).format('bibtex').trim()}\n`;
  if (style === 'ris') return `${new Cite(keyed).format('ris').trim()}\n`;
  const lang = CSL_LOCALES[uiLanguage] ?? 'en-US';
  return new Cite(keyed).format('bibliography', { format, template: CSL_TEMPLATES[style], lang }).trim();
}
