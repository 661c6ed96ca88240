/**
 * Citations as a reference manager and a reader see them: APA and Chicago strings from the real CSL
 * styles (several languages' titles, a corporate author, no year, the reader's CSL locale), and BibTeX
 * and RIS that a parser reads back field by field (citation-js's own, as Zotero-like tools read them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatCitations,
  registerCslResources,
  toCsl,
  type CitableDocument,
  type CitableLink,
} from '../../../src/shared/export/citations';

const csl = (name: string): string => readFileSync(join(process.cwd(), 'resources/csl', name), 'utf8');

beforeAll(() => {
  registerCslResources({
    chicago: csl('chicago-author-date.csl'),
    locales: { ar: csl('locales-ar.xml'), 'ko-KR': csl('locales-ko-KR.xml'), 'pt-BR': csl('locales-pt-BR.xml') },
  });
});

const FUTURE_OF_WORK: CitableDocument = {
  kind: 'document',
  id: '3f0c9a52-1d1e-4c1e-8f5a-000000000001',
  type: 'report',
  title: {
    en: 'Social and solidarity economy and the future of work',
    es: 'Economía social y solidaria y el futuro del trabajo',
    fr: "Économie sociale et solidaire et l'avenir du travail",
  },
  year: 2017,
  series: 'ILO Future of Work Research Paper Series',
  topics: ['future of work', 'cooperatives'],
};

const NO_YEAR_CORPORATE: CitableDocument = {
  kind: 'document',
  id: '3f0c9a52-1d1e-4c1e-8f5a-000000000002',
  type: 'case-study',
  title: { ar: 'الاقتصاد الاجتماعي والتضامني في المغرب', ko: '한국의 사회연대경제' },
  year: null,
  series: null,
  topics: [],
  author: 'Réseau intercontinental de promotion de l’économie sociale solidaire (RIPESS)',
};

const LINK: CitableLink = {
  kind: 'link',
  id: '3f0c9a52-1d1e-4c1e-8f5a-000000000003',
  title: { fr: 'Le portail de l’Académie', en: 'The Academy portal' },
  url: 'https://www.itcilo.org/sse_academy',
};

describe('APA and Chicago', () => {
  it('cite the title in the reader’s first language that has one, with the corporate author whole', () => {
    const spanish = formatCitations([toCsl(FUTURE_OF_WORK, ['es', 'en'])], 'apa', 'en');
    expect(spanish).toBe(
      'International Labour Organization. (2017). Economía social y solidaria y el futuro del trabajo (ILO Future of Work Research Paper Series).',
    );
    const english = formatCitations([toCsl(FUTURE_OF_WORK, ['ko', 'en'])], 'chicago', 'en');
    expect(english).toBe(
      'International Labour Organization. 2017. Social and Solidarity Economy and the Future of Work. ILO Future of Work Research Paper Series.',
    );
  });

  it('say there is no date in the reader’s language, and never split an institution into given and family names', () => {
    const item = toCsl(NO_YEAR_CORPORATE, ['ko']);
    expect(item.language).toBe('ko');
    expect(formatCitations([item], 'apa', 'en')).toBe(
      'Réseau intercontinental de promotion de l’économie sociale solidaire (RIPESS). (n.d.). 한국의 사회연대경제.',
    );
    // French puts a no-break space inside "s. d.".
    expect(formatCitations([item], 'apa', 'fr')).toMatch(/\(s\.\sd\.\)/u);
    expect(formatCitations([item], 'chicago', 'ko')).toBe(
      'Réseau intercontinental de promotion de l’économie sociale solidaire (RIPESS). 일자 없음. 한국의 사회연대경제.',
    );
    // An Arabic title when the reader reads Arabic, with Arabic CSL terms.
    const arabic = formatCitations([toCsl(NO_YEAR_CORPORATE, ['ar'])], 'apa', 'ar');
    expect(arabic).toContain('الاقتصاد الاجتماعي والتضامني في المغرب');
    expect(arabic).toContain('(د.ت)');
  });

  it('cite a whole collection as one bibliography, sorted by the style', () => {
    const items = [FUTURE_OF_WORK, NO_YEAR_CORPORATE, LINK].map((item) => toCsl(item, ['en']));
    const lines = formatCitations(items, 'apa', 'en').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^International Labour Organization\. \(2017\)/u);
    expect(lines.some((line) => line.includes('https://www.itcilo.org/sse_academy'))).toBe(true);
  });

  it('give nothing for nothing', () => {
    expect(formatCitations([], 'apa', 'en')).toBe('');
  });
});

describe('BibTeX', () => {
  const parse = (text: string): Record<string, unknown>[] => new Cite(text).data;

  it('reads back with the same fields: title, institution as one name, year, series', () => {
    const bibtex = formatCitations([toCsl(FUTURE_OF_WORK, ['es'])], 'bibtex', 'en');
    expect(bibtex).toMatch(/^@techreport\{International2017Economia,/u);
    const [entry] = parse(bibtex);
    expect(entry).toMatchObject({
      type: 'report',
      title: 'Economía social y solidaria y el futuro del trabajo',
      author: [{ family: 'International Labour Organization' }],
      issued: { 'date-parts': [[2017]] },
      'collection-title': 'ILO Future of Work Research Paper Series',
      'citation-key': 'International2017Economia',
    });
  });

  it('keeps every script and LaTeX’s special characters as text', () => {
    const tricky: CitableDocument = {
      ...FUTURE_OF_WORK,
      id: '3f0c9a52-1d1e-4c1e-8f5a-000000000004',
      title: { en: 'Savings & loans: 100% {member}_owned #coops $5 ~ ^' },
    };
    const items = [toCsl(tricky, ['en']), toCsl(NO_YEAR_CORPORATE, ['ar']), toCsl(NO_YEAR_CORPORATE, ['ko'])];
    const entries = parse(formatCitations(items, 'bibtex', 'en'));
    expect(entries.map((entry) => entry['title'])).toEqual([
      'Savings & loans: 100% {member}_owned #coops $5 ~ ^',
      'الاقتصاد الاجتماعي والتضامني في المغرب',
      '한국의 사회연대경제',
    ]);
    // Two entries for one document still get two keys.
    const keys = entries.map((entry) => entry['citation-key']);
    expect(new Set(keys).size).toBe(3);
    expect(entries[1]).not.toHaveProperty('issued');
  });
});

describe('RIS', () => {
  const parse = (text: string): Record<string, unknown>[] => new Cite(text, { forceType: '@ris/file' }).data;

  it('reads back with type, title, author, year, language, keywords and link', () => {
    const items = [toCsl(FUTURE_OF_WORK, ['fr']), toCsl(LINK, ['fr'])];
    const ris = formatCitations(items, 'ris', 'en');
    expect(ris.split('\n').filter((line) => line.startsWith('TY  - '))).toEqual(['TY  - RPRT', 'TY  - ELEC']);
    const [report, link] = parse(ris);
    expect(report).toMatchObject({
      type: 'report',
      title: "Économie sociale et solidaire et l'avenir du travail",
      author: [{ literal: 'International Labour Organization' }],
      issued: { 'date-parts': [[2017]] },
      language: 'fr',
      'collection-title': 'ILO Future of Work Research Paper Series',
    });
    expect(String(report?.['keyword'])).toContain('cooperatives');
    expect(link).toMatchObject({ title: 'Le portail de l’Académie', URL: 'https://www.itcilo.org/sse_academy' });
  });

  it('falls back to the URL as a link’s title when it has none', () => {
    const untitled = toCsl({ ...LINK, title: null }, ['en']);
    expect(untitled.title).toBe(LINK.url);
    expect(formatCitations([untitled], 'ris', 'en')).toContain(`TI  - ${LINK.url}`);
  });
});
