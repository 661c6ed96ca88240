import { useLiveQuery } from 'dexie-react-hooks';
import { excerpt as shortText } from '../../ui/excerpt';
import Dexie from 'dexie';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import type { Settings } from '../../../../shared/settings';
import { useState } from 'react';
import { useCan, useSession } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedNews, CachedTranslation } from '../../data/db';
import { formatDate } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { languageName } from '../library/names';
import { useQuery } from '../../ui/use-query';
import { showNews, type ShownNews } from './news-view';
import { NewsWriteState } from './NewsActions';
import { NewsEditor } from './NewsEditor';
import { draftKeys } from '../../data/drafts';
import './news.css';

function shownNews(
  items: readonly CachedNews[],
  translations: readonly CachedTranslation[],
  languages: readonly ContentLanguage[],
  readerId: string | undefined,
): ShownNews[] {
  const byItem = new Map<string, CachedTranslation[]>();
  for (const translation of translations) {
    byItem.set(translation.targetId, [...(byItem.get(translation.targetId) ?? []), translation]);
  }
  return items.flatMap((item) => showNews(item, byItem.get(item.id) ?? [], languages, readerId) ?? []);
}

/** News, newest first: the user's languages first (readers' translations count), then everything else (nothing is hidden). */
export function NewsScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('news');
  const db = useDb();
  const session = useSession();
  const canPublish = useCan('news.publish');
  const navigate = useUiStore((state) => state.navigate);
  // A news item left half-written (another screen, a reload, a restart) opens again with its draft, until the
  // user closes the editor here.
  const hasDraft = useLiveQuery(async () => (await db.drafts.get(draftKeys.news())) !== undefined, [db]);
  const [chosen, setWriting] = useState<boolean | undefined>(undefined);
  const writing = chosen ?? hasDraft ?? false;
  const data = useQuery(async () => {
    const [published, unpublished, translations] = await Promise.all([
      db.news.orderBy('publishedAt').reverse().toArray(),
      // Not in the publishedAt index (a null is no key); only the news team receives them.
      db.news.filter((item) => item.publishedAt === null).toArray(),
      db.translations.where('[targetType+targetId]').between(['news', Dexie.minKey], ['news', Dexie.maxKey]).toArray(),
    ]);
    return { items: published, unpublished, translations };
  }, [db]);
  const languages = useContentLanguages(settings);
  const shown =
    data.status === 'ready' ? shownNews(data.value.items, data.value.translations, languages, session.user?.id) : [];
  const mine = shown.filter((entry) => languages.includes(entry.language));
  const others = shown.filter((entry) => !languages.includes(entry.language));
  const unpublished =
    data.status === 'ready'
      ? shownNews(data.value.unpublished, data.value.translations, languages, session.user?.id)
      : [];

  return (
    <section className="screen news-screen" aria-labelledby="news-title">
      <h1 id="news-title" tabIndex={-1}>
        {t('title')}
      </h1>
      {canPublish && !writing ? (
        <div className="news-toolbar">
          <button type="button" className="button-primary" onClick={() => setWriting(true)}>
            {hasDraft === true ? t('continueDraft') : t('write')}
          </button>
        </div>
      ) : null}
      {canPublish && writing ? (
        <NewsEditor
          languages={languages}
          onDone={(newsId) => {
            setWriting(false);
            navigate({ name: 'news-item', newsId });
          }}
          onCancel={() => setWriting(false)}
        />
      ) : null}
      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p>{data.message}</p>
        </ErrorState>
      ) : null}
      {unpublished.length > 0 ? <NewsList items={unpublished} label={t('unpublishedHeading')} /> : null}
      {data.status === 'ready' && data.value.items.length === 0 ? (
        <EmptyState title={t('empty.title')}>
          <p>{t('empty.body')}</p>
        </EmptyState>
      ) : null}
      {mine.length > 0 ? <NewsList items={mine} label={others.length > 0 ? t('inYourLanguages') : null} /> : null}
      {others.length > 0 ? <NewsList items={others} label={mine.length > 0 ? t('inOtherLanguages') : null} /> : null}
    </section>
  );
}

function NewsList({ items, label }: { items: readonly ShownNews[]; label: string | null }): React.JSX.Element {
  const { t, i18n } = useTranslation('news');
  const navigate = useUiStore((state) => state.navigate);
  return (
    <>
      {label === null ? null : <h2 className="section-heading">{label}</h2>}
      <ul className="news-list">
        {items.map(({ item, language, title, body, versionLanguage }) => (
          <li key={item.id}>
            <article className="news-card">
              <h2 lang={language} dir="auto">
                <button
                  type="button"
                  className="title-button"
                  onClick={() => navigate({ name: 'news-item', newsId: item.id })}
                >
                  {title}
                </button>
              </h2>
              <p className="news-meta">
                {item.publishedAt === null ? (
                  <span className="badge news-badge-warning">{t('unpublished')}</span>
                ) : (
                  <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, i18n.language)}</time>
                )}
                <NewsWriteState item={item} />
                <span className="badge badge-muted" title={languageName(language, i18n.language)}>
                  <span aria-hidden="true">{language.toUpperCase()}</span>
                  <span className="visually-hidden">
                    {t('language', { language: languageName(language, i18n.language) })}
                  </span>
                </span>
                {language !== versionLanguage ? (
                  <span className="badge badge-muted">
                    {t('translatedFrom', { language: languageName(versionLanguage, i18n.language) })}
                  </span>
                ) : null}
              </p>
              <p className="news-excerpt" lang={language} dir="auto">
                {excerpt(body)}
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
  // The shared cut (ui/excerpt.ts): markdown's marks removed, cut after a whole word.
  return shortText(markdown, length);
}
