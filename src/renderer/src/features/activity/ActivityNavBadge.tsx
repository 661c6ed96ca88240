import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../data/data-context';
import { formatNumber } from '../../ui/format';
import { unreadCount } from './activity-view';
import './activity.css';

/** Past this, the badge shows "99+" (the description still says how many). */
const BADGE_MAX = 99;

/**
 * The unread count beside "Activity" in the navigation. The button keeps its
 * name ("Activity"); the count is its description (`id`), so it is read out
 * without changing what the button is called.
 */
export function ActivityNavBadge({ id }: { id: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('activity');
  const db = useDb();
  const count = useLiveQuery(() => unreadCount(db), [db]) ?? 0;
  const formatted = formatNumber(count, i18n.language);
  return (
    <>
      {count > 0 ? (
        <span className="nav-badge" aria-hidden="true">
          {count > BADGE_MAX ? `${formatNumber(BADGE_MAX, i18n.language)}+` : formatted}
        </span>
      ) : null}
      {/* Hidden from the button's name (its content), still read as its description (aria-describedby). */}
      <span id={id} className="visually-hidden" aria-hidden="true">
        {count > 0 ? t('badge', { count, formatted }) : ''}
      </span>
    </>
  );
}
