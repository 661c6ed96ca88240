import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Usage } from '../../../../shared/venue/contract';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { formatBytes } from '../../ui/format';

/** The Sync center's bandwidth budget: bytes used today and this month, a metered connection, a daily cap. */
export function UsageSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const meteredId = useId();
  const capId = useId();
  const [usage, setUsage] = useState<Usage | null>(null);
  const [cap, setCap] = useState(String(settings.dailyCapMb));
  useEffect(() => {
    const read = (): void => void api.venue.usage().then((result) => result.ok && setUsage(result.value));
    read();
    const timer = setInterval(read, 10_000);
    return () => clearInterval(timer);
  }, [api]);
  return (
    <section className="venue-usage" aria-labelledby={`${capId}-heading`}>
      <h2 id={`${capId}-heading`} className="sync-heading">
        {t('usage.heading')}
      </h2>
      <p>
        {usage === null
          ? t('usage.loading')
          : t('usage.used', {
              today: formatBytes(usage.todayBytes, i18n.language),
              month: formatBytes(usage.monthBytes, i18n.language),
            })}
      </p>
      <div className="field-group">
        <label htmlFor={meteredId} className="checkbox-label">
          <input
            id={meteredId}
            type="checkbox"
            checked={settings.metered}
            onChange={(event) => void api.settings.set({ metered: event.target.checked })}
          />{' '}
          {t('usage.metered')}
        </label>
        <p className="help">{t('usage.meteredHelp')}</p>
      </div>
      <form
        className="field-group"
        onSubmit={(event) => {
          event.preventDefault();
          const value = Number(cap);
          if (Number.isInteger(value) && value >= 0) void api.settings.set({ dailyCapMb: value });
        }}
      >
        <label htmlFor={capId}>{t('usage.cap')}</label>
        <input
          id={capId}
          type="number"
          min={0}
          step={50}
          value={cap}
          onChange={(event) => setCap(event.target.value)}
        />
        <p className="help">{t('usage.capHelp')}</p>
        <button type="submit" className="button-secondary">
          {t('usage.saveCap')}
        </button>
      </form>
    </section>
  );
}
