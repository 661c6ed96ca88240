import type { ArchiveLabels, ArchiveText } from './model';

/** Text made safe for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => ENTITIES[char] ?? char);
}
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A text in its own language, isolated from the text around it (an English
 * title inside an Arabic page reads in its own direction).
 */
export function inLanguage(text: ArchiveText, element: 'span' | 'bdi' = 'bdi'): string {
  return `<${element} lang="${text.language}" dir="auto">${escapeHtml(text.text)}</${element}>`;
}

/**
 * Only the archive's own files: no script, style, image or form target from anywhere else,
 * and no inline script. From file:// Chromium counts the page's own folder tree as 'self'.
 */
export const ARCHIVE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

export interface PageFrame {
  readonly uiLanguage: string;
  readonly dir: 'ltr' | 'rtl';
  readonly labels: ArchiveLabels;
  readonly siteTitle: ArchiveText;
  /** Relative path from this page to the archive's root: '' or '../'. */
  readonly root: string;
  readonly title: string;
  readonly current: 'home' | 'documents' | 'search' | null;
  readonly main: string;
  readonly scripts?: readonly string[];
}

/** A complete page: landmarks, a skip link, the archive's navigation and search, then its content. */
export function page(frame: PageFrame): string {
  const { labels, root } = frame;
  const navItem = (key: 'home' | 'documents' | 'search', href: string, text: string): string =>
    `<li><a href="${root}${href}"${frame.current === key ? ' aria-current="page"' : ''}>${escapeHtml(text)}</a></li>`;
  const scripts = (frame.scripts ?? []).map((src) => `<script src="${root}${src}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(frame.uiLanguage)}" dir="${frame.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${ARCHIVE_CSP}">
<title>${escapeHtml(frame.title)}</title>
<link rel="stylesheet" href="${root}assets/archive.css">
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(labels.skip)}</a>
<header class="site-header">
<p class="site-name"><a href="${root}index.html">${inLanguage(frame.siteTitle)}</a></p>
<nav aria-label="${escapeHtml(labels.nav)}">
<ul>
${navItem('home', 'index.html', labels.home)}
${navItem('documents', 'documents.html', labels.documents)}
${navItem('search', 'search.html', labels.search)}
</ul>
</nav>
<form class="site-search" action="${root}search.html" method="get" role="search">
<label for="site-search-q">${escapeHtml(labels.searchLabel)}</label>
<input id="site-search-q" name="q" type="search">
<button type="submit">${escapeHtml(labels.searchButton)}</button>
</form>
</header>
<main id="main" tabindex="-1">
${frame.main}
</main>
<footer class="site-footer">
<p>${escapeHtml(labels.footer)}</p>
</footer>
${scripts}
</body>
</html>
`;
}

/** The words of sanitized HTML, for the search index (tags dropped, the common entities read back). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/gu, (_match, name: string) => TEXT_ENTITIES[name] ?? ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
const TEXT_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
};
