import type { ExportWords } from './export-words';
import { postNotes, threadMeta, type PostForExport, type ThreadHead } from './thread-markdown';

export interface ThreadHtmlOptions {
  exportedAt: string;
  /** The UI language and its direction: the page's own words are in it. */
  uiLanguage: string;
  dir: 'ltr' | 'rtl';
  /**
   * A post's markdown as safe HTML. The caller sanitizes (DOMPurify in the
   * renderer): this module has no DOM, and trusts nothing else it is given.
   */
  html(body: string): string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => ESCAPES[char] ?? char);
}

/**
 * Readable on screen and on paper, light or dark as the reader's system is;
 * logical properties, so a right-to-left page mirrors by itself.
 */
const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5b5b66; --line: #d5d5dc; --bg: #ffffff; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --muted: #a9a9b6; --line: #3a3a44; --bg: #17171c; --accent: #7ab8ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans KR", sans-serif; }
main { max-inline-size: 70ch; margin-inline: auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin-block: 0 0.5rem; }
.meta, .note, footer { color: var(--muted); font-size: 0.9rem; }
.tags { display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; list-style: none; }
.tags li { border: 1px solid var(--line); border-radius: 999px; padding: 0 0.6rem; font-size: 0.85rem; }
article.post { border-block-start: 1px solid var(--line); padding-block: 1rem; }
article.post h2 { font-size: 1rem; margin: 0; }
article.post .note { margin: 0.2rem 0 0; }
.body { overflow-wrap: anywhere; }
.body blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 3px solid var(--line); color: var(--muted); }
.body pre { overflow-x: auto; padding: 0.75rem; border: 1px solid var(--line); border-radius: 4px; }
.body code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
.body table { border-collapse: collapse; }
.body th, .body td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; }
a { color: var(--accent); }
@media print { main { max-inline-size: none; } a { color: inherit; } }
`;

/**
 * A thread as one self-contained HTML page: inline CSS, no script, nothing
 * fetched from anywhere (its own CSP says so), each post an article with its
 * author, date, language and `dir="auto"`, for screen readers and print alike.
 */
export function threadHtml(
  head: ThreadHead,
  posts: readonly PostForExport[],
  words: ExportWords,
  options: ThreadHtmlOptions,
): string {
  const title = escapeHtml(head.title);
  const articles = posts.map((post, index) => {
    const headingId = `post-${String(index + 1)}`;
    const notes = postNotes(post, words)
      .map((note) => `<p class="note">${escapeHtml(note)}</p>`)
      .join('');
    return [
      `<article class="post" aria-labelledby="${headingId}">`,
      `<header><h2 id="${headingId}"><bdi>${escapeHtml(post.author)}</bdi> · <time datetime="${escapeHtml(post.createdAt)}">${escapeHtml(words.date(post.createdAt))}</time></h2>`,
      `${notes}</header>`,
      `<div class="body" lang="${escapeHtml(post.language)}" dir="auto">${options.html(post.body)}</div>`,
      '</article>',
    ].join('\n');
  });
  const tags =
    head.tags.length === 0
      ? ''
      : `<ul class="tags">${head.tags.map((tag) => `<li dir="auto">${escapeHtml(tag)}</li>`).join('')}</ul>`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.uiLanguage)}" dir="${options.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Collective Brain">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1 lang="${escapeHtml(head.language)}" dir="auto">${title}</h1>
<p class="meta">${escapeHtml(threadMeta(head, posts.length, words))}</p>
${tags}
</header>
${articles.join('\n')}
<footer><p>${escapeHtml(words.t('file.exportedFrom', { date: words.date(options.exportedAt) }))}</p></footer>
</main>
</body>
</html>
`;
}
