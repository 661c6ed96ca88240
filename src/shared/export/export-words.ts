/**
 * What an exported file says in the reader's language. The renderer builds it
 * from i18next's `export` namespace and Intl; the formatters stay pure.
 */
export interface ExportWords {
  /** A string of the `export` namespace, under `file.`. */
  t(key: ExportTextKey, values?: Record<string, string | number>): string;
  /** A date and time, for people (Intl in the UI language). */
  date(iso: string): string;
  /** A content language's name in the UI language ("es" → "Spanish"). */
  language(code: string): string;
  /**
   * A post's markdown as the Markdown file shows it. Raw HTML in a post is text
   * in the app (the forum neutralizes it); a Markdown viewer must not run it either.
   */
  markdown(body: string): string;
}

export type ExportTextKey =
  | 'file.exportedFrom'
  | 'file.postHeading'
  | 'file.inReplyTo'
  | 'file.edited'
  | 'file.hidden'
  | 'file.waiting'
  | 'file.conflict'
  | 'file.myPostsIn'
  | 'file.postCount'
  | 'file.draftHeading'
  | 'file.draftKind.thread'
  | 'file.draftKind.reply'
  | 'file.draftKind.edit'
  | 'file.draftKind.translation'
  | 'file.draftKind.news'
  | 'file.draftKind.write'
  | 'file.draftSaved'
  | 'file.draftRefused'
  | 'file.translationHeading'
  | 'file.translationOf'
  | 'file.translationOfUnknown'
  | 'file.sessionStatus.staged'
  | 'file.sessionStatus.waiting'
  | 'file.sessionIn'
  | 'file.sessionStarts'
  | 'file.materials'
  | 'file.noMaterials'
  | 'file.material.document'
  | 'file.material.link'
  | 'file.material.note'
  | 'file.material.file'
  | 'file.readmeTitle'
  | 'file.readmeIntro'
  | 'file.readmeThreads'
  | 'file.readmeDrafts'
  | 'file.readmeTranslations'
  | 'file.readmeSessions'
  | 'file.readmeJson'
  | 'file.readmeSessionsMine'
  | 'file.untitled'
  | 'file.unknownAuthor';

/** Text on one line: headings and list items must not be broken by a title's line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Text placed in Markdown where it must stay text (a title in a heading, a name):
 * the characters that would start markup are escaped.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>#|~])/gu, '\\$1');
}
