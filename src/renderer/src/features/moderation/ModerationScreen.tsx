import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../ui/states';
import { ReportQueue } from './ReportQueue';
import './moderation.css';

/**
 * The moderators' own place: the queue of open reports, oldest first, and the record of what was done with
 * the latest ones. Everything in it is read from this computer's cache and written through the outbox, so it
 * works offline like any other write.
 */
export function ModerationScreen(): React.JSX.Element {
  const { t } = useTranslation('forum');
  const moderator = useCan('forum.moderate');
  return (
    <section className="screen moderation-screen" aria-labelledby="moderation-title">
      <h1 id="moderation-title" tabIndex={-1}>
        {t('moderationScreen.title')}
      </h1>
      <p className="lead">{t('moderationScreen.intro')}</p>
      {moderator ? (
        <ReportQueue />
      ) : (
        // Reached only by an old link after the roles changed: say why there is nothing, not an empty queue.
        <EmptyState title={t('moderationScreen.notModerator')} />
      )}
    </section>
  );
}
