import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageUsage } from '../../../../shared/contract';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../app/api-context';
import { useDb, useSyncEngine } from '../../data/data-context';
import { formatBytes, unitList } from '../../ui/format';
import { countryName, languageName } from '../library/names';
import { parseGroup } from './group-label';

/** How much room offline copies take, what for (editions, documents, searches), and the cap for automatic ones. */
export function StorageSection({
  settings,
  languages,
}: {
  settings: Settings;
  languages: readonly ContentLanguage[];
}): React.JSX.Element {
  const { t, i18n } = useTranslation('sync');
  const locale = i18n.language;
  const api = useApi();
  const db = useDb();
  const engine = useSyncEngine();
  const headingId = useId();
  const capId = useId();
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [cap, setCap] = useState(String(settings.storageCapMb));
  const storedCount = useLiveQuery(() => db.files.where('status').equals('done').count(), [db]);
  useEffect(() => {
    void api.files.usage().then((result) => result.ok && setUsage(result.value));
  }, [api, storedCount]);

  const saveCap = (event: React.SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const value = Number(cap);
    if (Number.isInteger(value)) void api.settings.set({ storageCapMb: value });
  };

  return (
    <>
      <h2 id={headingId} className="sync-heading">
        {t('storage')}
      </h2>
      {usage === null ? null : (
        <>
          <p>
            {t('storageUse', {
              used: formatBytes(usage.totalBytes, locale),
              pinned: formatBytes(usage.pinnedBytes, locale),
              free: formatBytes(usage.freeDiskBytes, locale),
            })}
          </p>
          {Object.keys(usage.byGroup).length > 0 ? (
            <ul className="row-list" aria-labelledby={headingId}>
              {Object.entries(usage.byGroup).map(([group, bytes]) => (
                <li key={group} className="storage-group">
                  <GroupName group={group} languages={languages} />{' '}
                  <span className="meta">{formatBytes(bytes, locale)}</span>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => void api.files.remove({ group }).then(() => engine.trigger())}
                  >
                    {t('removeGroup')}
                    <span className="visually-hidden">
                      {' '}
                      <GroupName group={group} languages={languages} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <form className="field-group cap-form" onSubmit={saveCap}>
        <label htmlFor={capId}>{t('cap')}</label>
        <input
          id={capId}
          type="number"
          min={100}
          step={100}
          value={cap}
          onChange={(event) => setCap(event.target.value)}
        />
        <p className="help">{t('capHelp')}</p>
        <button type="submit" className="button-primary">
          {t('saveCap')}
        </button>
      </form>
    </>
  );
}

/** A storage group by what a person asked for: the edition's or the document's title, the search, the uploads. */
export function GroupName({
  group,
  languages,
}: {
  group: string;
  languages: readonly ContentLanguage[];
}): React.JSX.Element {
  const { t, i18n } = useTranslation(['sync', 'library']);
  const locale = i18n.language;
  const db = useDb();
  const parsed = parseGroup(group);
  const titles = useLiveQuery(async () => {
    const editionIds =
      parsed.kind === 'edition'
        ? [parsed.id]
        : parsed.kind === 'search'
          ? parsed.facets.filter(([facet]) => facet === 'edition').flatMap(([, values]) => values)
          : [];
    const collections = await db.collections.bulkGet(editionIds);
    const document = parsed.kind === 'document' ? await db.documents.get(parsed.id) : undefined;
    return {
      editions: new Map(
        collections.flatMap((collection) => {
          const title = collection === undefined ? undefined : pickLocalized(collection.title, languages);
          return collection === undefined || title === undefined ? [] : [[collection.id, title] as const];
        }),
      ),
      document: document === undefined ? undefined : pickLocalized(document.title, languages),
    };
  }, [db, group, languages]);

  switch (parsed.kind) {
    case 'uploads':
      return <span>{t('groups.uploads')}</span>;
    case 'other':
      return <span>{t('groups.other')}</span>;
    case 'edition':
    case 'document': {
      const title = parsed.kind === 'edition' ? titles?.editions.get(parsed.id) : titles?.document;
      return title === undefined ? (
        <span>{t(parsed.kind === 'edition' ? 'groups.unknownEdition' : 'groups.unknownDocument')}</span>
      ) : (
        <span lang={title.language} dir="auto">
          {title.value}
        </span>
      );
    }
    case 'search': {
      if (parsed.query === null && parsed.facets.length === 0) return <span>{t('groups.wholeLibrary')}</span>;
      const parts: string[] = [];
      if (parsed.query !== null) parts.push(t('groups.quoted', { text: parsed.query }));
      for (const [facet, values] of parsed.facets) {
        for (const value of values) {
          parts.push(
            facet === 'type'
              ? t(`library:types.${value}`, { defaultValue: value })
              : facet === 'language'
                ? languageName(value, locale)
                : facet === 'country'
                  ? countryName(value, locale)
                  : facet === 'edition'
                    ? (titles?.editions.get(value)?.value ?? t('groups.unknownEdition'))
                    : value,
          );
        }
      }
      return <span>{t('groups.search', { what: unitList(locale).format(parts) })}</span>;
    }
  }
}
