import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { useUiStore, type Route } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedTranslationRequest, CollectiveBrainDb } from '../../data/db';
import type { TranslationTargetType } from '../../../../shared/wire/entities';
import { languageName } from '../library/names';
import { pickNewsVersion } from '../../../../shared/news';

/**
 * For translators: the open requests they can fulfil, those into a language they read for an
 * original in another language they read (not their own requests). Each opens its thread or
 * news item, where the Translate button does the rest.
 */
/** Where a request's original is read: its title, its language, and the screen that shows it. */
interface RequestPlace {
  title: string;
  language: ContentLanguage;
  route: Route;
}

type OpenRequest = RequestPlace & { request: CachedTranslationRequest };

async function placeOf(
  db: CollectiveBrainDb,
  type: TranslationTargetType,
  id: string,
): Promise<RequestPlace | undefined> {
  if (type === 'news') {
    const news = await db.news.get(id);
    const version = news === undefined ? undefined : pickNewsVersion(news, []);
    return news === undefined || version === undefined
      ? undefined
      : { title: version.version.title, language: version.language, route: { name: 'news-item', newsId: news.id } };
  }
  const post = await db.posts.get(id);
  const thread = post === undefined ? undefined : await db.threads.get(post.threadId);
  // The thread's title names the place; the post's language is what a translator must read.
  return post === undefined || thread === undefined
    ? undefined
    : { title: thread.title, language: post.language, route: { name: 'thread', threadId: thread.id } };
}

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
    const rows: OpenRequest[] = [];
    for (const request of requests) {
      if (request.fulfilledBy !== null || request.requesterId === readerId) continue;
      const place = await placeOf(db, request.targetType, request.targetId);
      if (place === undefined || !languages.includes(place.language)) continue;
      rows.push({ request, ...place });
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
        {open.map(({ request, title, language, route }) => (
          <li key={request.id}>
            <button type="button" className="title-button" onClick={() => navigate(route)}>
              <span lang={language} dir="auto">
                {title}
              </span>
            </button>{' '}
            <span className="help">
              {t('request.fromInto', {
                from: languageName(language, locale),
                into: languageName(request.language, locale),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
