import type { TFunction } from 'i18next';
import type { ContentLanguage } from '../../../../../shared/languages';
import { pickLocalized } from '../../../../../shared/localized';
import type {
  ArchiveDocument,
  ArchiveFile,
  ArchiveLabels,
  ArchiveMaterial,
  ArchiveModel,
  ArchiveText,
  ArchiveThread,
} from '../../../../../shared/venue/archive/model';
import type { DocumentVariant } from '../../../../../shared/wire/entities';
import type { CachedCollection, CachedDocument, CollectiveBrainDb } from '../../../data/db';
import { citableDocument } from '../../export/citable';
// Types only: the engine itself is loaded on demand (see gatherArchive).
import type * as CitationEngineModule from '../../export/citation-engine';
import { displayNames, formatBytes, formatDate, formatDateTime, intlLocale, listFormat } from '../../../ui/format';

export interface ArchiveRequest {
  readonly collectionId: string;
  /** The content languages to keep, in order of preference. */
  readonly languages: readonly ContentLanguage[];
  /** Forum threads carrying one of these tags are linked to the edition (by default its city and country). */
  readonly tags: readonly string[];
}

export interface ArchiveContext {
  readonly db: CollectiveBrainDb;
  readonly t: TFunction<'venue'>;
  /** The interface language: the archive's own words and dates. */
  readonly uiLanguage: string;
  /** Remote markdown to sanitized HTML (the app's renderer: marked, then DOMPurify). */
  readonly markdown: (source: string, kind: 'post' | 'note') => string;
  /** The plural categories' templates of a counted label, raw (`{{count}}` left in). */
  readonly pluralTemplates: (key: string) => Record<string, string>;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
};

/** Lower-case ASCII for a file name; a title in another script falls back to the id. */
export function slugOf(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 50)
    .replace(/-+$/u, '');
  return slug === '' ? fallback : slug;
}

function chosen(text: Partial<Record<ContentLanguage, string>>, languages: readonly ContentLanguage[]): ArchiveText {
  const picked = pickLocalized(text, languages);
  return picked === undefined ? { text: '', language: 'en' } : { text: picked.value, language: picked.language };
}

type CitationEngine = typeof CitationEngineModule;

/** A document cited as text (APA, in the interface language), BibTeX and RIS, titled in the chosen languages. */
function citationOf(
  engine: CitationEngine,
  document: CachedDocument,
  languages: readonly ContentLanguage[],
  uiLanguage: string,
): ArchiveDocument['citation'] {
  const item = [engine.toCsl(citableDocument(document), languages)];
  return {
    text: engine.formatCitations(item, 'apa', uiLanguage),
    bibtex: engine.formatCitations(item, 'bibtex', uiLanguage).trim(),
    ris: engine.formatCitations(item, 'ris', uiLanguage).trim(),
  };
}

/** The variants kept: every one in the chosen languages, or the best one when none is. */
function variantsOf(document: CachedDocument, languages: readonly ContentLanguage[]): DocumentVariant[] {
  const inLanguages = document.variants.filter((variant) => languages.includes(variant.language));
  if (inLanguages.length > 0) return inLanguages;
  const first = document.variants[0];
  return first === undefined ? [] : [first];
}

function editionFacts(collection: CachedCollection, uiLanguage: string): string {
  const edition = collection.edition;
  if (edition === null) return '';
  const parts = [`${edition.city}, ${edition.country}`];
  if (edition.startDate !== null && edition.endDate !== null) {
    const format = new Intl.DateTimeFormat(intlLocale(uiLanguage), { dateStyle: 'long', timeZone: 'UTC' });
    parts.push(format.formatRange(new Date(edition.startDate), new Date(edition.endDate)));
  } else parts.push(String(edition.year));
  return parts.join(' · ');
}

/**
 * Reads an edition from this computer's cache into the archive's model: its
 * sessions and materials, the documents they point to (the language versions
 * chosen), the forum threads linked by tag with their posts and the readers'
 * translations into the chosen languages. Only what this cache holds goes in.
 */
export async function gatherArchive(context: ArchiveContext, request: ArchiveRequest): Promise<ArchiveModel> {
  const { db, t, uiLanguage } = context;
  const languages = request.languages;
  // The export's citation formatters (citation-js: APA in the interface language, BibTeX, RIS), loaded on demand.
  const citations = await import('../../export/citation-engine');
  const collection = await db.collections.get(request.collectionId);
  if (collection === undefined) throw new Error('This edition is not on this computer.');
  const sessions = (
    await db.sessions
      .where('[collectionId+position]')
      .between([collection.id, -Infinity], [collection.id, Infinity])
      .toArray()
  ).filter((session) => session.local === undefined);
  const languageName = (language: string): string => displayNames(uiLanguage, 'language').of(language) ?? language;

  const documentIds = new Set<string>();
  const materialsBySession = new Map<string, ArchiveMaterial[]>();
  for (const session of sessions) {
    const materials = await db.materials
      .where('[sessionId+position]')
      .between([session.id, -Infinity], [session.id, Infinity])
      .toArray();
    materialsBySession.set(
      session.id,
      materials.map((material): ArchiveMaterial => {
        const title = material.title === null ? null : chosen(material.title, languages);
        switch (material.kind) {
          case 'document':
            documentIds.add(material.documentId);
            return { kind: 'document', title, documentId: material.documentId };
          case 'link':
            return { kind: 'link', title, url: material.url };
          case 'note':
            return {
              kind: 'note',
              title,
              html: context.markdown(material.note, 'note'),
              language: title?.language ?? languages[0] ?? 'en',
            };
        }
      }),
    );
  }

  const documents: ArchiveDocument[] = [];
  const usedPaths = new Set<string>();
  for (const id of documentIds) {
    const document = await db.documents.get(id);
    if (document === undefined) continue;
    const title = chosen(document.title, languages);
    const slug = slugOf(title.text, id.slice(0, 8));
    const files: ArchiveFile[] = variantsOf(document, languages).map((variant) => {
      const extension = EXTENSIONS[variant.mime] ?? 'bin';
      let path = `files/${slug}-${variant.language}.${extension}`;
      for (let n = 2; usedPaths.has(path); n += 1) path = `files/${slug}-${variant.language}-${String(n)}.${extension}`;
      usedPaths.add(path);
      return {
        sha256: variant.sha256,
        size: variant.size,
        mime: variant.mime,
        language: variant.language,
        path,
        label: t('archive.file', {
          language: languageName(variant.language),
          type: extension.toUpperCase(),
          size: formatBytes(variant.size, uiLanguage),
        }),
      };
    });
    const facts = [
      t(`archive.types.${document.type}`),
      document.year === null ? '' : String(document.year),
      document.series ?? '',
    ]
      .filter((part) => part !== '')
      .join(' · ');
    documents.push({
      id,
      title,
      summary: document.summary === null ? null : chosen(document.summary, languages),
      facts,
      files,
      citation: citationOf(citations, document, languages, uiLanguage),
    });
  }

  const threads = await linkedThreads(context, request);
  return {
    uiLanguage,
    dir: uiLanguage.startsWith('ar') ? 'rtl' : 'ltr',
    labels: labelsOf(context, collection, languages.map(languageName)),
    edition: {
      title: chosen(collection.title, languages),
      description: collection.description === null ? null : chosen(collection.description, languages),
      theme: collection.edition?.theme == null ? null : chosen(collection.edition.theme, languages),
      facts: editionFacts(collection, uiLanguage),
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      title: chosen(session.title, languages),
      when: session.startsAt === null ? null : formatDateTime(session.startsAt, uiLanguage),
      materials: materialsBySession.get(session.id) ?? [],
    })),
    documents,
    threads,
  };
}

async function linkedThreads(context: ArchiveContext, request: ArchiveRequest): Promise<ArchiveThread[]> {
  const { db, t, uiLanguage } = context;
  const wanted = new Set(request.tags.map((tag) => tag.toLowerCase()));
  if (wanted.size === 0) return [];
  const threads = (await db.threads.toArray())
    .filter((thread) => !thread.hidden && thread.local === undefined)
    .filter((thread) => thread.tags.some((tag) => wanted.has(tag.toLowerCase())))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const names = new Map<string, string>();
  const nameOf = async (id: string | undefined): Promise<string> => {
    if (id === undefined) return t('archive.unknownAuthor');
    if (!names.has(id)) names.set(id, (await db.users.get(id))?.displayName ?? t('archive.unknownAuthor'));
    return names.get(id) ?? '';
  };
  const result: ArchiveThread[] = [];
  for (const thread of threads) {
    const posts = (
      await db.posts.where('[threadId+createdAt]').between([thread.id, ''], [thread.id, '\uffff']).toArray()
    ).filter((post) => !post.hidden && post.local === undefined);
    const archived = [];
    for (const post of posts) {
      const translations = (await db.translations.where('[targetType+targetId]').equals(['post', post.id]).toArray())
        .filter((translation) => request.languages.includes(translation.language) && translation.local === undefined)
        .filter((translation) => translation.language !== post.language);
      archived.push({
        id: post.id,
        author: await nameOf(post.authorId),
        when: formatDateTime(post.createdAt, uiLanguage),
        isoDate: post.createdAt,
        language: post.language,
        html: context.markdown(post.body, 'post'),
        translations: await Promise.all(
          translations.map(async (translation) => ({
            language: translation.language,
            byline: t('archive.translatedBy', {
              language: displayNames(uiLanguage, 'language').of(translation.language) ?? translation.language,
              name: await nameOf(translation.authorId),
            }),
            html: context.markdown(translation.body, 'post'),
          })),
        ),
      });
    }
    result.push({
      id: thread.id,
      title: { text: thread.title, language: thread.language },
      byline: t('archive.threadBy', {
        name: await nameOf(thread.authorId),
        date: formatDate(thread.createdAt, uiLanguage),
        count: archived.length,
      }),
      posts: archived,
    });
  }
  return result;
}

function labelsOf(context: ArchiveContext, collection: CachedCollection, languageNames: string[]): ArchiveLabels {
  const { t, uiLanguage } = context;
  return {
    siteName: t('archive.siteName'),
    skip: t('archive.skip'),
    nav: t('archive.nav'),
    home: t('archive.home'),
    sessions: t('archive.sessions'),
    documents: t('archive.documents'),
    threads: t('archive.threads'),
    search: t('archive.search'),
    searchLabel: t('archive.searchLabel'),
    searchButton: t('archive.searchButton'),
    searchNeedsScript: t('archive.searchNeedsScript'),
    searchPrompt: t('archive.searchPrompt'),
    results: context.pluralTemplates('archive.results'),
    noResults: t('archive.noResults', { query: '{{query}}', interpolation: { escapeValue: false } }),
    materials: t('archive.materials'),
    noMaterials: t('archive.noMaterials'),
    noSessions: t('archive.noSessions'),
    noDocuments: t('archive.noDocuments'),
    noThreads: t('archive.noThreads'),
    note: t('archive.note'),
    link: t('archive.link'),
    document: t('archive.document'),
    opensOnline: t('archive.opensOnline'),
    cite: t('archive.cite'),
    citeText: t('archive.citeText'),
    bibtex: t('archive.bibtex'),
    ris: t('archive.ris'),
    posts: t('archive.posts'),
    translations: t('archive.translations'),
    footer: t('archive.footer', {
      date: formatDate(new Date().toISOString(), uiLanguage, { dateStyle: 'long' }),
      languages: listFormat(uiLanguage).format(languageNames),
      edition: pickLocalized(collection.title, [])?.value ?? '',
      interpolation: { escapeValue: false },
    }),
    kinds: {
      session: t('archive.kinds.session'),
      document: t('archive.kinds.document'),
      thread: t('archive.kinds.thread'),
    },
  };
}
