import type { ContentLanguage } from '../../languages';

/**
 * What an alumni archive holds, already chosen and sanitized: the renderer
 * picks the language versions from the reader's cache, renders remote
 * markdown through its sanitizer, formats dates with Intl and translates the
 * labels; the pages are then plain string templates over this model
 * (see build.ts). Every `html` field is sanitized HTML; everything else is
 * text, escaped where it is written.
 */
export interface ArchiveModel {
  /** The interface language of the archive's own words (lang and dir of every page). */
  readonly uiLanguage: string;
  readonly dir: 'ltr' | 'rtl';
  readonly labels: ArchiveLabels;
  readonly edition: ArchiveEdition;
  readonly sessions: readonly ArchiveSession[];
  readonly documents: readonly ArchiveDocument[];
  readonly threads: readonly ArchiveThread[];
}

/** A text in the language it is written in. */
export interface ArchiveText {
  readonly text: string;
  readonly language: ContentLanguage;
}

export interface ArchiveEdition {
  readonly title: ArchiveText;
  readonly description: ArchiveText | null;
  readonly theme: ArchiveText | null;
  /** "Johannesburg, South Africa · 14–18 October 2019", formatted by the renderer. */
  readonly facts: string;
}

/** A document file copied into the archive (`files/…`), one per language version chosen. */
export interface ArchiveFile {
  readonly sha256: string;
  readonly size: number;
  readonly mime: string;
  readonly language: ContentLanguage;
  /** Where it goes in the archive, relative to its root: `files/<name>`. */
  readonly path: string;
  /** "English, PDF, 1.2 MB". */
  readonly label: string;
}

export interface ArchiveDocument {
  readonly id: string;
  readonly title: ArchiveText;
  readonly summary: ArchiveText | null;
  /** "Publication · 2019 · SSE Academy readers". */
  readonly facts: string;
  readonly files: readonly ArchiveFile[];
  readonly citation: { readonly text: string; readonly bibtex: string; readonly ris: string };
}

export type ArchiveMaterial =
  | { readonly kind: 'document'; readonly title: ArchiveText | null; readonly documentId: string }
  | { readonly kind: 'link'; readonly title: ArchiveText | null; readonly url: string }
  | { readonly kind: 'note'; readonly title: ArchiveText | null; readonly html: string; readonly language: string };

export interface ArchiveSession {
  readonly id: string;
  readonly title: ArchiveText;
  /** Formatted date and time, or null. */
  readonly when: string | null;
  readonly materials: readonly ArchiveMaterial[];
}

export interface ArchiveTranslation {
  readonly language: ContentLanguage;
  /** "Translated into French by Amina". */
  readonly byline: string;
  readonly html: string;
}

export interface ArchivePost {
  readonly id: string;
  readonly author: string;
  readonly when: string;
  readonly isoDate: string;
  readonly language: ContentLanguage;
  readonly html: string;
  readonly translations: readonly ArchiveTranslation[];
}

export interface ArchiveThread {
  readonly id: string;
  readonly title: ArchiveText;
  readonly byline: string;
  readonly posts: readonly ArchivePost[];
}

/**
 * The archive's own words, in the archive's language. Counts that the search
 * page shows at run time come as one template per plural category of that
 * language (Intl.PluralRules), with `{{count}}` and `{{query}}` in them.
 */
export interface ArchiveLabels {
  readonly siteName: string;
  readonly skip: string;
  readonly nav: string;
  readonly home: string;
  readonly sessions: string;
  readonly documents: string;
  readonly threads: string;
  readonly search: string;
  readonly searchLabel: string;
  readonly searchButton: string;
  readonly searchNeedsScript: string;
  readonly searchPrompt: string;
  readonly results: Readonly<Record<string, string>>;
  readonly noResults: string;
  readonly materials: string;
  readonly noMaterials: string;
  readonly noSessions: string;
  readonly noDocuments: string;
  readonly noThreads: string;
  readonly note: string;
  readonly link: string;
  readonly document: string;
  readonly opensOnline: string;
  readonly cite: string;
  readonly citeText: string;
  readonly bibtex: string;
  readonly ris: string;
  readonly posts: string;
  readonly translations: string;
  readonly footer: string;
  readonly kinds: { readonly session: string; readonly document: string; readonly thread: string };
}
