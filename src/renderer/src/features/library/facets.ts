import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { CachedDocument } from '../../data/db';

/**
 * The library's faceted search, as pure functions: the screen renders, these decide.
 * Within one facet the chosen values are alternatives (OR); across facets they all apply (AND).
 * Each value's count is the number of documents it would show, given the other facets and the search.
 */
export const FACETS = ['type', 'year', 'language', 'country', 'topic', 'series', 'edition'] as const;
export type FacetKey = (typeof FACETS)[number];
export type FacetSelection = Partial<Record<FacetKey, readonly string[]>>;

export const SORTS = ['title', 'year', 'newest'] as const;
export type SortKey = (typeof SORTS)[number];

/** Academy editions (collection ids) each document is used in, through session materials. */
export type EditionsByDocument = ReadonlyMap<string, readonly string[]>;

/** Lower case, accents removed: "Économie" finds "economie" and the other way round. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function facetValues(document: CachedDocument, facet: FacetKey, editions: EditionsByDocument): string[] {
  switch (facet) {
    case 'type':
      return [document.type];
    case 'year':
      return document.year === null ? [] : [String(document.year)];
    case 'language':
      return document.languages;
    case 'country':
      return document.countries;
    case 'topic':
      return document.topics;
    case 'series':
      return document.series === null ? [] : [document.series];
    case 'edition':
      return [...(editions.get(document.id) ?? [])];
  }
}

function matchesFacet(
  document: CachedDocument,
  facet: FacetKey,
  selection: FacetSelection,
  editions: EditionsByDocument,
): boolean {
  const chosen = selection[facet] ?? [];
  if (chosen.length === 0) return true;
  const values = facetValues(document, facet, editions);
  return chosen.some((value) => values.includes(value));
}

export function matchesQuery(document: CachedDocument, foldedQuery: string): boolean {
  if (foldedQuery === '') return true;
  const texts = [...Object.values(document.title), ...Object.values(document.summary ?? {})];
  return texts.some((text) => fold(text).includes(foldedQuery));
}

export interface LibraryQuery {
  selection: FacetSelection;
  search: string;
  sort: SortKey;
  languages: readonly ContentLanguage[];
  locale: string;
}

export function displayTitle(document: CachedDocument, languages: readonly ContentLanguage[]): string {
  return pickLocalized(document.title, languages)?.value ?? '';
}

export function filterDocuments(
  documents: readonly CachedDocument[],
  query: LibraryQuery,
  editions: EditionsByDocument,
): CachedDocument[] {
  const folded = fold(query.search.trim());
  const result = documents.filter(
    (document) =>
      matchesQuery(document, folded) &&
      FACETS.every((facet) => matchesFacet(document, facet, query.selection, editions)),
  );
  const collator = new Intl.Collator(query.locale, { sensitivity: 'base', numeric: true });
  const byTitle = (a: CachedDocument, b: CachedDocument): number =>
    collator.compare(displayTitle(a, query.languages), displayTitle(b, query.languages));
  switch (query.sort) {
    case 'title':
      return result.sort(byTitle);
    case 'year':
      return result.sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || byTitle(a, b));
    case 'newest':
      return result.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || byTitle(a, b));
  }
}

/** For each facet, each value with the number of documents it would show. */
export function countFacets(
  documents: readonly CachedDocument[],
  query: Pick<LibraryQuery, 'selection' | 'search'>,
  editions: EditionsByDocument,
): Record<FacetKey, Map<string, number>> {
  const folded = fold(query.search.trim());
  const searched = documents.filter((document) => matchesQuery(document, folded));
  const counts = Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as Record<
    FacetKey,
    Map<string, number>
  >;
  for (const facet of FACETS) {
    const others = FACETS.filter((other) => other !== facet);
    const map = counts[facet];
    for (const document of searched) {
      if (!others.every((other) => matchesFacet(document, other, query.selection, editions))) continue;
      for (const value of new Set(facetValues(document, facet, editions))) map.set(value, (map.get(value) ?? 0) + 1);
    }
    // Keep chosen values visible even when nothing else matches them any more.
    for (const value of query.selection[facet] ?? []) if (!map.has(value)) map.set(value, 0);
  }
  return counts;
}

export function toggleValue(selection: FacetSelection, facet: FacetKey, value: string): FacetSelection {
  const current = selection[facet] ?? [];
  const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
  return { ...selection, [facet]: next };
}
