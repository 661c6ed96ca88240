/**
 * "My data" as a zip: a Markdown file per thread I posted in (my posts in
 * order), per draft, per translation and per session, a README, and the whole
 * as one JSON file with its schema. Pure: the renderer gathers, this writes.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  EXPORT_FORMAT,
  EXPORT_JSON_NAME,
  EXPORT_SCHEMA_NAME,
  EXPORT_VERSION,
  exportJsonSchema,
  type ExportDraft,
  type ExportSession,
  type ExportTranslation,
  type MyData,
  type MyDataExport,
} from './export-format';
import { markdownText, oneLine, type ExportWords } from './export-words';
import { PathAllocator, dayOf, fileNameOf } from './file-names';
import { threadMarkdown, type PostForExport } from './thread-markdown';

export const FOLDERS = {
  threads: 'threads',
  drafts: 'drafts',
  translations: 'translations',
  sessions: 'sessions',
} as const;

/** Every file of the archive, path → text, in a stable order. */
export function myDataFiles(data: MyData, words: ExportWords): Map<string, string> {
  const files = new Map<string, string>();
  const paths = new PathAllocator();
  const untitled = words.t('file.untitled');

  const postsByThread = new Map<string, MyData['posts']>();
  for (const post of data.posts) {
    const list = postsByThread.get(post.threadId) ?? [];
    list.push(post);
    postsByThread.set(post.threadId, list);
  }
  let threadFiles = 0;
  for (const thread of data.threads) {
    const posts = [...(postsByThread.get(thread.id) ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (posts.length === 0) continue;
    const path = paths.take(
      FOLDERS.threads,
      `${dayOf(posts[0]?.createdAt ?? thread.createdAt)} ${fileNameOf(thread.title, untitled)}`,
      'md',
    );
    const shown = posts.map((post): PostForExport => ({
      id: post.id,
      body: post.body,
      language: post.language,
      author: data.user.displayName,
      replyToAuthor: post.replyToAuthor,
      createdAt: post.createdAt,
      editedAt: post.editedAt,
      hidden: post.hidden,
      state: post.state,
    }));
    files.set(path, threadMarkdown(thread, shown, words, { exportedAt: data.exportedAt, onlyMine: true }));
    threadFiles += 1;
  }
  for (const draft of data.drafts) {
    const first = draft.kind === 'news' ? (draft.fields['languages'] ?? '').split(',')[0] : undefined;
    const title =
      first !== undefined
        ? (draft.fields[`title.${first}`] ?? '')
        : (draft.fields['title'] ?? draft.fields['body'] ?? '');
    const path = paths.take(
      FOLDERS.drafts,
      `${dayOf(draft.updatedAt)} ${words.t(`file.draftKind.${draft.kind}`)} ${fileNameOf(title, untitled, 50)}`,
      'md',
    );
    files.set(path, draftMarkdown(draft, words));
  }
  for (const translation of data.translations) {
    const original = translation.original.title ?? translation.title ?? '';
    const path = paths.take(
      FOLDERS.translations,
      `${dayOf(translation.createdAt)} ${fileNameOf(original, untitled, 60)} (${translation.language})`,
      'md',
    );
    files.set(path, translationMarkdown(translation, words));
  }
  for (const session of data.sessions) {
    const name = `${fileNameOf(session.collection ?? '', untitled, 40)} - ${fileNameOf(session.title, untitled, 60)}`;
    files.set(paths.take(FOLDERS.sessions, name, 'md'), sessionMarkdown(session, words));
  }

  const counts = {
    threads: threadFiles,
    drafts: data.drafts.length,
    translations: data.translations.length,
    sessions: data.sessions.length,
  };
  files.set('README.md', readme(data, counts, words));
  const json: MyDataExport = { format: EXPORT_FORMAT, version: EXPORT_VERSION, ...data };
  files.set(EXPORT_JSON_NAME, `${JSON.stringify(json, null, 2)}\n`);
  files.set(EXPORT_SCHEMA_NAME, `${JSON.stringify(exportJsonSchema(), null, 2)}\n`);
  return files;
}

/** The files in one zip, deflated, each dated at the export (zip keeps local time: the user's clock). */
export function zipFiles(files: ReadonlyMap<string, string>, at: Date): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, text] of files) zippable[path] = [strToU8(text), { mtime: at, level: 6 }];
  return zipSync(zippable);
}

export function myDataArchive(data: MyData, words: ExportWords): Uint8Array {
  return zipFiles(myDataFiles(data, words), new Date(data.exportedAt));
}

/** `collective-brain-<name>-2025-05-03.zip` */
export function archiveName(data: MyData): string {
  return `collective-brain-${fileNameOf(data.user.displayName, 'export', 40).replace(/\s+/gu, '-')}-${dayOf(data.exportedAt)}.zip`;
}

function draftMarkdown(draft: ExportDraft, words: ExportWords): string {
  const lines = [
    `# ${markdownText(words.t('file.draftHeading', { kind: words.t(`file.draftKind.${draft.kind}`) }))}`,
    '',
  ];
  lines.push(`*${markdownText(words.t('file.draftSaved', { date: words.date(draft.updatedAt) }))}*`);
  if (draft.refused !== null) {
    lines.push(
      '',
      `> ${markdownText(words.t('file.draftRefused', { reason: draft.refused.message ?? draft.refused.code }))}`,
    );
  }
  // A news item's draft holds a title and a text per language (`title.<code>`, `body.<code>`), in order.
  const suffixes =
    draft.kind === 'news' ? (draft.fields['languages'] ?? '').split(',').map((code) => `.${code}`) : [''];
  for (const suffix of suffixes) {
    const title = draft.fields[`title${suffix}`];
    if (title !== undefined && title.trim() !== '') lines.push('', `## ${markdownText(title)}`);
    const body = draft.fields[`body${suffix}`];
    if (body !== undefined && body.trim() !== '') lines.push('', words.markdown(body).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

function translationMarkdown(translation: ExportTranslation, words: ExportWords): string {
  const lines = [
    `# ${markdownText(words.t('file.translationHeading', { language: words.language(translation.language) }))}`,
    '',
  ];
  const original = translation.original;
  lines.push(
    original.title === null
      ? words.t('file.translationOfUnknown')
      : words.t('file.translationOf', {
          title: markdownText(original.title),
          language: original.language === null ? '?' : words.language(original.language),
        }),
  );
  lines.push('', `*${markdownText(words.date(translation.createdAt))}*`);
  if (translation.state === 'waiting') lines.push('', `*${words.t('file.waiting')}*`);
  if (translation.title !== null) lines.push('', `## ${markdownText(translation.title)}`);
  lines.push('', words.markdown(translation.body).trimEnd());
  return `${lines.join('\n')}\n`;
}

function sessionMarkdown(session: ExportSession, words: ExportWords): string {
  const lines = [`# ${markdownText(session.title === '' ? words.t('file.untitled') : session.title)}`, ''];
  lines.push(`*${words.t(`file.sessionStatus.${session.status}`)}*`);
  if (session.collection !== null)
    lines.push('', words.t('file.sessionIn', { collection: markdownText(session.collection) }));
  if (session.startsAt !== null) lines.push('', words.t('file.sessionStarts', { date: words.date(session.startsAt) }));
  lines.push('', `## ${words.t('file.materials')}`, '');
  if (session.materials.length === 0) lines.push(words.t('file.noMaterials'));
  for (const material of session.materials) {
    const kind = words.t(`file.material.${material.kind}`);
    const label = material.title ?? material.documentTitle ?? material.fileName ?? material.url ?? '';
    const head = label === '' ? kind : `${kind}: ${markdownText(label)}`;
    if (material.kind === 'link' && material.url !== null) lines.push(`- ${head} <${material.url}>`);
    else lines.push(`- ${head}`);
    if (material.kind === 'note' && material.note !== null) {
      lines.push(
        '',
        ...words
          .markdown(material.note)
          .trimEnd()
          .split('\n')
          .map((line) => `  > ${line}`),
        '',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function readme(
  data: MyData,
  counts: { threads: number; drafts: number; translations: number; sessions: number },
  words: ExportWords,
): string {
  return [
    `# ${markdownText(words.t('file.readmeTitle', { name: data.user.displayName }))}`,
    '',
    words.t('file.readmeIntro', { date: words.date(data.exportedAt), server: oneLine(data.server) }),
    '',
    `- \`${FOLDERS.threads}/\`: ${words.t('file.readmeThreads', { count: counts.threads })}`,
    `- \`${FOLDERS.drafts}/\`: ${words.t('file.readmeDrafts', { count: counts.drafts })}`,
    `- \`${FOLDERS.translations}/\`: ${words.t('file.readmeTranslations', { count: counts.translations })}`,
    `- \`${FOLDERS.sessions}/\`: ${words.t('file.readmeSessions', { count: counts.sessions })}`,
    `- \`${EXPORT_JSON_NAME}\`: ${words.t('file.readmeJson', { schema: EXPORT_SCHEMA_NAME, version: EXPORT_VERSION })}`,
    '',
    words.t('file.readmeSessionsMine'),
    '',
  ].join('\n');
}
