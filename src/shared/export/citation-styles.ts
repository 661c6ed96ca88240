/**
 * The citation styles the app offers, apart from the formatter itself
 * (citations.ts), so a screen can list them without loading citeproc.
 */
export const CITATION_STYLES = ['apa', 'chicago', 'bibtex', 'ris'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** The styles that are files to save, and their extension and media type. */
export const CITATION_FILES = {
  bibtex: { extension: 'bib', mime: 'application/x-bibtex' },
  ris: { extension: 'ris', mime: 'application/x-research-info-systems' },
} as const;
