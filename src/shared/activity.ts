/**
 * What concerns a user in what others write, decided by pure functions: the
 * Activity screen applies them on the user's computer to the synced posts, so
 * it works offline and needs nothing from the server but the posts.
 */

/**
 * Every kind of activity, most specific first: a post that both mentions and
 * replies to the user is one mention, not two items.
 */
export const ACTIVITY_KINDS = [
  'mention',
  'quote',
  'reply',
  'thread-post',
  'edition-session',
  'edition-material',
  'news',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Where an activity belongs: a thread, an Academy edition, the news. */
export const ACTIVITY_PLACE_TYPES = ['thread', 'edition', 'news'] as const;
export type ActivityPlaceType = (typeof ACTIVITY_PLACE_TYPES)[number];

/** Letters, digits and marks: what continues a name or a word (a mention ends where they stop). */
const STARTS_WITH_WORD = /^[\p{L}\p{N}\p{M}_]/u;
const ENDS_WITH_WORD = /[\p{L}\p{N}\p{M}_]$/u;

/**
 * A name or a text folded as people type it: compatibility forms joined
 * (full-width letters, ligatures, decomposed accents), case ignored, runs of
 * spaces as one. The same on every computer (no locale-specific casing).
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ');
}

/** What a post says in its own words: without code (examples, not addresses) and without quoted lines. */
function ownWords(body: string): string {
  return body
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gmu, ' ')
    .replace(/`[^`\n]*`/gu, ' ')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/**
 * Whether a post mentions someone by their display name: `@Name`, the whole
 * name (it may hold spaces and be in any script), not inside a longer word
 * before it (an email address) or after it (`@Anabel` does not mention Ana).
 * Code and quoted lines do not count: quoting a mention does not repeat it.
 */
export function mentions(body: string, displayName: string): boolean {
  const name = foldText(displayName.trim());
  if (name === '' || !body.includes('@')) return false;
  const text = foldText(ownWords(body));
  const needle = `@${name}`;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + needle.length, at + needle.length + 2);
    if (!endsWithWord(before) && !startsWithWord(after)) return true;
  }
  return false;
}

function startsWithWord(text: string): boolean {
  return STARTS_WITH_WORD.test(text);
}

function endsWithWord(text: string): boolean {
  return ENDS_WITH_WORD.test(text);
}

/** The longest display name (see UserSchema): a mention being typed is never longer. */
const MAX_NAME_LENGTH = 120;

/**
 * The mention being typed at the caret, if any: where its `@` is and what
 * follows it so far (it may hold spaces, as names do). An `@` inside a word
 * (an email address) starts none.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(Math.max(0, caret - MAX_NAME_LENGTH - 1), caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const query = before.slice(at + 1);
  if (query.includes('\n') || query.startsWith(' ') || query.includes('@')) return null;
  const start = caret - before.length + at;
  if (start > 0 && endsWithWord(text.slice(Math.max(0, start - 2), start))) return null;
  return { start, query };
}

/**
 * Whether a display name answers what was typed after `@`: it starts with it,
 * or one of its words does ("@par" finds "Demo Participant").
 */
export function nameMatches(displayName: string, query: string): boolean {
  const name = foldText(displayName);
  const typed = foldText(query);
  if (typed === '') return true;
  if (name.startsWith(typed)) return true;
  return name.split(' ').some((_, index, words) => words.slice(index).join(' ').startsWith(typed));
}

/** The plain words of a markdown text, to compare a quote with what it quotes. */
function plain(text: string): string {
  return (
    foldText(text)
      .replace(/[*_~`#>[\]()!]/gu, ' ')
      // An excerpt ends with an ellipsis, which NFKC has made three dots.
      .replace(/\.{3}/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}

/**
 * Whether a reply quotes the post it answers: it holds quoted lines (`> …`)
 * whose words are in that post (a quote may be cut short, so its first words
 * are enough).
 */
export function quotes(body: string, quotedBody: string): boolean {
  const quoted = plain(
    body
      .split('\n')
      .filter((line) => line.trimStart().startsWith('>'))
      .map((line) => line.trimStart().replace(/^>+/u, ''))
      .join(' '),
  );
  if (quoted === '') return false;
  return plain(quotedBody).includes(quoted.slice(0, 80).trim());
}

/** A post, as far as deciding whether it concerns someone goes. */
export interface PostFacts {
  readonly authorId?: string | undefined;
  readonly body: string;
  readonly replyTo: string | null;
  readonly createdAt: string;
}

/** The reader, and what of theirs a post may answer. */
export interface Reader {
  readonly id: string;
  readonly displayName: string;
  /** The reader's own posts a post may answer, with their text (for quotes). */
  readonly posts: ReadonlyMap<string, { readonly body: string }>;
}

/** The thread a post is in, as far as the reader is concerned. */
export interface ThreadFacts {
  readonly authorId?: string | undefined;
  /** The reader follows it, since then (ISO); undefined when they do not. */
  readonly followedSince?: string | undefined;
}

/**
 * How a post by someone else concerns the reader, if it does: it mentions
 * them, quotes or answers one of their posts (a reply to their thread answers
 * its opening post), or is new in a thread they follow.
 */
export function concernOf(post: PostFacts, thread: ThreadFacts, reader: Reader): ActivityKind | null {
  if (post.authorId === undefined || post.authorId === reader.id) return null;
  if (mentions(post.body, reader.displayName)) return 'mention';
  const answered = post.replyTo === null ? undefined : reader.posts.get(post.replyTo);
  if (answered !== undefined) return quotes(post.body, answered.body) ? 'quote' : 'reply';
  if (post.replyTo === null && thread.authorId === reader.id) return 'reply';
  if (thread.followedSince !== undefined && post.createdAt > thread.followedSince) return 'thread-post';
  return null;
}
