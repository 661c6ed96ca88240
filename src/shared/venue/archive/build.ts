import { ARCHIVE_CSS, SEARCH_SCRIPT } from './assets';
import { escapeHtml, inLanguage, page, textOf, type PageFrame } from './html';
import type {
  ArchiveDocument,
  ArchiveFile,
  ArchiveMaterial,
  ArchiveModel,
  ArchiveSession,
  ArchiveThread,
} from './model';

/** One text file of the archive, by its path from the archive's root. */
export interface ArchivePage {
  readonly path: string;
  readonly text: string;
}

export interface BuiltArchive {
  readonly pages: readonly ArchivePage[];
  /** Document files to copy from this computer's store. */
  readonly files: readonly ArchiveFile[];
}

interface IndexEntry {
  /** Path from the archive root. */
  readonly u: string;
  readonly t: string;
  readonly l: string;
  readonly k: 'session' | 'document' | 'thread';
  readonly x: string;
}

/** Searched text per page is bounded: a long thread is still found by its first words and its title. */
const INDEX_TEXT_CHARS = 20_000;

export function sessionPath(index: number): string {
  return `sessions/${String(index + 1).padStart(2, '0')}.html`;
}
export function threadPath(thread: { id: string }): string {
  return `threads/${thread.id}.html`;
}

/**
 * The alumni archive as files: `index.html` (the edition, its sessions, the
 * linked threads), one page per session and per thread, `documents.html`
 * (every document with its files and citations), `search.html` and its
 * prebuilt index, a stylesheet. Pure: the caller writes the files.
 */
export function buildArchive(model: ArchiveModel): BuiltArchive {
  const documents = new Map(model.documents.map((document) => [document.id, document]));
  const frame = (root: string, title: string, current: PageFrame['current'], main: string): string =>
    page({
      uiLanguage: model.uiLanguage,
      dir: model.dir,
      labels: model.labels,
      siteTitle: model.edition.title,
      root,
      title: `${title} · ${model.edition.title.text}`,
      current,
      main,
    });
  const index: IndexEntry[] = [];
  const pages: ArchivePage[] = [];

  pages.push({ path: 'index.html', text: frame('', model.edition.title.text, 'home', homeMain(model)) });

  model.sessions.forEach((session, position) => {
    const path = sessionPath(position);
    pages.push({ path, text: frame('../', session.title.text, null, sessionMain(model, session, documents)) });
    const words = session.materials.map((material) => materialWords(material, documents)).join(' ');
    index.push({ u: path, t: session.title.text, l: session.title.language, k: 'session', x: bounded(words) });
  });

  for (const thread of model.threads) {
    const path = threadPath(thread);
    pages.push({ path, text: frame('../', thread.title.text, null, threadMain(model, thread)) });
    const words = thread.posts
      .map((post) => [textOf(post.html), ...post.translations.map((t) => textOf(t.html))].join(' '))
      .join(' ');
    index.push({ u: path, t: thread.title.text, l: thread.title.language, k: 'thread', x: bounded(words) });
  }

  pages.push({
    path: 'documents.html',
    text: frame('', model.labels.documents, 'documents', documentsMain(model)),
  });
  for (const document of model.documents) {
    index.push({
      u: `documents.html#${documentAnchor(document)}`,
      t: document.title.text,
      l: document.title.language,
      k: 'document',
      x: bounded([document.summary?.text ?? '', document.facts].join(' ')),
    });
  }

  pages.push({
    path: 'search.html',
    text: page({
      uiLanguage: model.uiLanguage,
      dir: model.dir,
      labels: model.labels,
      siteTitle: model.edition.title,
      root: '',
      title: `${model.labels.search} · ${model.edition.title.text}`,
      current: 'search',
      main: searchMain(model),
      scripts: ['assets/search-index.js', 'assets/search.js'],
    }),
  });
  const indexData = {
    locale: model.uiLanguage,
    labels: {
      results: model.labels.results,
      none: model.labels.noResults,
      prompt: model.labels.searchPrompt,
      kinds: model.labels.kinds,
    },
    pages: index,
  };
  pages.push({ path: 'assets/search-index.js', text: `window.CB_ARCHIVE_INDEX = ${JSON.stringify(indexData)};\n` });
  pages.push({ path: 'assets/search.js', text: SEARCH_SCRIPT });
  pages.push({ path: 'assets/archive.css', text: ARCHIVE_CSS });

  const files = new Map<string, ArchiveFile>();
  for (const document of model.documents) for (const file of document.files) files.set(file.path, file);
  return { pages, files: [...files.values()] };
}

function bounded(text: string): string {
  return text.length > INDEX_TEXT_CHARS ? text.slice(0, INDEX_TEXT_CHARS) : text;
}

function documentAnchor(document: { id: string }): string {
  return `doc-${document.id}`;
}

function homeMain(model: ArchiveModel): string {
  const { labels, edition } = model;
  const sessions =
    model.sessions.length === 0
      ? `<p>${escapeHtml(labels.noSessions)}</p>`
      : `<ol class="items">\n${model.sessions
          .map(
            (session, position) =>
              `<li><a href="${sessionPath(position)}">${inLanguage(session.title)}</a>${
                session.when === null ? '' : ` <span class="facts">${escapeHtml(session.when)}</span>`
              }</li>`,
          )
          .join('\n')}\n</ol>`;
  const threads =
    model.threads.length === 0
      ? `<p>${escapeHtml(labels.noThreads)}</p>`
      : `<ul class="items">\n${model.threads
          .map(
            (thread) =>
              `<li><a href="${threadPath(thread)}">${inLanguage(thread.title)}</a> <span class="byline">${escapeHtml(
                thread.byline,
              )}</span></li>`,
          )
          .join('\n')}\n</ul>`;
  return `<h1>${inLanguage(edition.title)}</h1>
<p class="facts">${escapeHtml(edition.facts)}</p>
${edition.theme === null ? '' : `<p class="lead">${inLanguage(edition.theme, 'span')}</p>`}
${edition.description === null ? '' : `<p>${inLanguage(edition.description, 'span')}</p>`}
<section aria-labelledby="sessions-heading">
<h2 id="sessions-heading">${escapeHtml(labels.sessions)}</h2>
${sessions}
</section>
<section aria-labelledby="threads-heading">
<h2 id="threads-heading">${escapeHtml(labels.threads)}</h2>
${threads}
</section>
<p><a href="documents.html">${escapeHtml(labels.documents)}</a></p>`;
}

function materialTitle(material: ArchiveMaterial, fallback: string): string {
  return material.title === null ? escapeHtml(fallback) : inLanguage(material.title);
}

function fileLinks(files: readonly ArchiveFile[], root: string): string {
  return files
    .map((file) => `<li><a href="${root}${file.path}" hreflang="${file.language}">${escapeHtml(file.label)}</a></li>`)
    .join('\n');
}

function sessionMain(model: ArchiveModel, session: ArchiveSession, documents: Map<string, ArchiveDocument>): string {
  const { labels } = model;
  const items = session.materials.map((material) => {
    switch (material.kind) {
      case 'document': {
        const document = documents.get(material.documentId);
        if (document === undefined) return '';
        const title = material.title ?? document.title;
        return `<li class="material"><span class="kind">${escapeHtml(labels.document)}</span> <a href="../documents.html#${documentAnchor(
          document,
        )}">${inLanguage(title)}</a>
<ul>
${fileLinks(document.files, '../')}
</ul>
<p class="citation">${escapeHtml(document.citation.text)}</p></li>`;
      }
      case 'link':
        return `<li class="material"><span class="kind">${escapeHtml(labels.link)}</span> <a href="${escapeHtml(
          material.url,
        )}" rel="noopener noreferrer">${materialTitle(material, material.url)}</a> <span class="facts">${escapeHtml(
          labels.opensOnline,
        )}</span></li>`;
      case 'note':
        return `<li class="material"><span class="kind">${escapeHtml(labels.note)}</span>${
          material.title === null ? '' : ` <strong>${inLanguage(material.title)}</strong>`
        }
<div class="markdown" lang="${escapeHtml(material.language)}" dir="auto">${material.html}</div></li>`;
    }
  });
  const body =
    items.length === 0
      ? `<p>${escapeHtml(labels.noMaterials)}</p>`
      : `<ul class="items">\n${items.filter((item) => item !== '').join('\n')}\n</ul>`;
  return `<h1>${inLanguage(session.title)}</h1>
${session.when === null ? '' : `<p class="facts">${escapeHtml(session.when)}</p>`}
<h2>${escapeHtml(labels.materials)}</h2>
${body}`;
}

function threadMain(model: ArchiveModel, thread: ArchiveThread): string {
  const posts = thread.posts
    .map(
      (post) => `<article class="post" id="post-${post.id}" aria-labelledby="post-${post.id}-by">
<p class="byline" id="post-${post.id}-by"><bdi>${escapeHtml(post.author)}</bdi> · <time datetime="${escapeHtml(
        post.isoDate,
      )}">${escapeHtml(post.when)}</time></p>
<div class="markdown" lang="${post.language}" dir="auto">${post.html}</div>
${post.translations
  .map(
    (translation) => `<div class="translation" lang="${translation.language}">
<p class="byline" lang="${escapeHtml(model.uiLanguage)}">${escapeHtml(translation.byline)}</p>
<div class="markdown" dir="auto">${translation.html}</div>
</div>`,
  )
  .join('\n')}
</article>`,
    )
    .join('\n');
  return `<h1>${inLanguage(thread.title)}</h1>
<p class="byline">${escapeHtml(thread.byline)}</p>
<h2 class="visually-hidden">${escapeHtml(model.labels.posts)}</h2>
${posts}`;
}

function documentsMain(model: ArchiveModel): string {
  const { labels } = model;
  if (model.documents.length === 0) {
    return `<h1>${escapeHtml(labels.documents)}</h1>\n<p>${escapeHtml(labels.noDocuments)}</p>`;
  }
  const items = model.documents.map(
    (document) => `<section class="document" id="${documentAnchor(document)}" aria-labelledby="${documentAnchor(
      document,
    )}-title">
<h2 id="${documentAnchor(document)}-title">${inLanguage(document.title)}</h2>
<p class="facts">${escapeHtml(document.facts)}</p>
${document.summary === null ? '' : `<p>${inLanguage(document.summary, 'span')}</p>`}
<ul>
${fileLinks(document.files, '')}
</ul>
<h3>${escapeHtml(labels.cite)}</h3>
<p class="citation">${escapeHtml(document.citation.text)}</p>
<details>
<summary>${escapeHtml(labels.bibtex)}</summary>
<pre>${escapeHtml(document.citation.bibtex)}</pre>
</details>
<details>
<summary>${escapeHtml(labels.ris)}</summary>
<pre>${escapeHtml(document.citation.ris)}</pre>
</details>
</section>`,
  );
  return `<h1>${escapeHtml(labels.documents)}</h1>\n${items.join('\n')}`;
}

function searchMain(model: ArchiveModel): string {
  const { labels } = model;
  return `<h1>${escapeHtml(labels.search)}</h1>
<p class="no-script-note">${escapeHtml(labels.searchNeedsScript)}</p>
<p id="search-status" role="status"></p>
<ol id="search-results"></ol>`;
}

function materialWords(material: ArchiveMaterial, documents: Map<string, ArchiveDocument>): string {
  const title = material.title?.text ?? '';
  switch (material.kind) {
    case 'document': {
      const document = documents.get(material.documentId);
      return [title, document?.title.text ?? '', document?.summary?.text ?? ''].join(' ');
    }
    case 'link':
      return `${title} ${material.url}`;
    case 'note':
      return `${title} ${textOf(material.html)}`;
  }
}
