import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { useSearchService } from './use-search';
import './search.css';

/** The header's search box: submitting opens the results screen. Mounting it opens the index at launch. */
export function SearchField(): React.JSX.Element {
  const { t } = useTranslation('search');
  useSearchService();
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
        if (query !== '') navigate({ name: 'search', query });
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
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button-secondary">
        {t('field.submit')}
      </button>
    </form>
  );
}
