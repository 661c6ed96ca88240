import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { languageName } from '../library/names';

/**
 * For translators: the open requests they can fulfil, those into a language they read for an
 * original in another language they read (not their own requests). Each opens its thread,
 * where the post's Translate button does the rest.
 */
export function OpenRequests({
  languages,
  readerId,
  locale,
}: {
  languages: readonly ContentLanguage[];
  readerId: string | undefined;
  locale: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('translations');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const open = useLiveQuery(async () => {
    const requests = await db.translationRequests
      .where('language')
      .anyOf([...languages])
      .toArray();
    const rows = [];
    for (const request of requests) {
      if (request.fulfilledBy !== null || request.requesterId === readerId || request.targetType !== 'post') continue;
      const post = await db.posts.get(request.targetId);
      if (post === undefined || !languages.includes(post.language)) continue;
      const thread = await db.threads.get(post.threadId);
      if (thread === undefined) continue;
      rows.push({ request, post, thread });
    }
    return rows.sort((a, b) => b.request.createdAt.localeCompare(a.request.createdAt));
  }, [db, languages.join(','), readerId]);
  if (open === undefined || open.length === 0) return null;
  return (
    <section className="translation-open-requests" aria-labelledby="open-requests-title">
      <h2 id="open-requests-title" className="forum-section-title">
        {t('request.openHeading', { count: open.length })}
      </h2>
      <ul className="row-list">
        {open.map(({ request, post, thread }) => (
          <li key={request.id}>
            <button
              type="button"
              className="title-button"
              onClick={() => navigate({ name: 'thread', threadId: thread.id })}
            >
              <span lang={thread.language} dir="auto">
                {thread.title}
              </span>
            </button>{' '}
            <span className="help">
              {t('request.fromInto', {
                from: languageName(post.language, locale),
                into: languageName(request.language, locale),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
