import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/ui-store';
import { useDb } from '../../data/data-context';
import { formatNumber } from '../../ui/format';
import { openReportCount } from './ModerationNavBadge';

/** On the Forum, moderators see how many reports wait, and go to the queue from there. */
export function ModerationLink(): React.JSX.Element | null {
  const { t, i18n } = useTranslation('forum');
  const db = useDb();
  const navigate = useUiStore((state) => state.navigate);
  const count = useLiveQuery(() => openReportCount(db), [db]);
  if (count === undefined || count === 0) return null;
  return (
    <p className="forum-moderation-link" role="status">
      <button type="button" className="link-button" onClick={() => navigate({ name: 'moderation' })}>
        {t('moderationScreen.link', { count, formatted: formatNumber(count, i18n.language) })}
      </button>
    </p>
  );
}
