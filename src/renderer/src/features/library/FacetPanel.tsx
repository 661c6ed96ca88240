import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { FACETS, type FacetKey, type FacetSelection } from './facets';

const SHOWN = 8;

interface FacetPanelProps {
  counts: Record<FacetKey, Map<string, number>>;
  selection: FacetSelection;
  labelOf: (facet: FacetKey, value: string) => string;
  onToggle: (facet: FacetKey, value: string) => void;
  onClear: () => void;
}

/** Every facet as a fieldset of checkboxes, each value with how many documents it would show. */
export function FacetPanel({ counts, selection, labelOf, onToggle, onClear }: FacetPanelProps): React.JSX.Element {
  const { t } = useTranslation('library');
  const anyChosen = FACETS.some((facet) => (selection[facet] ?? []).length > 0);
  return (
    <div className="facet-panel">
      <div className="facet-panel-head">
        <h2>{t('facets.heading')}</h2>
        {anyChosen ? (
          <button type="button" className="link-button" onClick={onClear}>
            {t('facets.clear')}
          </button>
        ) : null}
      </div>
      {FACETS.map((facet) => (
        <Facet
          key={facet}
          facet={facet}
          counts={counts[facet]}
          chosen={selection[facet] ?? []}
          labelOf={labelOf}
          onToggle={onToggle}
        />
      ))}
    </div>
  );
}

function Facet({
  facet,
  counts,
  chosen,
  labelOf,
  onToggle,
}: {
  facet: FacetKey;
  counts: Map<string, number>;
  chosen: readonly string[];
  labelOf: (facet: FacetKey, value: string) => string;
  onToggle: (facet: FacetKey, value: string) => void;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('library');
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  if (counts.size === 0) return null;
  const values = [...counts.entries()].sort(([a, countA], [b, countB]) =>
    facet === 'year' ? Number(b) - Number(a) : countB - countA || labelOf(facet, a).localeCompare(labelOf(facet, b)),
  );
  const visible = expanded ? values : values.slice(0, SHOWN);
  return (
    <fieldset className="facet">
      <legend>{t(`facets.${facet}`)}</legend>
      <ul className="facet-values" id={`${id}-values`}>
        {visible.map(([value, count]) => {
          const inputId = `${id}-${value}`;
          return (
            <li key={value}>
              <input
                type="checkbox"
                id={inputId}
                checked={chosen.includes(value)}
                onChange={() => onToggle(facet, value)}
              />
              <label htmlFor={inputId}>
                <span className="facet-label" dir={facet === 'series' || facet === 'topic' ? 'auto' : undefined}>
                  {labelOf(facet, value)}
                </span>
                <span className="facet-count" aria-hidden="true">
                  {formatNumber(count, i18n.language)}
                </span>
                <span className="visually-hidden">{t('facets.count', { count })}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {values.length > SHOWN ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          aria-controls={`${id}-values`}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('facets.showFewer') : t('facets.showAll', { count: values.length })}
        </button>
      ) : null}
    </fieldset>
  );
}
