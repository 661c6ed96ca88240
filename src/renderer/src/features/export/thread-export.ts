import Dexie from 'dexie';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { ExportWords } from '../../../../shared/export/export-words';
import { fileNameOf } from '../../../../shared/export/file-names';
import { threadHtml } from '../../../../shared/export/thread-html';
import { threadMarkdown, type PostForExport, type ThreadHead } from '../../../../shared/export/thread-markdown';
import type { CollectiveBrainDb } from '../../data/db';
import { renderMarkdown } from '../../ui/Markdown';
import { neutralizeHtml } from '../forum/post-markdown';
import type { FileToSave } from './save-file';

export type ThreadFormat = 'markdown' | 'html';

export interface ThreadReader {
  userId: string | undefined;
  userName: string | undefined;
  /** Moderators see hidden posts, and so does their export; others' exports leave them out. */
  canModerate: boolean;
  languages: readonly ContentLanguage[];
}

/** A thread and its posts, in order, as this reader sees them on this computer. */
export async function gatherThread(
  db: CollectiveBrainDb,
  threadId: string,
  reader: ThreadReader,
  words: ExportWords,
): Promise<{ head: ThreadHead; posts: PostForExport[] } | null> {
  return db.transaction('r', [db.threads, db.categories, db.posts, db.users], async () => {
    const thread = await db.threads.get(threadId);
    if (thread === undefined) return null;
    const category = await db.categories.get(thread.categoryId);
    const rows = await db.posts
      .where('[threadId+createdAt]')
      .between([threadId, Dexie.minKey], [threadId, Dexie.maxKey])
      .toArray();
    const shown = rows.filter((post) => !post.hidden || reader.canModerate);
    const byId = new Map(rows.map((post) => [post.id, post] as const));
    const authorIds = new Set(rows.map((post) => post.authorId));
    const users = await db.users.bulkGet([...authorIds].filter((id): id is string => id !== undefined));
    const names = new Map(users.flatMap((user) => (user === undefined ? [] : [[user.id, user.displayName] as const])));
    const nameOf = (id: string | undefined): string =>
      (id === undefined ? undefined : names.get(id)) ??
      (id === undefined || id === reader.userId ? reader.userName : undefined) ??
      words.t('file.unknownAuthor');
    const posts = shown.map((post): PostForExport => {
      const parent = post.replyTo === null ? undefined : byId.get(post.replyTo);
      return {
        id: post.id,
        body: post.body,
        language: post.language,
        author: nameOf(post.authorId),
        replyToAuthor: parent === undefined ? null : nameOf(parent.authorId),
        createdAt: post.createdAt,
        editedAt: post.editedAt,
        hidden: post.hidden,
        state: post.local === undefined ? 'sent' : post.local === 'pending' ? 'waiting' : 'conflict',
      };
    });
    return {
      head: {
        id: thread.id,
        title: thread.title,
        language: thread.language,
        category: category === undefined ? null : (pickLocalized(category.name, reader.languages)?.value ?? null),
        tags: thread.tags,
        createdAt: thread.createdAt,
      },
      posts,
    };
  });
}

/**
 * The file for a thread: Markdown, or one self-contained HTML page whose post
 * bodies went through the same sanitizer as the screen (marked, then DOMPurify).
 */
export function threadFile(
  thread: { head: ThreadHead; posts: PostForExport[] },
  format: ThreadFormat,
  words: ExportWords,
  page: { uiLanguage: string; dir: 'ltr' | 'rtl'; filterName: string; now?: Date },
): FileToSave {
  const exportedAt = (page.now ?? new Date()).toISOString();
  const base = fileNameOf(thread.head.title, 'thread');
  const encoder = new TextEncoder();
  if (format === 'markdown') {
    return {
      fileName: `${base}.md`,
      mime: 'text/markdown',
      bytes: encoder.encode(threadMarkdown(thread.head, thread.posts, words, { exportedAt })),
      filter: { name: page.filterName, extensions: ['md'] },
    };
  }
  const html = threadHtml(thread.head, thread.posts, words, {
    exportedAt,
    uiLanguage: page.uiLanguage,
    dir: page.dir,
    html: (body) => renderMarkdown(neutralizeHtml(body)),
  });
  return {
    fileName: `${base}.html`,
    mime: 'text/html',
    bytes: encoder.encode(html),
    filter: { name: page.filterName, extensions: ['html'] },
  };
}
