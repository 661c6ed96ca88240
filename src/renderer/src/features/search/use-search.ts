import { useEffect, useState } from 'react';
import type { Api } from '../../../../shared/contract';
import type { ContentLanguage } from '../../../../shared/languages';
import type { Route } from '../../app/ui-store';
import { useApi } from '../../app/api-context';
import { afterFirstContent } from '../../app/first-content';
import { useDb, useSyncEngine } from '../../data/data-context';
import type { CollectiveBrainDb } from '../../data/db';
import type { SyncEngine } from '../../data/sync-engine';
import { SearchService, type SearchHit } from '../../data/search/search-service';
import type { SearchFilters } from '../../data/search/search-index';
import { pdfExtractor } from './pdf-extractor';

/**
 * The filters of a results screen showing `route` (its kinds and language; none off that screen), ranking the
 * reader's content languages higher. The screen and the header's search box build them alike: a query run
 * while it is typed answers the screen only with the same filters.
 */
export function searchFilters(route: Route, preferredLanguages: readonly ContentLanguage[]): SearchFilters {
  const shown = route.name === 'search' ? route : undefined;
  return {
    kinds: shown?.kinds ?? [],
    languages: shown?.language === undefined ? [] : [shown.language],
    preferredLanguages,
  };
}

/** One search service per database for the renderer's lifetime: the index is opened once and kept current. */
const services = new WeakMap<CollectiveBrainDb, SearchService>();

function serviceFor(db: CollectiveBrainDb, api: Api, engine: SyncEngine): SearchService {
  let service = services.get(db);
  if (service === undefined) {
    service = new SearchService(db, {
      extractPdfText: pdfExtractor(api),
      // Sync first: the index catches up once a pull run is over.
      whenQuiet: () => engine.whenNotPulling(),
      onError: (error) => console.error('search index', error),
    });
    services.set(db, service);
  }
  return service;
}

/** The search service of this window's database, opened (stored index or rebuild) on first use. */
export function useSearchService(): SearchService {
  const db = useDb();
  const api = useApi();
  const engine = useSyncEngine();
  const service = serviceFor(db, api, engine);
  useEffect(() => {
    // Content first: the window shows its screen, then loads the index (a cold start parses
    // megabytes of it); what is written meanwhile is recorded and indexed once it is loaded.
    service.watch();
    // Its text is read now (IndexedDB works in its own process), and parsed once the first screen shows
    // its content and the window is idle.
    void service.prefetch();
    let cancelIdle = (): void => undefined;
    const cancelWait = afterFirstContent(() => {
      cancelIdle = whenIdle(() => void service.open());
    });
    return () => {
      cancelWait();
      cancelIdle();
    };
  }, [service]);
  return service;
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /**
   * `query`: the query these hits answer. While a new query runs, the last results stay on screen as they
   * are; `stale` marks them once the new query has taken long enough to be noticed.
   */
  | { status: 'ready'; query: string; hits: SearchHit[]; stale?: boolean };

/** Marked by the search box when a query is sent (for the benchmarks, see `useSearchResults`). */
export const SUBMITTED = 'cb:search-submit';

/** How long a new query may run before the results on screen are marked stale (a typical one takes a few ms). */
const STALE_AFTER_MS = 150;

/** Runs a query, and runs it again whenever the index changes (sync, local writes, a PDF's text). */
export function useSearchResults(query: string, filters: SearchFilters): SearchState {
  const service = useSearchService();
  const [answer, setAnswer] = useState<{ key: string; state: SearchState } | null>(null);
  const [revision, setRevision] = useState(0);
  /** The query (key) that has been running for longer than STALE_AFTER_MS. */
  const [slow, setSlow] = useState<string | null>(null);
  useEffect(() => service.subscribe(() => setRevision((n) => n + 1)), [service]);
  const trimmed = query.trim();
  const key = JSON.stringify([trimmed, filters]);
  useEffect(() => {
    if (trimmed === '') return;
    let live = true;
    const [text, parsed] = JSON.parse(key) as [string, SearchFilters];
    service
      .search(text, parsed)
      .then((hits) => {
        if (!live) return;
        // For the benchmarks: from the query's submission (the search box's mark) to its results here.
        if (globalThis.performance.getEntriesByName(SUBMITTED).length > 0) {
          globalThis.performance.measure('cb:search-answer', SUBMITTED);
          globalThis.performance.clearMarks(SUBMITTED);
        }
        setAnswer({ key, state: { status: 'ready', query: text, hits } });
      })
      .catch((error: unknown) => {
        if (live)
          setAnswer({
            key,
            state: { status: 'error', message: error instanceof Error ? error.message : String(error) },
          });
      });
    return () => {
      live = false;
    };
  }, [service, trimmed, key, revision]);
  const answered = answer?.key === key;
  useEffect(() => {
    if (answered) return;
    const timer = setTimeout(() => setSlow(key), STALE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [answered, key]);
  if (trimmed === '') return { status: 'idle' };
  // A re-run after an index change keeps its answer meanwhile. A new query keeps the last results on screen
  // until its own come (a few milliseconds): nothing on screen changes in between, so the window does not
  // flash to "searching" at each query, and paints once. Without results to keep it shows "searching",
  // never "nothing found" for a query not yet run.
  if (answer === null || answered) return answer?.state ?? { status: 'loading' };
  if (answer.state.status === 'ready' && answer.state.hits.length > 0) {
    return slow === key ? { ...answer.state, stale: true } : answer.state;
  }
  return { status: 'loading' };
}

/** Runs `task` once the window is idle (at the latest after `timeoutMs`); returns a cancel. */
function whenIdle(task: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}
