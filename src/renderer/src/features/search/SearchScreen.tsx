import { memo, useCallback, useId, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../../../shared/languages';
import type { Settings } from '../../../../shared/settings';
import { useUiStore, type Route } from '../../app/ui-store';
import { SEARCH_KINDS, isLanguage, type SearchKind } from '../../data/search/search-documents';
import type { SearchHit } from '../../data/search/search-service';
import { ISOLATE } from '../../ui/bidi';
import { formatDate } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { languageName } from '../library/names';
import { Highlighted } from './Highlighted';
import { searchFilters, useSearchResults } from './use-search';
import './search.css';
import { useContentLanguages } from '../../app/use-content-languages';

/** Where a result leads: a post opens in its thread, the others on their own screen. */
export function routeOf(hit: SearchHit): Route {
  switch (hit.kind) {
    case 'post':
      return { name: 'thread', threadId: hit.threadId ?? '', postId: hit.entityId };
    case 'thread':
      return { name: 'thread', threadId: hit.entityId };
    case 'document':
      return { name: 'document', documentId: hit.entityId };
    case 'news':
      return { name: 'news-item', newsId: hit.entityId };
  }
}

/** Ranked results of an offline search over everything cached, with filters by type and language. */
export function SearchScreen({
  route,
  settings,
}: {
  route: Extract<Route, { name: 'search' }>;
  settings: Settings;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('search');
  const preferred = useContentLanguages(settings);
  const replace = useUiStore((state) => state.replace);
  const { query } = route;
  const kinds = route.kinds ?? [];
  const language = route.language ?? '';
  // The filters are part of the route: back and forward bring them back, and the header's search box runs a
  // query as it is typed with the same ones.
  const filters = useMemo(() => searchFilters(route, preferred), [route, preferred]);
  const results = useSearchResults(query, filters);
  const onKinds = useCallback(
    (update: (current: readonly SearchKind[]) => SearchKind[]) => {
      const { route: shown } = useUiStore.getState();
      if (shown.name === 'search') replace({ ...shown, kinds: update(shown.kinds ?? []) });
    },
    [replace],
  );
  const onLanguage = useCallback(
    (chosen: ContentLanguage | '') => {
      const { route: shown } = useUiStore.getState();
      if (shown.name !== 'search') return;
      const { language: _dropped, ...rest } = shown;
      replace(chosen === '' ? rest : { ...rest, language: chosen });
    },
    [replace],
  );
  const labels = useMemo<ResultLabels>(
    () => ({
      kind: Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, t(`kind.${kind}`)])) as Record<SearchKind, string>,
      untitled: t('untitled'),
    }),
    [t],
  );
  // The query whose results are shown: the title changes with them, not before.
  const shownQuery = results.status === 'ready' ? results.query : query;

  return (
    <section className="screen search-screen" aria-labelledby="search-title">
      <h1 id="search-title" tabIndex={-1}>
        {/* The query keeps its own direction (an English query in an Arabic title, or the reverse). */}
        {shownQuery === '' ? (
          t('title')
        ) : (
          <Trans t={t} i18nKey="titleFor" values={{ query: shownQuery }} components={ISOLATE} />
        )}
      </h1>
      <SearchFilters kinds={kinds} language={language} onKinds={onKinds} onLanguage={onLanguage} />
      {results.status === 'idle' ? (
        <EmptyState title={t('empty.noQuery')}>
          <p>{t('empty.noQueryBody')}</p>
        </EmptyState>
      ) : null}
      {results.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {results.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p>{results.message}</p>
        </ErrorState>
      ) : null}
      {/* One live region, always there, says what a query found: a query typed on this screen keeps the
          focus in the search box, so this is how a screen reader hears the answer. */}
      <div role="status">
        {results.status === 'ready' && results.hits.length === 0 ? (
          <EmptyState
            title={<Trans t={t} i18nKey="empty.noResults" values={{ query: shownQuery }} components={ISOLATE} />}
          >
            <p>{t('empty.noResultsBody')}</p>
          </EmptyState>
        ) : null}
        {results.status === 'ready' && results.hits.length > 0 ? (
          <p className="meta">{t('count', { count: results.hits.length })}</p>
        ) : null}
      </div>
      {results.status === 'ready' && results.hits.length > 0 ? (
        <ol className="search-results" aria-busy={results.stale === true}>
          {/* Keyed by position: the next query's results reuse these elements instead of replacing them (the
              list is replaced whole at each query). In a heap profile of the bench's 200 queries, what they
              left alive fell from 11.4 to 1.7 MB, most of it React's removal of the old elements. */}
          {results.hits.map((hit, position) => (
            <li key={position}>
              <SearchResult hit={hit} labels={labels} locale={i18n.language} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** The filters by type and language: memoized, as the screen renders at every query and they rarely change. */
const SearchFilters = memo(function SearchFilters({
  kinds,
  language,
  onKinds,
  onLanguage,
}: {
  kinds: readonly SearchKind[];
  language: ContentLanguage | '';
  onKinds: (update: (current: readonly SearchKind[]) => SearchKind[]) => void;
  onLanguage: (language: ContentLanguage | '') => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('search');
  const languageId = useId();
  const toggle = (kind: SearchKind): void =>
    onKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  return (
    <div className="search-filters">
      <fieldset>
        <legend>{t('filters.type')}</legend>
        {SEARCH_KINDS.map((kind) => (
          <label key={kind} className="search-filter">
            <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggle(kind)} />
            {t(`kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="search-filter-language">
        <label htmlFor={languageId}>{t('filters.language')}</label>
        <select
          id={languageId}
          value={language}
          onChange={(event) => onLanguage(isLanguage(event.target.value) ? event.target.value : '')}
        >
          <option value="">{t('filters.anyLanguage')}</option>
          {CONTENT_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
});

/** What every result says the same way, translated once per language by the screen. */
interface ResultLabels {
  kind: Record<SearchKind, string>;
  untitled: string;
}

/**
 * Memoized: while the next query runs, the results on screen stay as they are (the same hits).
 * The screen passes its labels and locale: `useTranslation` copies the i18next instance for each component
 * that mounts it (in a heap profile of the bench's queries, 9 % of what they allocated, when each query
 * mounted twenty results), and a `t` call per result at each query added up.
 */
const SearchResult = memo(function SearchResult({
  hit,
  labels,
  locale,
}: {
  hit: SearchHit;
  labels: ResultLabels;
  locale: string;
}): React.JSX.Element {
  const navigate = useUiStore((state) => state.navigate);
  const title = hit.title.text === '' ? labels.untitled : null;
  return (
    <article className="search-result" lang={hit.language}>
      {/* Content keeps its own direction: an English title in the Arabic interface, or the reverse. */}
      <h2 dir="auto">
        <button type="button" className="title-button" onClick={() => navigate(routeOf(hit))}>
          {title ?? <Highlighted text={hit.title.text} ranges={hit.title.ranges} />}
        </button>
      </h2>
      <p className="search-result-meta">
        <span className="badge">{labels.kind[hit.kind]}</span>
        {hit.language === undefined ? null : (
          <span className="badge badge-muted">{languageName(hit.language, locale)}</span>
        )}
        {hit.date === undefined ? null : <time dateTime={hit.date}>{formatDate(hit.date, locale)}</time>}
      </p>
      {hit.snippet === null || hit.snippet.text === '' ? null : (
        <p className="search-snippet" dir="auto">
          {hit.snippet.cutStart ? '… ' : null}
          <Highlighted text={hit.snippet.text} ranges={hit.snippet.ranges} />
          {hit.snippet.cutEnd ? ' …' : null}
        </p>
      )}
    </article>
  );
});
