import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import type { CachedThread } from '../../data/db';
import type { ThreadCounts } from '../../data/queries';
import { formatDateTime, formatRelative } from '../../ui/format';
import { languageName } from '../library/names';
import './forum.css';

/** Threads as a list: title, badges, language, tags, post and unread counts, last activity. */
export function ThreadList({
  threads,
  counts,
  locale,
  categoryName,
}: {
  threads: readonly CachedThread[];
  /** Posts and unread posts on this computer (when not yet counted, the thread's stored count). */
  counts: ReadonlyMap<string, ThreadCounts>;
  locale: string;
  /** Shown when the list mixes categories. */
  categoryName?: (categoryId: string) => string;
}): React.JSX.Element {
  const { t } = useTranslation('forum');
  const navigate = useUiStore((state) => state.navigate);
  return (
    <ul className="forum-threads">
      {threads.map((thread) => {
        const count = counts.get(thread.id)?.unread ?? 0;
        const posts = counts.get(thread.id)?.posts ?? thread.postCount;
        return (
          <li key={thread.id} className={count > 0 ? 'forum-thread is-unread' : 'forum-thread'}>
            <div className="forum-thread-main">
              <button
                type="button"
                className="forum-thread-title"
                lang={thread.language}
                dir="auto"
                onClick={() => navigate({ name: 'thread', threadId: thread.id })}
              >
                {thread.title}
              </button>
              <span className="forum-badges">
                {thread.pinned ? <span className="forum-badge">{t('badge.pinned')}</span> : null}
                {thread.locked ? <span className="forum-badge">{t('badge.locked')}</span> : null}
                {thread.hidden ? <span className="forum-badge is-warning">{t('badge.hidden')}</span> : null}
                {thread.local === 'pending' ? <span className="forum-badge">{t('state.pending')}</span> : null}
              </span>
            </div>
            <div className="forum-thread-meta">
              {categoryName !== undefined ? <span dir="auto">{categoryName(thread.categoryId)}</span> : null}
              <span>{languageName(thread.language, locale)}</span>
              {thread.tags.length > 0 ? (
                <span className="forum-tags">
                  {thread.tags.map((tag) => (
                    <span key={tag} className="forum-tag" dir="auto">
                      {tag}
                    </span>
                  ))}
                </span>
              ) : null}
              <span>{t('postCount', { count: posts })}</span>
              <time dateTime={thread.lastActivityAt} title={formatDateTime(thread.lastActivityAt, locale)}>
                {t('lastActivity', { when: formatRelative(thread.lastActivityAt, locale) })}
              </time>
              {count > 0 ? <span className="forum-unread">{t('unreadCount', { count })}</span> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
