import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { isolateText } from '../../ui/bidi';
import { formatNumber } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { DocumentCard } from './DocumentCard';
import { FacetPanel } from './FacetPanel';
import { OfflineConfirm } from './OfflineConfirm';
import {
  FACETS,
  SORTS,
  countFacets,
  filterDocuments,
  toggleValue,
  type FacetKey,
  type FacetSelection,
  type SortKey,
} from './facets';
import { loadEditionIndex } from './library-data';
import { countryName, languageName } from './names';
import { offlineItems } from './offline';
import { useQuery } from '../../ui/use-query';
import { useReachable } from './use-files';
import './library.css';
import { useContentLanguages } from '../../app/use-content-languages';

type OfflineStep = { step: 'idle' } | { step: 'confirm' } | { step: 'started'; count: number } | { step: 'failed' };

/** All documents and publications, with facets, sorting and search within the page. */
export function LibraryScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('library');
  const languages = useContentLanguages(settings);
  const db = useDb();
  const api = useApi();
  const reachable = useReachable();
  const navigate = useUiStore((state) => state.navigate);
  const [selection, setSelection] = useState<FacetSelection>({});
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('title');
  const [offline, setOffline] = useState<OfflineStep>({ step: 'idle' });

  const data = useQuery(async () => {
    const [documents, index] = await Promise.all([db.documents.toArray(), loadEditionIndex(db)]);
    return { documents, ...index };
  }, [db]);

  const locale = i18n.language;
  const view = useMemo(() => {
    if (data.status !== 'ready') return null;
    const { documents, byDocument } = data.value;
    return {
      results: filterDocuments(documents, { selection, search, sort, languages, locale }, byDocument),
      counts: countFacets(documents, { selection, search }, byDocument),
    };
  }, [data, selection, search, sort, languages, locale]);

  const heading = (
    <h1 id="library-title" tabIndex={-1}>
      {t('title')}
    </h1>
  );
  if (data.status !== 'ready' || view === null) {
    return (
      <section className="screen library-screen" aria-labelledby="library-title">
        {heading}
        {data.status === 'error' ? (
          <ErrorState title={t('error')}>
            <p>{data.message}</p>
          </ErrorState>
        ) : (
          <LoadingState label={t('loading')} />
        )}
      </section>
    );
  }
  const { editions } = data.value;

  const labelOf = (facet: FacetKey, value: string): string => {
    switch (facet) {
      case 'type':
        return t(`types.${value}`, { defaultValue: value });
      case 'language':
        return languageName(value, locale);
      case 'country':
        return countryName(value, locale);
      case 'edition': {
        const edition = editions.get(value);
        return edition === undefined
          ? value
          : t('editionLabel', { ...edition.label, city: isolateText(edition.label.city) });
      }
      default:
        return value;
    }
  };

  const group = `search:${describeSearch(search, selection)}`.slice(0, 200);
  const planned = offlineItems(view.results, languages, group);
  const startDownload = async (): Promise<void> => {
    const result = await api.files.download({ items: planned.items });
    setOffline(result.ok ? { step: 'started', count: planned.items.length } : { step: 'failed' });
  };

  return (
    <section className="screen library-screen" aria-labelledby="library-title">
      {heading}
      <p className="lead">{t('intro')}</p>
      {data.value.documents.length === 0 ? (
        <EmptyState title={t('empty.title')}>
          <p>{t('empty.body')}</p>
        </EmptyState>
      ) : (
        <div className="library-layout">
          <aside className="library-facets" aria-label={t('facets.heading')}>
            <FacetPanel
              counts={view.counts}
              selection={selection}
              labelOf={labelOf}
              onToggle={(facet, value) => setSelection(toggleValue(selection, facet, value))}
              onClear={() => setSelection({})}
            />
          </aside>
          <div className="library-results">
            <div className="library-toolbar" role="search">
              <label className="field">
                <span>{t('search.label')}</span>
                <input
                  type="search"
                  value={search}
                  placeholder={t('search.placeholder')}
                  onChange={(event) => setSearch(event.target.value)}
                />
              </label>
              <label className="field">
                <span>{t('sort.label')}</span>
                <select value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
                  {SORTS.map((key) => (
                    <option key={key} value={key}>
                      {t(`sort.${key}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="library-summary">
              <p role="status" className="result-count">
                {t('results', { count: view.results.length, formatted: formatNumber(view.results.length, locale) })}
              </p>
              {view.results.length > 0 && offline.step !== 'confirm' ? (
                <button type="button" className="button-secondary" onClick={() => setOffline({ step: 'confirm' })}>
                  {t('offline.forResults')}
                </button>
              ) : null}
            </div>
            {offline.step === 'confirm' ? (
              <OfflineConfirm
                count={planned.items.length}
                totalBytes={planned.totalBytes}
                reachable={reachable}
                onConfirm={() => void startDownload()}
                onCancel={() => setOffline({ step: 'idle' })}
              />
            ) : null}
            {offline.step === 'started' ? (
              <p className="offline-note" role="status">
                {t(reachable === false ? 'offline.queuedOffline' : 'offline.started', { count: offline.count })}
              </p>
            ) : null}
            {offline.step === 'failed' ? (
              <p className="field-error" role="alert">
                {t('offline.failed')}
              </p>
            ) : null}
            {view.results.length === 0 ? (
              <EmptyState title={t('noMatch.title')}>
                <p>{t('noMatch.body')}</p>
              </EmptyState>
            ) : (
              <ul className="document-list">
                {view.results.map((document) => (
                  <li key={document.id}>
                    <DocumentCard
                      document={document}
                      languages={languages}
                      onOpen={() => navigate({ name: 'document', documentId: document.id })}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

/** A short, stable name for the downloads of one search, for the storage view. */
function describeSearch(search: string, selection: FacetSelection): string {
  const parts = search.trim() === '' ? [] : [`"${search.trim()}"`];
  for (const facet of FACETS) {
    const values = selection[facet] ?? [];
    if (values.length > 0) parts.push(`${facet}=${values.join('|')}`);
  }
  return parts.length === 0 ? 'all' : parts.join(' ');
}
