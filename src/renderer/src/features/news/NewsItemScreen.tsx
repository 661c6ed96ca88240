import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedNews } from '../../data/db';
import { formatDate } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { neutralizeHtml } from '../forum/post-markdown';
import { languageName } from '../library/names';
import { useContentLanguages } from '../../app/use-content-languages';
import { TranslationConflict } from '../translations/TranslationConflict';
import { RejectedTranslation, TranslationNote, TranslationSwitcher } from '../translations/TranslationNote';
import { TranslationEditor } from '../translations/TranslationEditor';
import { useReaderTranslation } from '../translations/use-reader-translation';
import { useQuery } from '../../ui/use-query';
import './news.css';

/** One news item, its body rendered from (sanitized) markdown, in the reader's language where a reader translated it. */
export function NewsItemScreen({ newsId, settings }: { newsId: string; settings: Settings }): React.JSX.Element {
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
      {item === null ? (
        <h1 id="news-item-title" tabIndex={-1}>
          {t('itemHeading')}
        </h1>
      ) : (
        <NewsItem key={item.id} item={item} settings={settings} locale={i18n.language} />
      )}
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
    </section>
  );
}

function NewsItem({
  item,
  settings,
  locale,
}: {
  item: CachedNews;
  settings: Settings;
  locale: string;
}): React.JSX.Element {
  const { t: tr } = useTranslation('translations');
  const session = useSession();
  const languages = useContentLanguages(settings);
  const [translating, setTranslating] = useState(false);
  const translation = useReaderTranslation({ type: 'news', id: item.id, language: item.language }, languages, {
    id: session.user?.id,
    name: session.user?.displayName,
  });
  const shown = translation.shown;
  const language = shown?.language ?? item.language;
  return (
    <>
      <h1 id="news-item-title" tabIndex={-1} lang={language} dir="auto">
        {shown?.title ?? item.title}
      </h1>
      <p className="news-meta">
        <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, locale, { dateStyle: 'long' })}</time>
        <span className="badge badge-muted">{languageName(item.language, locale)}</span>
      </p>
      <TranslationNote view={translation} originalLanguage={item.language} locale={locale} />
      <TranslationSwitcher view={translation} languages={languages} locale={locale} />
      {translation.conflicts.map((conflict) => (
        <TranslationConflict key={conflict.id} item={conflict} locale={locale} />
      ))}
      <div lang={language} dir="auto">
        {/* A reader's translation is markdown, never HTML (as for posts): nobody restyles an official item. */}
        <Markdown
          source={shown === undefined ? item.body : neutralizeHtml(shown.body)}
          className="markdown news-item-body"
        />
      </div>
      {translating ? null : <RejectedTranslation view={translation} onEdit={() => setTranslating(true)} />}
      {session.user !== undefined ? (
        <div className="news-actions">
          <button
            type="button"
            className="button-secondary"
            aria-expanded={translating}
            onClick={() => setTranslating((open) => !open)}
          >
            {tr('translate')}
          </button>
        </div>
      ) : null}
      {translating ? (
        <TranslationEditor
          target={{ type: 'news', id: item.id, language: item.language }}
          original={{ title: item.title, markdown: item.body }}
          translations={translation.translations}
          refused={translation.refused}
          conflicts={translation.conflicts}
          languages={languages}
          readerId={session.user?.id}
          locale={locale}
          onClose={() => setTranslating(false)}
        />
      ) : null}
    </>
  );
}
