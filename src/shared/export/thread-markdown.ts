import { markdownText, oneLine, type ExportWords } from './export-words';

/** A thread as an export shows it: its title and where it lives. */
export interface ThreadHead {
  id: string;
  title: string;
  language: string;
  /** The category's name in the reader's languages, if known. */
  category: string | null;
  tags: readonly string[];
  createdAt: string;
}

/** One post as an export shows it, its author's name resolved. */
export interface PostForExport {
  id: string;
  body: string;
  language: string;
  author: string;
  /** The name of the author of the post this one answers, if any. */
  replyToAuthor: string | null;
  createdAt: string;
  editedAt: string | null;
  hidden: boolean;
  state: 'sent' | 'waiting' | 'conflict';
}

export interface ThreadMarkdownOptions {
  exportedAt: string;
  /** "My data": the file holds only this person's posts, and says so. */
  onlyMine?: boolean;
}

/** The lines under a post's heading that say where it stands: edited, hidden, not sent yet. */
export function postNotes(post: PostForExport, words: ExportWords): string[] {
  const notes: string[] = [];
  if (post.replyToAuthor !== null) notes.push(words.t('file.inReplyTo', { author: oneLine(post.replyToAuthor) }));
  if (post.editedAt !== null) notes.push(words.t('file.edited', { date: words.date(post.editedAt) }));
  if (post.hidden) notes.push(words.t('file.hidden'));
  if (post.state === 'waiting') notes.push(words.t('file.waiting'));
  if (post.state === 'conflict') notes.push(words.t('file.conflict'));
  return notes;
}

/** A thread's metadata line: category, language and size. */
export function threadMeta(head: ThreadHead, postCount: number, words: ExportWords): string {
  const category = head.category === null ? '' : oneLine(head.category);
  return [category, words.language(head.language), words.t('file.postCount', { count: postCount })]
    .filter((part) => part !== '')
    .join(' · ');
}

/**
 * A thread as one Markdown file: its title, then each post under a heading with
 * its author and date, in order. Bodies are the posts' own markdown.
 */
export function threadMarkdown(
  head: ThreadHead,
  posts: readonly PostForExport[],
  words: ExportWords,
  options: ThreadMarkdownOptions,
): string {
  const lines: string[] = [`# ${markdownText(head.title)}`, ''];
  lines.push(threadMeta(head, posts.length, words));
  if (head.tags.length > 0) lines.push('', head.tags.map((tag) => `\`${oneLine(tag).replace(/`/gu, "'")}\``).join(' '));
  if (options.onlyMine === true) lines.push('', words.t('file.myPostsIn', { count: posts.length }));
  lines.push('', `*${words.t('file.exportedFrom', { date: words.date(options.exportedAt) })}*`);
  for (const post of posts) {
    lines.push('', '---', '');
    lines.push(
      `## ${markdownText(words.t('file.postHeading', { author: post.author, date: words.date(post.createdAt) }))}`,
    );
    const notes = postNotes(post, words);
    if (notes.length > 0) lines.push('', ...notes.map((note) => `*${markdownText(note)}*  `));
    lines.push('', words.markdown(post.body).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
