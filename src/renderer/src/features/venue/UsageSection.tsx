import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Usage } from '../../../../shared/venue/contract';
import { EditionPrioritySchema, type EditionPriority, type Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useDb } from '../../data/data-context';
import { formatBytes } from '../../ui/format';

/** The Sync center's bandwidth budget: bytes used today and this month, a metered connection, a daily cap. */
export function UsageSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('venue');
  const api = useApi();
  const meteredId = useId();
  const capId = useId();
  const [usage, setUsage] = useState<Usage | null>(null);
  const askId = useId();
  const [cap, setCap] = useState(String(settings.dailyCapMb));
  const [askAbove, setAskAbove] = useState(String(settings.askAboveMb));
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
      <form
        className="field-group"
        onSubmit={(event) => {
          event.preventDefault();
          const value = Number(askAbove);
          if (Number.isInteger(value) && value >= 0) void api.settings.set({ askAboveMb: value });
        }}
      >
        <label htmlFor={askId}>{t('usage.askAbove')}</label>
        <input
          id={askId}
          type="number"
          min={0}
          step={5}
          value={askAbove}
          onChange={(event) => setAskAbove(event.target.value)}
        />
        <p className="help">{t('usage.askAboveHelp')}</p>
        <button type="submit" className="button-secondary">
          {t('usage.saveAsk')}
        </button>
      </form>
      <EditionPriorities settings={settings} />
    </section>
  );
}

/** The user's editions, each with the priority of its automatic downloads (or paused). */
function EditionPriorities({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('venue');
  const api = useApi();
  const db = useDb();
  const userId = useSession().user?.id;
  const headingId = useId();
  const editions = useLiveQuery(async () => {
    const user = userId === undefined ? undefined : await db.users.get(userId);
    const collections = await db.collections.bulkGet(user?.editions ?? []);
    return collections.filter((collection) => collection !== undefined);
  }, [db, userId]);
  const set = (collectionId: string, priority: EditionPriority): void => {
    void api.settings.set({ editionPriorities: { ...settings.editionPriorities, [collectionId]: priority } });
  };
  return (
    <div className="field-group" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('usage.priorities')}</h3>
      <p className="help">{t('usage.prioritiesHelp')}</p>
      {editions === undefined ? null : editions.length === 0 ? (
        <p className="meta">{t('usage.noEditions')}</p>
      ) : (
        <ul className="row-list venue-priorities">
          {editions.map((edition) => {
            const title = pickLocalized(edition.title, settings.contentLanguages);
            return (
              <li key={edition.id}>
                <label>
                  <span lang={title?.language} dir="auto">
                    {title?.value ?? edition.id}
                  </span>
                  <select
                    value={settings.editionPriorities[edition.id] ?? 'normal'}
                    onChange={(event) => set(edition.id, EditionPrioritySchema.parse(event.target.value))}
                  >
                    {EditionPrioritySchema.options.map((priority) => (
                      <option key={priority} value={priority}>
                        {t(`usage.priority.${priority}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
