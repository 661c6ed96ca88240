/**
 * The archive's two static assets. The search runs from file:// where
 * browsers refuse fetch() of local files, so the index is a script that
 * assigns it to a global (assets/search-index.js) and this script reads it;
 * both are loaded by <script src> from the archive's own folder. Results are
 * built with DOM calls and textContent, never innerHTML.
 */
export const SEARCH_SCRIPT = `(function () {
  'use strict';
  var data = window.CB_ARCHIVE_INDEX;
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var input = document.getElementById('site-search-q');
  if (!data || !results || !status) return;
  document.documentElement.classList.add('has-search');
  function fold(text) {
    return text.normalize('NFKD').replace(/\\p{M}/gu, '').toLowerCase();
  }
  var pages = data.pages.map(function (page) {
    return { page: page, title: fold(page.t), text: fold(page.x) };
  });
  function count(haystack, needle) {
    var n = 0;
    for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n += 1;
    return n;
  }
  function snippet(page, word) {
    var folded = fold(page.x);
    var at = folded.indexOf(word);
    if (at === -1) return page.x.slice(0, 200);
    // Folding keeps most texts the same length; where it does not, the snippet is only approximate.
    var start = Math.max(0, at - 80);
    return (start > 0 ? '\\u2026' : '') + page.x.slice(start, start + 220) + '\\u2026';
  }
  function message(n, query) {
    var rules = new Intl.PluralRules(data.locale);
    var template = data.labels.results[rules.select(n)] || data.labels.results.other || '';
    return template.split('{{count}}').join(new Intl.NumberFormat(data.locale).format(n)).split('{{query}}').join(query);
  }
  function run(query) {
    while (results.firstChild) results.removeChild(results.firstChild);
    var words = fold(query).split(/\\s+/u).filter(function (word) { return word !== ''; });
    if (words.length === 0) {
      status.textContent = data.labels.prompt;
      return;
    }
    var hits = [];
    pages.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < words.length; i += 1) {
        var inTitle = count(entry.title, words[i]);
        var inText = count(entry.text, words[i]);
        if (inTitle + inText === 0) return;
        score += inTitle * 5 + inText;
      }
      hits.push({ entry: entry, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    status.textContent = hits.length === 0 ? data.labels.none.split('{{query}}').join(query) : message(hits.length, query);
    hits.slice(0, 100).forEach(function (hit) {
      var page = hit.entry.page;
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = page.u;
      link.textContent = page.t;
      link.lang = page.l;
      link.dir = 'auto';
      var kind = document.createElement('span');
      kind.className = 'result-kind';
      kind.textContent = data.labels.kinds[page.k] || '';
      var text = document.createElement('p');
      text.textContent = snippet(page, words[0]);
      text.lang = page.l;
      text.dir = 'auto';
      item.appendChild(link);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(kind);
      item.appendChild(text);
      results.appendChild(item);
    });
  }
  var query = new URLSearchParams(window.location.search).get('q') || '';
  if (input) input.value = query;
  run(query);
})();
`;

export const ARCHIVE_CSS = `:root {
  color-scheme: light dark;
  --text: #1b1f24;
  --muted: #4f5863;
  --background: #ffffff;
  --surface: #f3f5f7;
  --border: #c9d0d7;
  --link: #0b5cad;
  --focus: #b35c00;
  font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif;
  line-height: 1.6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e9ed;
    --muted: #aab3bd;
    --background: #15181c;
    --surface: #1f242a;
    --border: #3a424c;
    --link: #8cc4ff;
    --focus: #ffb25c;
  }
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: var(--background); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, main:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
.skip-link { position: absolute; inset-inline-start: 0.5rem; top: -3rem; padding: 0.5rem 1rem; background: var(--background); }
.skip-link:focus { top: 0.5rem; }
.site-header {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.75rem 1.5rem; border-block-end: 1px solid var(--border); background: var(--surface);
}
.site-name { margin: 0; font-weight: 700; }
.site-header nav ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.site-header a[aria-current='page'] { font-weight: 700; }
.site-search { display: flex; align-items: center; gap: 0.5rem; margin-inline-start: auto; }
.site-search label { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
input, button { font: inherit; }
input[type='search'] { padding: 0.25rem 0.5rem; border: 1px solid var(--border); border-radius: 4px; color: var(--text); background: var(--background); }
button { padding: 0.25rem 0.75rem; border: 1px solid var(--border); border-radius: 4px; color: var(--text); background: var(--surface); cursor: pointer; }
main { max-inline-size: 72ch; margin: 0 auto; padding: 1.5rem; }
.site-footer { max-inline-size: 72ch; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); }
.site-footer p { font-size: 0.9rem; }
.facts, .byline, .result-kind { color: var(--muted); }
.lead { font-size: 1.1rem; }
ul.items { padding-inline-start: 1.25rem; }
ul.items > li { margin-block: 0.5rem; }
.material, .document, .post { margin-block: 1rem; padding-block-end: 1rem; border-block-end: 1px solid var(--border); }
.kind { display: inline-block; margin-inline-end: 0.5rem; color: var(--muted); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; }
.translation { margin-block-start: 0.75rem; padding-inline-start: 1rem; border-inline-start: 3px solid var(--border); }
pre { overflow-x: auto; padding: 0.75rem; background: var(--surface); }
blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 3px solid var(--border); color: var(--muted); }
details pre { white-space: pre-wrap; }
#search-results { padding-inline-start: 1.25rem; }
#search-results p { margin-block: 0.25rem 1rem; }
.no-script-note { color: var(--muted); }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.has-search .no-script-note { display: none; }
`;
