import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useContentLanguages } from '../../app/use-content-languages';
import { useDb } from '../../data/data-context';
import { formatDate, formatNumber } from '../../ui/format';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useQuery } from '../../ui/use-query';
import { activityView, localDay, markAllRead } from './activity-view';
import { ActivityGroupView } from './ActivityGroupView';
import { FollowedList } from './FollowedList';
import './activity.css';

/** Items shown at first, and added by each "Show older". */
const PAGE = 100;

/** "Today", "Yesterday", else the date in the UI language (with the year when it is not this one). */
function dayLabel(day: string, locale: string, t: (key: string) => string, now = new Date()): string {
  if (day === localDay(now.toISOString())) return t('day.today');
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === localDay(yesterday.toISOString())) return t('day.yesterday');
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return formatDate(new Date(year, month - 1, date).toISOString(), locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(year !== now.getFullYear() ? { year: 'numeric' } : {}),
  });
}

/**
 * What concerns the user, newest first, grouped by day and then by thread,
 * edition or news; each item opens where it happened and can be marked as
 * read, one by one, a group at a time or all at once. Below it, what they follow.
 */
export function ActivityScreen({ settings }: { settings: Settings }): React.JSX.Element {
  const { t, i18n } = useTranslation('activity');
  const db = useDb();
  const languages = useContentLanguages(settings);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [announce, setAnnounce] = useState('');
  const view = useQuery(() => activityView(db, { limit, unreadOnly, languages }), [db, limit, unreadOnly, languages]);
  const unread = view.status === 'ready' ? view.value.unread : 0;

  return (
    <section className="screen activity-screen" aria-labelledby="activity-title">
      <h1 id="activity-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lead">{t('intro')}</p>

      <div className="activity-toolbar">
        <div className="activity-filter" role="group" aria-label={t('filter.label')}>
          <button type="button" aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
            {t('filter.all')}
          </button>
          <button type="button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
            {t('filter.unread')}
          </button>
        </div>
        <p className="activity-count" role="status">
          {view.status === 'ready'
            ? announce !== ''
              ? announce
              : t('unreadCount', { count: unread, formatted: formatNumber(unread, i18n.language) })
            : ''}
        </p>
        <button
          type="button"
          className="button-secondary"
          disabled={unread === 0}
          onClick={() => {
            void markAllRead(db).then(() => setAnnounce(t('markedAllRead')));
          }}
        >
          {t('markAllRead')}
        </button>
      </div>

      {view.status === 'loading' ? <LoadingState label={t('loading')} /> : null}
      {view.status === 'error' ? (
        <ErrorState title={t('error')}>
          <p className="help">{view.message}</p>
        </ErrorState>
      ) : null}
      {view.status === 'ready' && view.value.days.length === 0 ? (
        unreadOnly ? (
          <EmptyState title={t('emptyUnread.title')}>
            <p className="help">{t('emptyUnread.hint')}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t('empty.title')}>
            <p className="help">{t('empty.hint')}</p>
          </EmptyState>
        )
      ) : null}
      {view.status === 'ready'
        ? view.value.days.map((day) => (
            <section key={day.day} className="activity-day" aria-labelledby={`activity-day-${day.day}`}>
              <h2 id={`activity-day-${day.day}`}>{dayLabel(day.day, i18n.language, t)}</h2>
              <ul className="activity-groups">
                {day.groups.map((group) => (
                  <ActivityGroupView
                    key={group.key}
                    group={group}
                    languages={languages}
                    onMarked={() => setAnnounce('')}
                  />
                ))}
              </ul>
            </section>
          ))
        : null}
      {view.status === 'ready' && view.value.more ? (
        <button type="button" className="button-secondary activity-more" onClick={() => setLimit(limit + PAGE)}>
          {t('showOlder')}
        </button>
      ) : null}

      <FollowedList languages={languages} />
    </section>
  );
}
