import Dexie from 'dexie';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useCan } from '../../app/session-context';
import { useContentLanguages } from '../../app/use-content-languages';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { ThreadList } from './ThreadList';
import { languageName } from '../library/names';
import { countsByThread, sortByActivity, visibleThreads } from './queries';
import { useQuery } from '../../ui/use-query';
import './forum.css';

const PAGE = 50;

/** One category's threads, pinned first then by activity, with language and tag filters. */
export function CategoryScreen({
  categoryId,
  settings,
}: {
  categoryId: string;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const moderator = useCan('forum.moderate');
  const canWrite = useCan('forum.write');
  const navigate = useUiStore((state) => state.navigate);
  const [language, setLanguage] = useState('');
  const [tag, setTag] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const ids = { language: useId(), tag: useId() };

  const data = useQuery(async () => {
    const category = await db.categories.get(categoryId);
    const threads = visibleThreads(
      await db.threads
        .where('[categoryId+lastActivityAt]')
        .between([categoryId, Dexie.minKey], [categoryId, Dexie.maxKey])
        .reverse()
        .toArray(),
      moderator,
    );
    return { category, threads: sortByActivity(threads) };
  }, [db, categoryId, moderator]);

  const contentLanguages = useContentLanguages(settings);
  const all = data.status === 'ready' ? data.value.threads : [];
  const languages = [...new Set(all.map((thread) => thread.language))].sort();
  const tags = [...new Set(all.flatMap((thread) => thread.tags))].sort((a, b) => a.localeCompare(b, i18n.language));
  const filtered = all.filter(
    (thread) => (language === '' || thread.language === language) && (tag === '' || thread.tags.includes(tag)),
  );
  const shown = filtered.slice(0, limit);
  const shownIds = shown.map((thread) => thread.id).join(',');
  const counts = useQuery(() => countsByThread(db, shownIds === '' ? [] : shownIds.split(',')), [db, shownIds]);

  const category = data.status === 'ready' ? data.value.category : undefined;
  const name = category === undefined ? undefined : pickLocalized(category.name, contentLanguages);

  return (
    <section className="screen forum-screen" aria-labelledby="category-title">
      <nav className="forum-crumbs" aria-label={t('crumbs')}>
        <button type="button" className="link-button" onClick={() => navigate({ name: 'forum' })}>
          {t('forum.title')}
        </button>
      </nav>
      <div className="forum-heading-row">
        <h1 id="category-title" tabIndex={-1} lang={name?.language} dir="auto">
          {name?.value ?? (data.status === 'ready' ? t('category.notFound') : t('category.title'))}
        </h1>
        {canWrite && category !== undefined ? (
          <button type="button" className="button-primary" onClick={() => navigate({ name: 'new-thread', categoryId })}>
            {t('category.newThread')}
          </button>
        ) : null}
      </div>

      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error.load')}>
          <p className="help">{data.message}</p>
        </ErrorState>
      ) : null}
      {data.status === 'ready' && category === undefined ? <EmptyState title={t('category.notFoundHint')} /> : null}

      {data.status === 'ready' && category !== undefined ? (
        <>
          <div className="forum-filters" role="group" aria-label={t('filters.label')}>
            <div className="forum-filter">
              <label htmlFor={ids.language}>{t('filters.language')}</label>
              <select
                id={ids.language}
                value={language}
                onChange={(event) => {
                  setLanguage(event.target.value);
                  setLimit(PAGE);
                }}
              >
                <option value="">{t('filters.allLanguages')}</option>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, i18n.language)}
                  </option>
                ))}
              </select>
            </div>
            <div className="forum-filter">
              <label htmlFor={ids.tag}>{t('filters.tag')}</label>
              <select
                id={ids.tag}
                value={tag}
                onChange={(event) => {
                  setTag(event.target.value);
                  setLimit(PAGE);
                }}
              >
                <option value="">{t('filters.allTags')}</option>
                {tags.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <p className="forum-muted" role="status">
              {t('threadCount', { count: filtered.length })}
            </p>
          </div>
          {filtered.length === 0 ? (
            <EmptyState title={all.length === 0 ? t('category.empty') : t('category.noMatch')}>
              {all.length === 0 && canWrite ? <p className="help">{t('category.emptyHint')}</p> : null}
            </EmptyState>
          ) : (
            <>
              <ThreadList
                threads={shown}
                counts={counts.status === 'ready' ? counts.value : new Map()}
                locale={i18n.language}
              />
              {filtered.length > shown.length ? (
                <button type="button" className="button-secondary" onClick={() => setLimit(limit + PAGE)}>
                  {t('category.showMore', { count: filtered.length - shown.length })}
                </button>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
