import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import { languagesOf } from '../../../../shared/news';
import type { CachedDocument, CachedNews, CachedPost, CachedThread } from '../db';

/** What a result can be; the screen filters on these. */
export const SEARCH_KINDS = ['thread', 'post', 'document', 'news'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Kinds indexed once per language, whose ids carry it: `<kind>:<id>:<language>`. */
const BY_LANGUAGE: ReadonlySet<SearchKind> = new Set(['document', 'news']);

/**
 * One indexed unit. A document is indexed once per language (its title and
 * summary in that language, plus the text of that language's downloaded PDF),
 * and a news item once per language version, so the language filter and the
 * snippet speak one language.
 */
export interface SearchDoc {
  /** `post:<id>`, `thread:<id>`, `news:<id>:<language>`, `document:<id>:<language>`. */
  id: string;
  lang: ContentLanguage;
  title: string;
  body: string;
  /** Text extracted from a downloaded PDF. */
  text: string;
}

export const SEARCH_FIELDS = ['title', 'body', 'text'] as const;
export const STORED_FIELDS = ['lang'] as const;

export interface SearchRef {
  kind: SearchKind;
  /** The entity's id (the document's or news item's, for one of its languages). */
  entityId: string;
  lang?: ContentLanguage;
}

export function searchId(ref: SearchRef): string {
  return BY_LANGUAGE.has(ref.kind) ? `${ref.kind}:${ref.entityId}:${ref.lang ?? ''}` : `${ref.kind}:${ref.entityId}`;
}

/** Whether a kind's ids carry a language (documents, news). */
export function isIndexedByLanguage(kind: SearchKind): boolean {
  return BY_LANGUAGE.has(kind);
}

/**
 * The parts of a search id: `kind:entityId`, or `document:entityId:lang` / `news:entityId:lang` (anything
 * after a further colon is ignored). Read with `indexOf`, not `split`: every document of an index is
 * classified by it when the index loads (search-index.ts).
 */
export function parseSearchId(id: string): SearchRef | null {
  const first = id.indexOf(':');
  if (first === -1) return null;
  const kind = id.slice(0, first);
  if (!isKind(kind)) return null;
  const second = id.indexOf(':', first + 1);
  const entityId = second === -1 ? id.slice(first + 1) : id.slice(first + 1, second);
  if (!BY_LANGUAGE.has(kind)) return { kind, entityId };
  if (second === -1) return null;
  const third = id.indexOf(':', second + 1);
  const lang = third === -1 ? id.slice(second + 1) : id.slice(second + 1, third);
  return isLanguage(lang) ? { kind, entityId, lang } : null;
}

function isKind(value: string): value is SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value);
}

export function isLanguage(value: string | undefined): value is ContentLanguage {
  return value !== undefined && (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

export function postDoc(post: CachedPost): SearchDoc | null {
  if (post.hidden) return null;
  return {
    id: searchId({ kind: 'post', entityId: post.id }),
    lang: post.language,
    title: '',
    body: post.body,
    text: '',
  };
}

export function threadDoc(thread: CachedThread): SearchDoc | null {
  if (thread.hidden) return null;
  return {
    id: searchId({ kind: 'thread', entityId: thread.id }),
    lang: thread.language,
    title: thread.title,
    body: thread.tags.join(' '),
    text: '',
  };
}

/** One search doc per language version of a published news item (unpublished ones are not searched). */
export function newsDocs(news: CachedNews): SearchDoc[] {
  if (news.publishedAt === null) return [];
  return languagesOf(news.versions).flatMap((lang) => {
    const version = news.versions[lang];
    return version === undefined
      ? []
      : [
          {
            id: searchId({ kind: 'news', entityId: news.id, lang }),
            lang,
            title: version.title,
            body: version.body,
            text: '',
          },
        ];
  });
}

/** The languages a document is indexed in: every title, summary and variant language. */
export function documentLanguages(document: CachedDocument): ContentLanguage[] {
  const languages = new Set<ContentLanguage>();
  for (const lang of Object.keys(document.title)) if (isLanguage(lang)) languages.add(lang);
  for (const lang of Object.keys(document.summary ?? {})) if (isLanguage(lang)) languages.add(lang);
  for (const variant of document.variants) languages.add(variant.language);
  return [...languages];
}

/**
 * One search doc per language of a document. `pdfText` gives the extracted
 * text of a variant's file (by sha256) when it was downloaded and extracted.
 */
export function documentDocs(document: CachedDocument, pdfText: (sha256: string) => string | undefined): SearchDoc[] {
  return documentLanguages(document).map((lang) => {
    const texts = document.variants
      .filter((variant) => variant.language === lang)
      .map((variant) => pdfText(variant.sha256))
      .filter((text): text is string => text !== undefined);
    return {
      id: searchId({ kind: 'document', entityId: document.id, lang }),
      lang,
      title: document.title[lang] ?? '',
      body: document.summary?.[lang] ?? '',
      text: texts.join('\n'),
    };
  });
}

/** Every id a document or news item may have been indexed under (its languages may have changed since). */
export function allLanguageIds(kind: 'document' | 'news', entityId: string): string[] {
  return CONTENT_LANGUAGES.map((lang) => searchId({ kind, entityId, lang }));
}
