import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useUiStore, type Route } from '../../app/ui-store';
import { useContentLanguages } from '../../app/use-content-languages';
import { SUBMITTED, searchFilters, useSearchService } from './use-search';
import './search.css';

/**
 * The header's search box: submitting opens the results screen. Mounting it opens the index at launch.
 * What is typed is searched as it is typed, with the filters the results screen will use, so that the
 * results are there when the query is sent.
 */
export function SearchField({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('search');
  const service = useSearchService();
  const preferred = useContentLanguages(settings);
  const route = useUiStore((state) => state.route);
  const navigate = useUiStore((state) => state.navigate);
  const current = route.name === 'search' ? route.query : '';
  const [text, setText] = useState(current);
  const [shown, setShown] = useState(current);
  // Follow the route (back/forward, or a query changed on the results screen).
  if (current !== shown) {
    setShown(current);
    setText(current);
  }
  const inputId = useId();
  return (
    <form
      role="search"
      className="search-field"
      onSubmit={(event) => {
        event.preventDefault();
        const query = text.trim();
        if (query === '') return;
        globalThis.performance.mark(SUBMITTED); // for the benchmarks
        navigate(searchRoute(route, query));
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        {t('field.label')}
      </label>
      <input
        id={inputId}
        type="search"
        dir="auto"
        value={text}
        placeholder={t('field.placeholder')}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          service.searchAhead(typed.trim(), searchFilters(route, preferred));
        }}
      />
      <button type="submit" className="button-secondary">
        {t('field.submit')}
      </button>
    </form>
  );
}

/** A query sent from the results screen keeps its filters; from anywhere else it has none. */
function searchRoute(route: Route, query: string): Route {
  return route.name === 'search' ? { ...route, query } : { name: 'search', query };
}
