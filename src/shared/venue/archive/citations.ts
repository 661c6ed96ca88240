import { DEFAULT_CITATION_AUTHOR, formatCitation } from '../../citation';
import type { DocumentType } from '../../wire/entities';

/**
 * Citations for the alumni archive: the app's author–date text (shared/citation.ts) and
 * minimal BibTeX and RIS records that reference managers import. A stand-in until the
 * export branch's citation formatters (APA, Chicago, BibTeX, RIS through citation-js)
 * land in src/shared/export; then the archive should use those.
 */
export interface CitableDocument {
  readonly id: string;
  readonly type: DocumentType;
  readonly title: string;
  readonly language: string;
  readonly year: number | null;
  readonly series: string | null;
}

export function citationsOf(document: CitableDocument): { text: string; bibtex: string; ris: string } {
  return {
    text: formatCitation({ year: document.year, title: document.title, series: document.series }),
    bibtex: bibtexOf(document),
    ris: risOf(document),
  };
}

const BIBTEX_TYPE: Readonly<Record<DocumentType, string>> = {
  publication: 'book',
  'case-study': 'techreport',
  'academy-reader': 'book',
  'course-material': 'misc',
  report: 'techreport',
};

const RIS_TYPE: Readonly<Record<DocumentType, string>> = {
  publication: 'BOOK',
  'case-study': 'RPRT',
  'academy-reader': 'BOOK',
  'course-material': 'GEN',
  report: 'RPRT',
};

/** BibTeX special characters escaped; braces kept balanced by escaping them too. */
function bibtexText(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\\{}]/gu, (char) => (char === '\\' ? '\\textbackslash{}' : `\\${char}`))
    .replace(/[&%$#_]/gu, (char) => `\\${char}`)
    .replace(/~/gu, '\\textasciitilde{}')
    .replace(/\^/gu, '\\textasciicircum{}');
}

function bibtexOf(document: CitableDocument): string {
  const fields: [string, string][] = [
    ['title', `{${bibtexText(document.title)}}`],
    // Double braces: an institution, not a person's "Last, First".
    ['author', `{{${bibtexText(DEFAULT_CITATION_AUTHOR)}}}`],
  ];
  if (document.year !== null) fields.push(['year', `{${String(document.year)}}`]);
  if (document.series !== null && document.series.trim() !== '') {
    fields.push(['series', `{${bibtexText(document.series)}}`]);
  }
  fields.push(['language', `{${document.language}}`]);
  const key = `cb-${document.id.replace(/-/gu, '').slice(0, 12)}`;
  return `@${BIBTEX_TYPE[document.type]}{${key},\n${fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n')}\n}`;
}

/** RIS lines hold one value each: line breaks inside a value would start a new tag. */
function risText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function risOf(document: CitableDocument): string {
  const lines = [`TY  - ${RIS_TYPE[document.type]}`, `TI  - ${risText(document.title)}`];
  lines.push(`AU  - ${DEFAULT_CITATION_AUTHOR}`);
  if (document.year !== null) lines.push(`PY  - ${String(document.year)}`);
  if (document.series !== null && document.series.trim() !== '') lines.push(`T3  - ${risText(document.series)}`);
  lines.push(`LA  - ${document.language}`, 'ER  - ');
  return lines.join('\n');
}
