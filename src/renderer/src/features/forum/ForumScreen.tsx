import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useCan, useSession } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { ModerationLink } from '../moderation/ModerationLink';
import { OpenRequests } from '../translations/OpenRequests';
import { ThreadList } from './ThreadList';
import { countsByThread, visibleThreads } from './queries';
import { useQuery } from '../../ui/use-query';
import './forum.css';

const RECENT_LIMIT = 8;

/** The forum's front page: categories with their thread and unread counts, then the latest discussions. */
export function ForumScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const moderator = useCan('forum.moderate');
  const navigate = useUiStore((state) => state.navigate);
  const userId = useSession().user?.id;

  const data = useQuery(async () => {
    const [categories, allThreads] = await Promise.all([
      db.categories.orderBy('position').toArray(),
      db.threads.toArray(),
    ]);
    const threads = visibleThreads(allThreads, moderator);
    const counts = await countsByThread(
      db,
      threads.map((thread) => thread.id),
    );
    const perCategory = new Map<string, { threads: number; unread: number }>();
    for (const thread of threads) {
      const entry = perCategory.get(thread.categoryId) ?? { threads: 0, unread: 0 };
      entry.threads += 1;
      entry.unread += counts.get(thread.id)?.unread ?? 0;
      perCategory.set(thread.categoryId, entry);
    }
    const recent = [...threads].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt)).slice(0, RECENT_LIMIT);
    return { categories, perCategory, recent, counts };
  }, [db, moderator]);

  const contentLanguages = useContentLanguages(settings);
  const categoryName = (id: string): string => {
    if (data.status !== 'ready') return '';
    const category = data.value.categories.find((candidate) => candidate.id === id);
    return category === undefined ? '' : (pickLocalized(category.name, contentLanguages)?.value ?? '');
  };

  return (
    <section className="screen forum-screen" aria-labelledby="forum-title">
      <h1 id="forum-title" tabIndex={-1}>
        {t('forum.title')}
      </h1>
      <p className="lead">{t('forum.intro')}</p>
      {moderator ? <ModerationLink /> : null}
      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error.load')}>
          <p className="help">{data.message}</p>
        </ErrorState>
      ) : null}
      {data.status === 'ready' && data.value.categories.length === 0 ? (
        <EmptyState title={t('forum.empty')}>
          <p className="help">{t('forum.emptyHint')}</p>
        </EmptyState>
      ) : null}
      {data.status === 'ready' && data.value.categories.length > 0 ? (
        <>
          <h2 className="forum-section-title">{t('forum.categories')}</h2>
          <ul className="forum-categories">
            {data.value.categories.map((category) => {
              const name = pickLocalized(category.name, contentLanguages);
              const counts = data.value.perCategory.get(category.id) ?? { threads: 0, unread: 0 };
              return (
                <li key={category.id}>
                  <button
                    type="button"
                    className="forum-category"
                    onClick={() => navigate({ name: 'category', categoryId: category.id })}
                  >
                    <span className="forum-category-name" lang={name?.language} dir="auto">
                      {name?.value ?? t('category.untitled')}
                    </span>
                    <span className="forum-category-counts">
                      <span>{t('threadCount', { count: counts.threads })}</span>
                      {counts.unread > 0 ? (
                        <span className="forum-unread">{t('unreadCount', { count: counts.unread })}</span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <OpenRequests languages={contentLanguages} readerId={userId} locale={i18n.language} />
          <h2 className="forum-section-title">{t('forum.recent')}</h2>
          {data.value.recent.length === 0 ? (
            <EmptyState title={t('forum.noThreads')} />
          ) : (
            <ThreadList
              threads={data.value.recent}
              counts={data.value.counts}
              categoryName={categoryName}
              locale={i18n.language}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
