import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import type { Settings } from '../../../../shared/settings';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedNews } from '../../data/db';
import { formatDate } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { languageName } from '../library/names';
import { useQuery } from '../../ui/use-query';
import './news.css';

/** News, newest first: the user's languages first, then everything else (nothing is hidden). */
export function NewsScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('news');
  const db = useDb();
  const data = useQuery(() => db.news.orderBy('publishedAt').reverse().toArray(), [db]);
  const languages: readonly ContentLanguage[] = settings.contentLanguages;
  const mine = data.status === 'ready' ? data.value.filter((item) => languages.includes(item.language)) : [];
  const others = data.status === 'ready' ? data.value.filter((item) => !languages.includes(item.language)) : [];

  return (
    <section className="screen news-screen" aria-labelledby="news-title">
      <h1 id="news-title" tabIndex={-1}>
        {t('title')}
      </h1>
      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p>{data.message}</p>
        </ErrorState>
      ) : null}
      {data.status === 'ready' && data.value.length === 0 ? (
        <EmptyState title={t('empty.title')}>
          <p>{t('empty.body')}</p>
        </EmptyState>
      ) : null}
      {mine.length > 0 ? <NewsList items={mine} label={others.length > 0 ? t('inYourLanguages') : null} /> : null}
      {others.length > 0 ? <NewsList items={others} label={mine.length > 0 ? t('inOtherLanguages') : null} /> : null}
    </section>
  );
}

function NewsList({ items, label }: { items: readonly CachedNews[]; label: string | null }): React.JSX.Element {
  const { t, i18n } = useTranslation('news');
  const navigate = useUiStore((state) => state.navigate);
  return (
    <>
      {label === null ? null : <h2 className="section-heading">{label}</h2>}
      <ul className="news-list">
        {items.map((item) => (
          <li key={item.id}>
            <article className="news-card">
              <h2 lang={item.language} dir="auto">
                <button
                  type="button"
                  className="title-button"
                  onClick={() => navigate({ name: 'news-item', newsId: item.id })}
                >
                  {item.title}
                </button>
              </h2>
              <p className="news-meta">
                <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, i18n.language)}</time>
                <span className="badge badge-muted" title={languageName(item.language, i18n.language)}>
                  <span aria-hidden="true">{item.language.toUpperCase()}</span>
                  <span className="visually-hidden">
                    {t('language', { language: languageName(item.language, i18n.language) })}
                  </span>
                </span>
              </p>
              <p className="news-excerpt" lang={item.language} dir="auto">
                {excerpt(item.body)}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A plain-text start of a markdown body, for the list. */
export function excerpt(markdown: string, length = 220): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/[#>*_`~|-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text.length <= length ? text : `${text.slice(0, length).trimEnd()}…`;
}
