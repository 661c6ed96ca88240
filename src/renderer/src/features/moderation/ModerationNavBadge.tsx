import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../data/data-context';
import type { CollectiveBrainDb } from '../../data/db';
import { formatNumber } from '../../ui/format';

/** Past this, the badge shows "99+" (the description still says how many). */
const BADGE_MAX = 99;

/** Reports nobody has resolved yet (nor is resolving: a decision waiting in the outbox is already made). */
export async function openReportCount(db: CollectiveBrainDb): Promise<number> {
  return db.reports.filter((report) => report.resolution === null).count();
}

/**
 * The count of open reports beside "Moderation" in the navigation: as the Activity badge, the button keeps its
 * name and the count is its description (`id`).
 */
export function ModerationNavBadge({ id }: { id: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('shell');
  const db = useDb();
  const count = useLiveQuery(() => openReportCount(db), [db]) ?? 0;
  const formatted = formatNumber(count, i18n.language);
  return (
    <>
      {count > 0 ? (
        <span className="nav-badge" aria-hidden="true">
          {count > BADGE_MAX ? `${formatNumber(BADGE_MAX, i18n.language)}+` : formatted}
        </span>
      ) : null}
      <span id={id} className="visually-hidden" aria-hidden="true">
        {count > 0 ? t('nav.moderationBadge', { count, formatted }) : ''}
      </span>
    </>
  );
}
