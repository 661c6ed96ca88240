import { runInNewContext } from 'node:vm';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../../src/shared/venue/archive/build';
import type { ArchiveLabels, ArchiveModel } from '../../../src/shared/venue/archive/model';

const labels: ArchiveLabels = {
  siteName: 'Collective Brain archive',
  skip: 'Skip to content',
  nav: 'Archive',
  home: 'Edition',
  sessions: 'Sessions',
  documents: 'Documents',
  threads: 'Discussions',
  search: 'Search',
  searchLabel: 'Search this archive',
  searchButton: 'Search',
  searchNeedsScript: 'Search needs JavaScript.',
  searchPrompt: 'Type words.',
  results: { one: '{{count}} page matches “{{query}}”.', other: '{{count}} pages match “{{query}}”.' },
  noResults: 'Nothing matches “{{query}}”.',
  materials: 'Materials',
  noMaterials: 'No materials.',
  noSessions: 'No sessions.',
  noDocuments: 'No documents.',
  noThreads: 'No discussion.',
  note: 'Note',
  link: 'Link',
  document: 'Document',
  opensOnline: '(on the internet)',
  cite: 'Cite',
  citeText: 'Citation',
  bibtex: 'BibTeX',
  ris: 'RIS',
  posts: 'Posts',
  translations: 'Translations',
  footer: 'Archived on 7 December 2026.',
  kinds: { session: 'Session', document: 'Document', thread: 'Discussion' },
};

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';
const DOC = '5c1f0e52-0000-4000-8000-000000000001';

function model(): ArchiveModel {
  return {
    uiLanguage: 'en',
    dir: 'ltr',
    labels,
    edition: {
      title: { text: 'Johannesburg 2019', language: 'en' },
      description: { text: HOSTILE, language: 'en' },
      theme: { text: 'الاقتصاد الاجتماعي والتضامني', language: 'ar' },
      facts: 'Johannesburg, South Africa · 2019',
    },
    sessions: [
      {
        id: 'a6f6b1b2-0000-4000-8000-000000000010',
        title: { text: `Opening ${HOSTILE}`, language: 'en' },
        when: '14 October 2019, 09:00',
        materials: [
          { kind: 'document', title: null, documentId: DOC },
          { kind: 'link', title: { text: 'ILO page', language: 'en' }, url: 'https://www.ilo.org/"onmouseover="x' },
          { kind: 'note', title: null, html: '<p>Bring the <strong>cooperative</strong> charter.</p>', language: 'en' },
        ],
      },
      {
        id: 'a6f6b1b2-0000-4000-8000-000000000011',
        title: { text: '협동조합', language: 'ko' },
        when: null,
        materials: [],
      },
    ],
    documents: [
      {
        id: DOC,
        title: { text: 'Financing SSE', language: 'en' },
        summary: { text: 'How solidarity finance works.', language: 'en' },
        facts: 'Publication · 2019',
        files: [
          {
            sha256: 'a'.repeat(64),
            size: 1200,
            mime: 'application/pdf',
            language: 'en',
            path: 'files/financing-sse-en.pdf',
            label: 'English, PDF, 1.2 kB',
          },
        ],
        // As the export's citation-js formatters write them (tests/unit/export/citations.test.ts tests those).
        citation: {
          text: 'International Labour Organization. (2019). Financing {SSE} & 100% solidarity <b>.',
          bibtex: '@report{International2019Financing,\n  title = {Financing \\{SSE\\} \\& 100\\% solidarity},\n}',
          ris: 'TY  - RPRT\nTI  - Financing {SSE} & 100% solidarity <b>\nER  - ',
        },
      },
    ],
    threads: [
      {
        id: '0b9e7a00-0000-4000-8000-000000000020',
        title: { text: 'Meeting in Johannesburg', language: 'en' },
        byline: 'Started by Amina on 1 October 2019 · 2 posts',
        posts: [
          {
            id: '0b9e7a00-0000-4000-8000-000000000021',
            author: 'Amina <b>',
            when: '1 October 2019',
            isoDate: '2019-10-01T10:00:00.000Z',
            language: 'en',
            html: '<p>Who brings the <em>microfinance</em> reader?</p>',
            translations: [
              { language: 'fr', byline: 'Translation into French by Léa', html: '<p>Qui apporte le recueil ?</p>' },
            ],
          },
        ],
      },
    ],
  };
}

describe('the alumni archive', () => {
  const built = buildArchive(model());
  const html = built.pages.filter((page) => page.path.endsWith('.html'));

  it('writes an index, a page per session and thread, the documents and the search, all valid HTML', async () => {
    expect(built.pages.map((page) => page.path).sort()).toEqual([
      'assets/archive.css',
      'assets/search-index.js',
      'assets/search.js',
      'documents.html',
      'index.html',
      'search.html',
      'sessions/01.html',
      'sessions/02.html',
      'threads/0b9e7a00-0000-4000-8000-000000000020.html',
    ]);
    expect(built.files.map((file) => file.path)).toEqual(['files/financing-sse-en.pdf']);
    // Long titles are SEO advice, not validity: an edition's own title may be long.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
    for (const page of html) {
      const report = await validator.validateString(page.text, page.path);
      const messages = report.results.flatMap((result) =>
        result.messages.map((message) => `${page.path}:${String(message.line)} ${message.ruleId}: ${message.message}`),
      );
      expect(messages).toEqual([]);
    }
  });

  it('carries no script from the network, only its own files, under a CSP with no inline script', () => {
    for (const page of html) {
      expect(page.text).toContain(
        `http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'`,
      );
      const scripts = [...page.text.matchAll(/<script\b[^>]*>/gu)].map((match) => match[0]);
      for (const script of scripts) expect(script).toMatch(/^<script src="(\.\.\/)?assets\/search(-index)?\.js">$/u);
      expect(page.text).not.toMatch(/<script>|<link[^>]+href="https?:|src="https?:/u);
    }
    const search = html.find((page) => page.path === 'search.html')?.text ?? '';
    expect(search).toContain('<script src="assets/search-index.js"></script>');
    expect(search).toContain('<script src="assets/search.js"></script>');
  });

  it('escapes every text it was given; only the sanitized HTML fields are written as markup', () => {
    const index = html.find((page) => page.path === 'index.html')?.text ?? '';
    expect(index).not.toContain('<script>alert');
    expect(index).not.toContain('<img');
    expect(index).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;',
    );
    const session = html.find((page) => page.path === 'sessions/01.html')?.text ?? '';
    expect(session).toContain('href="https://www.ilo.org/&quot;onmouseover=&quot;x"');
    expect(session).toContain('<p>Bring the <strong>cooperative</strong> charter.</p>');
    const thread = html.find((page) => page.path.startsWith('threads/'))?.text ?? '';
    expect(thread).toContain('<bdi>Amina &lt;b&gt;</bdi>');
    // Text in another script than the page's is isolated and carries its language.
    expect(index).toContain('<span lang="ar" dir="auto">الاقتصاد الاجتماعي والتضامني</span>');
  });

  it('prebuilds a search index as a script that assigns a global (no fetch, works from file://)', () => {
    const indexScript = built.pages.find((page) => page.path === 'assets/search-index.js')?.text ?? '';
    const sandbox: { window: { CB_ARCHIVE_INDEX?: { pages: { u: string; t: string; x: string; k: string }[] } } } = {
      window: {},
    };
    runInNewContext(indexScript, sandbox);
    const pages = sandbox.window.CB_ARCHIVE_INDEX?.pages ?? [];
    expect(pages.map((page) => [page.k, page.u])).toEqual([
      ['session', 'sessions/01.html'],
      ['session', 'sessions/02.html'],
      ['thread', 'threads/0b9e7a00-0000-4000-8000-000000000020.html'],
      ['document', `documents.html#doc-${DOC}`],
    ]);
    // Words of the posts and their translations, without their markup.
    expect(pages[2]?.x).toBe('Who brings the microfinance reader? Qui apporte le recueil ?');
    expect(pages[0]?.x).toContain('Bring the cooperative charter.');
    for (const page of built.pages.filter((p) => p.path.endsWith('.js')))
      expect(page.text).not.toMatch(/fetch\(|XMLHttpRequest|innerHTML/u);
  });

  it("shows each document's citation as text, BibTeX and RIS, escaped as text", () => {
    const documents = html.find((page) => page.path === 'documents.html')?.text ?? '';
    expect(documents).toContain(
      'International Labour Organization. (2019). Financing {SSE} &amp; 100% solidarity &lt;b&gt;.',
    );
    expect(documents).toContain('title = {Financing \\{SSE\\} \\&amp; 100\\% solidarity}');
    expect(documents).toContain('TY  - RPRT\nTI  - Financing {SSE} &amp; 100% solidarity &lt;b&gt;\nER  - ');
    expect(documents).not.toContain('<b>');
  });
});
