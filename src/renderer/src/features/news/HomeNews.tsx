import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pinnedNewsOf } from '../../../../shared/news';
import { useUiStore } from '../../app/ui-store';
import type { CachedNews, CachedTranslation, CollectiveBrainDb } from '../../data/db';
import { formatRelative } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { showNews } from './news-view';
import './news.css';

/** What Home shows of the news: the pinned item first, then the latest published, with their translations. */
export interface HomeNewsData {
  readonly items: readonly CachedNews[];
  readonly pinnedId: string | undefined;
  readonly translations: readonly CachedTranslation[];
}

export async function homeNews(db: CollectiveBrainDb, count = 3): Promise<HomeNewsData> {
  // Only published and pinned items are in these indexes (a null is not a key).
  const [latest, pinnedRows] = await Promise.all([
    db.news.orderBy('publishedAt').reverse().limit(count).toArray(),
    db.news.orderBy('pinnedAt').reverse().limit(count).toArray(),
  ]);
  const pinned = pinnedNewsOf(pinnedRows);
  const items = pinned === undefined ? latest : [pinned, ...latest.filter((item) => item.id !== pinned.id)];
  const shown = items.slice(0, count);
  const translations = await db.translations
    .where('[targetType+targetId]')
    .anyOf(shown.map((item) => ['news', item.id]))
    .toArray();
  return { items: shown, pinnedId: pinned?.id, translations };
}

/** The news rows of Home, in the reader's languages; undefined while they are read. */
export function HomeNews({
  news,
  languages,
  readerId,
}: {
  news: HomeNewsData | undefined;
  languages: readonly ContentLanguage[];
  readerId: string | undefined;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('home');
  const navigate = useUiStore((state) => state.navigate);
  if (news === undefined) return null;
  if (news.items.length === 0) return <EmptyState title={t('noNews')} />;
  return (
    <ul className="row-list" aria-labelledby="home-news">
      {news.items.map((item) => {
        const shown = showNews(
          item,
          news.translations.filter((translation) => translation.targetId === item.id),
          languages,
          readerId,
        );
        if (shown === undefined) return null;
        return (
          <li key={item.id} className={item.id === news.pinnedId ? 'home-news-pinned' : undefined}>
            {item.id === news.pinnedId ? <span className="badge">{t('pinnedNews')}</span> : null}{' '}
            <button
              type="button"
              className="link-button"
              lang={shown.language}
              dir="auto"
              onClick={() => navigate({ name: 'news-item', newsId: item.id })}
            >
              {shown.title}
            </button>
            {item.publishedAt === null ? null : (
              <p className="meta">{formatRelative(item.publishedAt, i18n.language)}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
