import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { formatDate } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { languageName } from '../library/names';
import { useQuery } from '../../ui/use-query';
import './news.css';

/** One news item, its body rendered from (sanitized) markdown. */
export function NewsItemScreen({ newsId }: { newsId: string; settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('news');
  const db = useDb();
  const back = useUiStore((state) => state.back);
  const data = useQuery(async () => (await db.news.get(newsId)) ?? null, [db, newsId]);
  const item = data.status === 'ready' ? data.value : null;
  return (
    <section className="screen news-item-screen" aria-labelledby="news-item-title">
      <button type="button" className="link-button back-link" onClick={back}>
        {t('back')}
      </button>
      <h1 id="news-item-title" tabIndex={-1} lang={item?.language} dir="auto">
        {item?.title ?? t('itemHeading')}
      </h1>
      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p>{data.message}</p>
        </ErrorState>
      ) : null}
      {data.status === 'ready' && item === null ? (
        <EmptyState title={t('notFound')}>
          <p>{t('notFoundBody')}</p>
        </EmptyState>
      ) : null}
      {item === null ? null : (
        <>
          <p className="news-meta">
            <time dateTime={item.publishedAt}>
              {formatDate(item.publishedAt, i18n.language, { dateStyle: 'long' })}
            </time>
            <span className="badge badge-muted">{languageName(item.language, i18n.language)}</span>
          </p>
          <div lang={item.language} dir="auto">
            <Markdown source={item.body} className="markdown news-item-body" />
          </div>
        </>
      )}
    </section>
  );
}
