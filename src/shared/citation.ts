/**
 * A short author–date citation for a library document, e.g.
 * `International Labour Organization. (2017). Title. Series.`
 * Pure: the UI copies the result to the clipboard.
 */
export interface CitationInput {
  /** A person or an institution; the Collective Brain's publisher by default. */
  author?: string;
  year: number | null;
  title: string;
  series: string | null;
}

export const DEFAULT_CITATION_AUTHOR = 'International Labour Organization';

/** Ends a part with a full stop unless it already ends with punctuation that closes a sentence. */
function sentence(part: string): string {
  const trimmed = part.trim().replace(/\s+/gu, ' ');
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function formatCitation(input: CitationInput): string {
  const author = input.author?.trim() ?? '';
  const parts = [
    sentence(author === '' ? DEFAULT_CITATION_AUTHOR : author),
    `(${input.year === null ? 'n.d.' : String(input.year)}).`,
    sentence(input.title),
  ];
  const series = input.series?.trim() ?? '';
  if (series !== '') parts.push(sentence(series));
  return parts.join(' ');
}
