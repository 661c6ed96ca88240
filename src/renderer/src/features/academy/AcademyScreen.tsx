import { Trans, useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../../shared/localized';
import type { Settings } from '../../../../shared/settings';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import type { CachedCollection } from '../../data/db';
import { ISOLATE } from '../../ui/bidi';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { countryName } from '../library/names';
import { useQuery } from '../../ui/use-query';
import './academy.css';
import { useContentLanguages } from '../../app/use-content-languages';

/** Every Academy edition on a timeline by year, then the other collections. */
export function AcademyScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('academy');
  const languages = useContentLanguages(settings);
  const locale = i18n.language;
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const data = useQuery(async () => {
    const all = await db.collections.toArray();
    const editions = all
      .filter((collection) => collection.edition !== null)
      .sort(
        (a, b) => (a.editionYear ?? 0) - (b.editionYear ?? 0) || (a.edition?.number ?? 0) - (b.edition?.number ?? 0),
      );
    const others = all.filter((collection) => collection.edition === null).sort((a, b) => a.position - b.position);
    return { editions, others };
  }, [db]);
  const open = (collection: CachedCollection): void => navigate({ name: 'collection', collectionId: collection.id });

  return (
    <section className="screen academy-screen" aria-labelledby="academy-title">
      <h1 id="academy-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('intro')}</p>
      {data.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {data.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p>{data.message}</p>
        </ErrorState>
      ) : null}
      {data.status === 'ready' && data.value.editions.length === 0 && data.value.others.length === 0 ? (
        <EmptyState title={t('empty.title')}>
          <p>{t('empty.body')}</p>
        </EmptyState>
      ) : null}
      {data.status === 'ready' && data.value.editions.length > 0 ? (
        <>
          <h2 className="section-heading">{t('editions')}</h2>
          <ol className="edition-timeline">
            {data.value.editions.map((collection) => {
              const edition = collection.edition;
              if (edition === null) return null;
              const theme = edition.theme === null ? undefined : pickLocalized(edition.theme, languages);
              const title = pickLocalized(collection.title, languages);
              return (
                <li key={collection.id} className="edition-item">
                  <span className="edition-year" aria-hidden="true">
                    {edition.year}
                  </span>
                  <article className="edition-card">
                    <h3>
                      <button type="button" className="title-button" onClick={() => open(collection)}>
                        <Trans
                          t={t}
                          i18nKey="editionName"
                          values={{
                            number: edition.number,
                            city: edition.city,
                            country: countryName(edition.country, locale),
                            year: edition.year,
                          }}
                          components={ISOLATE}
                        />
                      </button>
                    </h3>
                    {title === undefined ? null : (
                      <p className="edition-subtitle" lang={title.language} dir="auto">
                        {title.value}
                      </p>
                    )}
                    {theme === undefined ? null : (
                      <p className="edition-theme">
                        <span className="edition-theme-label">{t('theme')}</span>{' '}
                        <bdi lang={theme.language}>{theme.value}</bdi>
                      </p>
                    )}
                    <p className="edition-meta">
                      <span className="badge">{edition.online ? t('online') : t('inPerson')}</span>
                    </p>
                  </article>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
      {data.status === 'ready' && data.value.others.length > 0 ? (
        <>
          <h2 className="section-heading">{t('otherCollections')}</h2>
          <ul className="collection-list">
            {data.value.others.map((collection) => {
              const title = pickLocalized(collection.title, languages);
              const description =
                collection.description === null ? undefined : pickLocalized(collection.description, languages);
              return (
                <li key={collection.id} className="collection-card">
                  <h3 lang={title?.language} dir="auto">
                    <button type="button" className="title-button" onClick={() => open(collection)}>
                      {title?.value ?? t('untitled')}
                    </button>
                  </h3>
                  {description === undefined ? null : (
                    <p lang={description.language} dir="auto">
                      {description.value}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
