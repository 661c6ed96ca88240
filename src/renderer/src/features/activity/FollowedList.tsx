import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ContentLanguage } from '../../../../shared/languages';
import { pickLocalized } from '../../../../shared/localized';
import type { FollowTargetType } from '../../../../shared/wire/entities';
import { useSession } from '../../app/session-context';
import { useUiStore, type Route } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { enqueueWrites } from '../../data/outbox';
import { ISOLATE } from '../../ui/bidi';
import { formatDate } from '../../ui/format';
import { useQuery } from '../../ui/use-query';
import { followedPlaces } from './follows';

interface Followed {
  type: FollowTargetType;
  id: string;
  since: string;
  title: { text: string; language: string | undefined } | undefined;
  route: Route;
}

/** The lists shown, in this order. */
const FOLLOWED_KINDS = ['threads', 'editions'] as const;

/** Everything the user follows, newest first, each with "Stop following". */
export function FollowedList({ languages }: { languages: readonly ContentLanguage[] }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('activity');
  const db = useDb();
  const userId = useSession().user?.id;
  const navigate = useUiStore((state) => state.navigate);
  const [failed, setFailed] = useState(false);
  const places = useQuery(async (): Promise<{ threads: Followed[]; editions: Followed[] }> => {
    if (userId === undefined) return { threads: [], editions: [] };
    const { threads, editions } = await followedPlaces(db, userId);
    const [threadRows, collectionRows] = await Promise.all([
      db.threads.bulkGet([...threads.keys()]),
      db.collections.bulkGet([...editions.keys()]),
    ]);
    const newestFirst = (a: Followed, b: Followed): number => b.since.localeCompare(a.since);
    return {
      threads: [...threads]
        .map(([id, since], index): Followed => {
          const thread = threadRows[index];
          return {
            type: 'thread',
            id,
            since,
            title: thread === undefined ? undefined : { text: thread.title, language: thread.language },
            route: { name: 'thread', threadId: id },
          };
        })
        .sort(newestFirst),
      editions: [...editions]
        .map(([id, since], index): Followed => {
          const title = collectionRows[index]?.title;
          const picked = title === undefined ? undefined : pickLocalized(title, languages);
          return {
            type: 'edition',
            id,
            since,
            title: picked === undefined ? undefined : { text: picked.value, language: picked.language },
            route: { name: 'collection', collectionId: id },
          };
        })
        .sort(newestFirst),
    };
  }, [db, userId, languages]);

  if (places.status !== 'ready') return null;
  const stop = (place: Followed): void => {
    setFailed(false);
    enqueueWrites(db, [{ name: 'follow.set', args: { targetType: place.type, targetId: place.id, following: false } }])
      .then(() => undefined)
      .catch(() => setFailed(true));
  };
  const { threads, editions } = places.value;

  return (
    <section className="activity-followed" aria-labelledby="activity-followed-title">
      <h2 id="activity-followed-title">{t('followed.title')}</h2>
      {failed ? (
        <p className="field-error" role="alert">
          {t('follow.failed')}
        </p>
      ) : null}
      {threads.length === 0 && editions.length === 0 ? <p className="help">{t('followed.none')}</p> : null}
      {FOLLOWED_KINDS.map((kind) => [kind, kind === 'threads' ? threads : editions] as const).map(([kind, list]) =>
        list.length === 0 ? null : (
          <div key={kind} className="activity-followed-kind">
            <h3 id={`activity-followed-${kind}`}>{t(`followed.${kind}`)}</h3>
            <ul className="row-list" aria-labelledby={`activity-followed-${kind}`}>
              {list.map((place) => (
                <li key={place.id} className="activity-followed-row">
                  {place.title !== undefined ? (
                    <button
                      type="button"
                      className="link-button"
                      lang={place.title.language}
                      dir="auto"
                      onClick={() => navigate(place.route)}
                    >
                      {place.title.text}
                    </button>
                  ) : (
                    <span className="meta">{t('followed.gone')}</span>
                  )}
                  <span className="meta">{t('followed.since', { when: formatDate(place.since, i18n.language) })}</span>
                  <button type="button" className="activity-quiet" onClick={() => stop(place)}>
                    {place.title !== undefined ? (
                      <>
                        <span aria-hidden="true">{t('followed.unfollow')}</span>
                        <span className="visually-hidden">
                          <Trans
                            t={t}
                            i18nKey="followed.unfollowNamed"
                            values={{ title: place.title.text }}
                            components={ISOLATE}
                          />
                        </span>
                      </>
                    ) : (
                      t('followed.unfollow')
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}
