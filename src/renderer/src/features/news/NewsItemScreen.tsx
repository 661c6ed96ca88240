import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { languagesOf, pickNewsVersion } from '../../../../shared/news';
import type { Settings } from '../../../../shared/settings';
import { useCan, useSession } from '../../app/session-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedNews } from '../../data/db';
import { formatDate } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';
import { OneThingStates } from '../../ui/states';
import { neutralizeHtml } from '../forum/post-markdown';
import { languageName } from '../library/names';
import { useContentLanguages } from '../../app/use-content-languages';
import { TranslationConflict } from '../translations/TranslationConflict';
import { RejectedTranslation, TranslationNote, TranslationSwitcher } from '../translations/TranslationNote';
import { TranslationRequestControl } from '../translations/TranslationRequest';
import { TranslationEditor } from '../translations/TranslationEditor';
import { useReaderTranslation } from '../translations/use-reader-translation';
import { useQuery } from '../../ui/use-query';
import { NewsActions, NewsWriteState } from './NewsActions';
import { NewsEditor } from './NewsEditor';
import { draftKeys } from '../../data/drafts';
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
      <OneThingStates
        query={data}
        text={{ loading: t('loading'), error: t('error'), notFound: t('notFound'), notFoundBody: t('notFoundBody') }}
      />
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
  const { t } = useTranslation('news');
  const { t: tr } = useTranslation('translations');
  const session = useSession();
  const languages = useContentLanguages(settings);
  const [translating, setTranslating] = useState(false);
  const canPublish = useCan('news.publish');
  // An edit left unfinished opens again with its draft, until the user closes the editor here.
  const db = useDb();
  const hasDraft = useLiveQuery(
    async () => (await db.drafts.get(draftKeys.news(item.id))) !== undefined,
    [db, item.id],
  );
  const [editChosen, setEditing] = useState<boolean | undefined>(undefined);
  const editing = editChosen ?? hasDraft ?? false;
  // The version the reader chose among the item's languages; by default the one their languages prefer.
  const [chosen, setChosen] = useState<ContentLanguage | null>(null);
  const written = languagesOf(item.versions);
  const preferred = pickNewsVersion(item, languages);
  const versionLanguage = chosen !== null && item.versions[chosen] !== undefined ? chosen : preferred?.language;
  const version = versionLanguage === undefined ? undefined : item.versions[versionLanguage];
  const translation = useReaderTranslation(
    { type: 'news', id: item.id, language: versionLanguage ?? 'en' },
    languages,
    { id: session.user?.id, name: session.user?.displayName },
  );
  if (version === undefined || versionLanguage === undefined) return <></>;
  if (editing && canPublish) {
    return (
      <>
        <h1 id="news-item-title" tabIndex={-1} lang={versionLanguage} dir="auto">
          {version.title}
        </h1>
        <NewsEditor
          item={item}
          languages={languages}
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      </>
    );
  }
  const shown = translation.shown;
  const language = shown?.language ?? versionLanguage;
  const others = written.filter((code) => code !== versionLanguage);
  return (
    <>
      <h1 id="news-item-title" tabIndex={-1} lang={language} dir="auto">
        {shown?.title ?? version.title}
      </h1>
      <p className="news-meta">
        {item.publishedAt === null ? (
          <span className="badge news-badge-warning">{t('unpublished')}</span>
        ) : (
          <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, locale, { dateStyle: 'long' })}</time>
        )}
        <span className="badge badge-muted">{languageName(versionLanguage, locale)}</span>
        {item.pinnedAt !== null && item.publishedAt !== null ? <span className="badge">{t('pinned')}</span> : null}
        <NewsWriteState item={item} />
      </p>
      {canPublish ? <NewsActions item={item} onEdit={() => setEditing(true)} /> : null}
      {others.length > 0 ? (
        <p className="news-versions">
          {t('alsoIn')}{' '}
          {others.map((code) => (
            <button
              key={code}
              type="button"
              className="link-button"
              lang={code}
              onClick={() => {
                // A version the reader chose is shown as it is, not a translation in its place.
                setChosen(code);
                translation.show(undefined);
              }}
            >
              {languageName(code, locale)}
            </button>
          ))}
        </p>
      ) : null}
      <TranslationNote view={translation} originalLanguage={versionLanguage} locale={locale} />
      <TranslationSwitcher view={translation} languages={languages} locale={locale} />
      {translation.conflicts.map((conflict) => (
        <TranslationConflict key={conflict.id} item={conflict} locale={locale} />
      ))}
      <div lang={language} dir="auto">
        {/* Markdown, never HTML, as for posts: raw HTML shows as text (the editor's preview shows it so too, and
            nobody restyles an official item through a translation), then DOMPurify sanitizes. */}
        <Markdown source={neutralizeHtml(shown?.body ?? version.body)} className="markdown news-item-body" />
      </div>
      <TranslationRequestControl
        target={{ type: 'news', id: item.id, language: versionLanguage }}
        translations={translation.translations}
        languages={languages}
        readerId={session.user?.id}
        locale={locale}
      />
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
          target={{ type: 'news', id: item.id, language: versionLanguage }}
          original={{ title: version.title, markdown: version.body }}
          translations={translation.translations}
          refused={translation.refused}
          conflicts={translation.conflicts}
          languages={languages}
          writtenIn={written}
          readerId={session.user?.id}
          locale={locale}
          onClose={() => setTranslating(false)}
        />
      ) : null}
    </>
  );
}
